package org.flowcoin.net.message;

import java.nio.ByteBuffer;
import java.util.List;
import org.flowcoin.net.Command;
import org.flowcoin.net.NetDecodeException;

/**
 * {@code inv}: announces objects the sender has. CompactSize count (&le; 50,000), then 36-byte {@link InvItem} values.
 *
 * <pre>{@code
 * InvMessage m = new InvMessage(List.of(new InvItem(InvType.BLOCK, blockHash)));
 * }</pre>
 */
public record InvMessage(List<InvItem> items) implements Message {
    public InvMessage {
        items = InvList.check(items);
    }

    public static InvMessage read(ByteBuffer in) throws NetDecodeException {
        return new InvMessage(InvList.read(in));
    }

    public Command command() {
        return Command.INV;
    }

    public int serializedSize() {
        return InvList.size(items);
    }

    public void write(ByteBuffer out) {
        InvList.write(out, items);
    }
}
