package org.flowcoin.net.message;

import org.flowcoin.primitives.Hash256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.net.Limits;

/**
 * A whole chunked object held by a serving peer: its bytes, its {@link ChunkedObjectInfo} and the
 * leaf hashes, ready to answer {@code getchunk}.
 *
 * <pre>{@code
 * ChunkedObject obj = ChunkedObject.of(InvType.DELTA, deltaBytes);
 * ChunkMessage first = obj.chunk(0);
 * }</pre>
 */
public final class ChunkedObject {
    private final byte[] data;
    private final ChunkedObjectInfo info;
    private final List<List<Hash256>> levels;

    private ChunkedObject(byte[] data, ChunkedObjectInfo info, List<List<Hash256>> levels) {
        this.data = data;
        this.info = info;
        this.levels = levels;
    }

    /** Splits a copy of {@code data} into 1 MiB chunks and computes hash, leaves and root. */
    public static ChunkedObject of(InvType type, byte[] data) {
        Objects.requireNonNull(data, "data");
        if (data.length == 0) throw new IllegalArgumentException("empty object");
        byte[] copy = data.clone();
        int n = (int) ChunkTree.chunkCount(copy.length);
        List<Hash256> leaves = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            leaves.add(ChunkTree.leaf(copy, i * Limits.CHUNK_SIZE, ChunkTree.chunkLength(copy.length, i)));
        }
        List<List<Hash256>> levels = ChunkTree.levels(leaves);
        ChunkedObjectInfo info = new ChunkedObjectInfo(type, Hash256.of(Keccak.keccak256(copy)), copy.length, n,
                levels.getLast().getFirst());
        return new ChunkedObject(copy, info, levels);
    }

    public ChunkedObjectInfo info() {
        return info;
    }

    /** The {@code chunk} message for chunk {@code index}, with its Merkle branch. */
    public ChunkMessage chunk(int index) {
        Objects.checkIndex(index, info.chunkCount());
        int off = index * Limits.CHUNK_SIZE;
        byte[] c = Arrays.copyOfRange(data, off, off + info.chunkLength(index));
        return ChunkMessage.of(info.type(), info.hash(), index, info.chunkCount(), ChunkTree.branchFromLevels(levels, index), c);
    }

    /** A copy of the object's bytes. */
    public byte[] data() {
        return data.clone();
    }
}
