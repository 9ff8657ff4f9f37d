package org.flowcoin.net.message;

import java.nio.ByteBuffer;
import java.util.List;
import org.flowcoin.net.Command;
import org.flowcoin.net.NetDecodeException;

/**
 * {@code notfound}: answers a {@code getdata} or {@code getchunk} for objects the sender does not have. CompactSize count (&le; 50,000), then 36-byte {@link InvItem} values.
 *
 * <pre>{@code
 * NotFoundMessage m = new NotFoundMessage(List.of(new InvItem(InvType.BLOCK, blockHash)));
 * }</pre>
 */
public record NotFoundMessage(List<InvItem> items) implements Message {
    public NotFoundMessage {
        items = InvList.check(items);
    }

    public static NotFoundMessage read(ByteBuffer in) throws NetDecodeException {
        return new NotFoundMessage(InvList.read(in));
    }

    public Command command() {
        return Command.NOTFOUND;
    }

    public int serializedSize() {
        return InvList.size(items);
    }

    public void write(ByteBuffer out) {
        InvList.write(out, items);
    }
}
