package org.flowcoin.net.message;

import org.flowcoin.primitives.Hash256;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.flowcoin.net.Command;
import org.flowcoin.net.Limits;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.NetDecodeException.Reason;
import org.flowcoin.net.internal.Wire;

/**
 * {@code chunk}: type (u32), object hash, index (u32), total (u32, 1..2^24), CompactSize branch length
 * (must equal {@link ChunkTree#branchLength}) and branch hashes, CompactSize data length and data
 * (exactly 1 MiB for every chunk but the last, 1..1 MiB for the last). Structural rules are checked
 * when decoding; whether the chunk belongs to the announced object is checked by
 * {@link #verify(ChunkedObjectInfo)} before it is stored.
 *
 * <pre>{@code
 * if (!chunk.verify(announced)) disconnect();   // never store it
 * }</pre>
 */
public final class ChunkMessage implements Message {
    private final InvType type;
    private final Hash256 objectHash;
    private final int index;
    private final int total;
    private final List<Hash256> branch;
    private final byte[] data;

    private ChunkMessage(InvType type, Hash256 objectHash, int index, int total, List<Hash256> branch, byte[] data) {
        this.type = type;
        this.objectHash = objectHash;
        this.index = index;
        this.total = total;
        this.branch = branch;
        this.data = data;
    }

    /** A chunk message over a copy of {@code data}; structural rules are checked. */
    public static ChunkMessage of(InvType type, Hash256 objectHash, int index, int total, List<Hash256> branch, byte[] data) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(objectHash, "objectHash");
        List<Hash256> br = List.copyOf(branch);
        String err = problem(type, index, total, br.size(), data.length);
        if (err != null) throw new IllegalArgumentException(err);
        return new ChunkMessage(type, objectHash, index, total, br, data.clone());
    }

    private static String problem(InvType type, int index, int total, int branchLen, int dataLen) {
        if (!type.isChunked()) return "type " + type + " is not chunked";
        if (total < 1 || total > Limits.MAX_CHUNKS) return "total " + Integer.toUnsignedString(total) + " out of range";
        if (index < 0 || index >= total) return "index " + Integer.toUnsignedString(index) + " not below total " + total;
        if (branchLen != ChunkTree.branchLength(index, total)) return "branch length " + branchLen + " does not fit its position";
        if (index < total - 1 ? dataLen != Limits.CHUNK_SIZE : dataLen < 1 || dataLen > Limits.CHUNK_SIZE) {
            return "chunk length " + dataLen + " invalid for its position";
        }
        return null;
    }

    public static ChunkMessage read(ByteBuffer in) throws NetDecodeException {
        InvType t = InvType.ofCode(Wire.u32(in, "type"));
        Hash256 h = Wire.hash(in);
        int index = Wire.u32(in, "index");
        int total = Wire.u32(in, "total");
        int nb = Wire.compactSize(in, Limits.MAX_CHUNK_DEPTH, Hash256.SIZE, "branch length");
        List<Hash256> br = new ArrayList<>(nb);
        for (int i = 0; i < nb; i++) br.add(Wire.hash(in));
        int len = Wire.compactSize(in, Limits.CHUNK_SIZE, 1, "chunk length");
        String err = problem(t, index, total, nb, len);
        if (err != null) throw new NetDecodeException(Reason.INVALID_VALUE, err);
        byte[] d = Wire.bytes(in, len, "chunk data");
        return new ChunkMessage(t, h, index, total, List.copyOf(br), d);
    }

    /**
     * True if this chunk is chunk {@code index} of the announced object: same type and hash, same
     * total, the length the object's size implies, and a branch leading to the announced root.
     */
    public boolean verify(ChunkedObjectInfo info) {
        if (info.type() != type || !info.hash().equals(objectHash) || info.chunkCount() != total) return false;
        if (data.length != info.chunkLength(index)) return false;
        return ChunkTree.rootFromBranch(ChunkTree.leaf(data), index, total, branch).equals(info.chunkRoot());
    }

    public InvType type() {
        return type;
    }

    public Hash256 objectHash() {
        return objectHash;
    }

    public int index() {
        return index;
    }

    public int total() {
        return total;
    }

    public List<Hash256> branch() {
        return branch;
    }

    /** A copy of the chunk bytes. */
    public byte[] data() {
        return data.clone();
    }

    public int dataLength() {
        return data.length;
    }

    public Command command() {
        return Command.CHUNK;
    }

    public int serializedSize() {
        return 4 + 32 + 4 + 4 + Wire.compactSizeLength(branch.size()) + branch.size() * Hash256.SIZE
                + Wire.compactSizeLength(data.length) + data.length;
    }

    public void write(ByteBuffer out) {
        Wire.writeU32(out, type.code());
        objectHash.write(out);
        Wire.writeU32(out, index);
        Wire.writeU32(out, total);
        Wire.writeCompactSize(out, branch.size());
        for (Hash256 b : branch) b.write(out);
        Wire.writeCompactSize(out, data.length);
        out.put(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkMessage m && type == m.type && objectHash.equals(m.objectHash) && index == m.index
                && total == m.total && branch.equals(m.branch) && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, objectHash, index, total, branch, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "ChunkMessage[" + type + " " + objectHash + " " + index + "/" + total + ", " + data.length + " bytes]";
    }
}
