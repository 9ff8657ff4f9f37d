package org.flowcoin.net.message;

import java.nio.ByteBuffer;
import java.util.List;
import org.flowcoin.net.Command;
import org.flowcoin.net.NetDecodeException;

/**
 * {@code getdata}: requests objects; blocks come back as {@code block}, deltas and checkpoints as an announcement (then {@code getchunk}). CompactSize count (&le; 50,000), then 36-byte {@link InvItem} values.
 *
 * <pre>{@code
 * GetDataMessage m = new GetDataMessage(List.of(new InvItem(InvType.BLOCK, blockHash)));
 * }</pre>
 */
public record GetDataMessage(List<InvItem> items) implements Message {
    public GetDataMessage {
        items = InvList.check(items);
    }

    public static GetDataMessage read(ByteBuffer in) throws NetDecodeException {
        return new GetDataMessage(InvList.read(in));
    }

    public Command command() {
        return Command.GETDATA;
    }

    public int serializedSize() {
        return InvList.size(items);
    }

    public void write(ByteBuffer out) {
        InvList.write(out, items);
    }
}
