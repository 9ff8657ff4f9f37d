package org.flowcoin.net.message;

import org.flowcoin.primitives.Hash256;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.internal.Wire;

/**
 * One inventory entry: type (u32 LE) and 32-byte hash.
 *
 * <pre>{@code
 * InvItem want = new InvItem(InvType.BLOCK, blockHash);
 * }</pre>
 */
public record InvItem(InvType type, Hash256 hash) {
    /** Size on the wire. */
    public static final int SIZE = 36;

    public InvItem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hash, "hash");
    }

    public static InvItem read(ByteBuffer in) throws NetDecodeException {
        InvType t = InvType.ofCode(Wire.u32(in, "inventory type"));
        return new InvItem(t, Wire.hash(in));
    }

    public void write(ByteBuffer out) {
        Wire.writeU32(out, type.code());
        hash.write(out);
    }
}
