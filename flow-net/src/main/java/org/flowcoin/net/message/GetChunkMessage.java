package org.flowcoin.net.message;

import org.flowcoin.primitives.Hash256;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.flowcoin.net.Command;
import org.flowcoin.net.Limits;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.internal.Wire;

/**
 * {@code getchunk}: type (u32, DELTA or CHECKPOINT), object hash, chunk index (u32 &lt; 2^24). Answered
 * by a {@link ChunkMessage} or a {@code notfound}. 40 bytes.
 *
 * <pre>{@code
 * GetChunkMessage req = new GetChunkMessage(InvType.DELTA, deltaHash, 0);
 * }</pre>
 */
public record GetChunkMessage(InvType type, Hash256 objectHash, int index) implements Message {
    public GetChunkMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(objectHash, "objectHash");
        if (!type.isChunked()) throw new IllegalArgumentException("type is not chunked");
        if (index < 0 || index >= Limits.MAX_CHUNKS) throw new IllegalArgumentException("chunk index out of range");
    }

    public static GetChunkMessage read(ByteBuffer in) throws NetDecodeException {
        InvType t = InvType.ofCode(Wire.u32(in, "type"));
        if (!t.isChunked()) throw new NetDecodeException(NetDecodeException.Reason.INVALID_VALUE, "type " + t + " is not chunked");
        Hash256 h = Wire.hash(in);
        int idx = Wire.u32(in, "chunk index");
        if (idx < 0 || idx >= Limits.MAX_CHUNKS) throw new NetDecodeException(NetDecodeException.Reason.INVALID_VALUE, "chunk index out of range");
        return new GetChunkMessage(t, h, idx);
    }

    public Command command() {
        return Command.GETCHUNK;
    }

    public int serializedSize() {
        return 40;
    }

    public void write(ByteBuffer out) {
        Wire.writeU32(out, type.code());
        objectHash.write(out);
        Wire.writeU32(out, index);
    }
}
