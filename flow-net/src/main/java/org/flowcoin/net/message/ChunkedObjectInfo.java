package org.flowcoin.net.message;

import org.flowcoin.primitives.Hash256;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.flowcoin.net.Limits;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.internal.Wire;

/**
 * What a receiver needs to fetch and check a chunked object (a delta or a checkpoint): its type, its
 * Keccak-256 {@code hash} (for a delta, the header's delta hash), its size, its chunk count (always
 * ceil(size / 1 MiB)) and the {@link ChunkTree} root over its chunks.
 *
 * <pre>{@code
 * ChunkedObjectInfo info = ChunkedObject.of(InvType.DELTA, deltaBytes).info();
 * }</pre>
 */
public record ChunkedObjectInfo(InvType type, Hash256 hash, long size, int chunkCount, Hash256 chunkRoot) {
    public ChunkedObjectInfo {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(chunkRoot, "chunkRoot");
        String err = problem(type, size, chunkCount);
        if (err != null) throw new IllegalArgumentException(err);
    }

    static String problem(InvType type, long size, int chunkCount) {
        if (!type.isChunked()) return "type " + type + " is not chunked";
        if (size < 1 || size > Limits.MAX_OBJECT_SIZE) return "object size " + size + " out of range";
        if (chunkCount != ChunkTree.chunkCount(size)) return "chunk count " + chunkCount + " does not match size " + size;
        return null;
    }

    /** Reads size (u64), chunk count (u32) and chunk root of an object of the given type and hash. */
    static ChunkedObjectInfo read(ByteBuffer in, InvType type, Hash256 hash) throws NetDecodeException {
        long size = Wire.u64(in, "object size");
        int count = Wire.u32(in, "chunk count");
        Hash256 root = Wire.hash(in);
        String err = problem(type, size, count);
        if (err != null) throw new NetDecodeException(NetDecodeException.Reason.INVALID_VALUE, err);
        return new ChunkedObjectInfo(type, hash, size, count, root);
    }

    /** Writes size, chunk count and chunk root (the type and hash are written by the message). */
    void writeTail(ByteBuffer out) {
        Wire.writeU64(out, size);
        Wire.writeU32(out, chunkCount);
        chunkRoot.write(out);
    }

    /** Size of chunk {@code index}. */
    public int chunkLength(int index) {
        Objects.checkIndex(index, chunkCount);
        return ChunkTree.chunkLength(size, index);
    }
}
