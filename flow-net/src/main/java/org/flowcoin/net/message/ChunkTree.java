package org.flowcoin.net.message;

import org.flowcoin.primitives.Hash256;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.net.Limits;

/**
 * The Merkle tree over the chunks of a chunked object (docs/spec/p2p.md, "Chunked transfer").
 * Leaf = Keccak-256(0x00 || chunk bytes); node = Keccak-256(0x01 || left || right); a level with an odd
 * number of nodes promotes its last node unchanged. The domain bytes keep a leaf from being passed off
 * as an inner node. The root is a function of the object's bytes alone, so every honest peer announces
 * the same root for the same object.
 *
 * <pre>{@code
 * List<Hash256> leaves = ...;                       // ChunkTree.leaf(chunk) for each chunk
 * Hash256 root = ChunkTree.root(leaves);
 * List<Hash256> proof = ChunkTree.branch(leaves, 3);
 * boolean ok = ChunkTree.rootFromBranch(leaves.get(3), 3, leaves.size(), proof).equals(root);
 * }</pre>
 */
public final class ChunkTree {
    private ChunkTree() {}

    /** Number of chunks of an object of {@code size} bytes: ceil(size / 1 MiB). */
    public static long chunkCount(long size) {
        return (size + Limits.CHUNK_SIZE - 1) / Limits.CHUNK_SIZE;
    }

    /** Size of chunk {@code index} of an object of {@code size} bytes. */
    public static int chunkLength(long size, int index) {
        long start = (long) index * Limits.CHUNK_SIZE;
        return (int) Math.min(Limits.CHUNK_SIZE, size - start);
    }

    /** The leaf hash of one chunk. */
    public static Hash256 leaf(byte[] chunk, int off, int len) {
        byte[] b = new byte[1 + len];
        System.arraycopy(chunk, off, b, 1, len);
        return Hash256.of(Keccak.keccak256(b));
    }

    /** The leaf hash of one chunk. */
    public static Hash256 leaf(byte[] chunk) {
        return leaf(chunk, 0, chunk.length);
    }

    static Hash256 node(Hash256 left, Hash256 right) {
        byte[] b = new byte[1 + 2 * Hash256.SIZE];
        b[0] = 1;
        System.arraycopy(left.toByteArray(), 0, b, 1, Hash256.SIZE);
        System.arraycopy(right.toByteArray(), 0, b, 1 + Hash256.SIZE, Hash256.SIZE);
        return Hash256.of(Keccak.keccak256(b));
    }

    /** The root over {@code leaves} (at least one). */
    public static Hash256 root(List<Hash256> leaves) {
        if (leaves.isEmpty()) throw new IllegalArgumentException("no leaves");
        List<Hash256> level = List.copyOf(leaves);
        while (level.size() > 1) level = up(level);
        return level.getFirst();
    }

    private static List<Hash256> up(List<Hash256> level) {
        List<Hash256> next = new ArrayList<>((level.size() + 1) / 2);
        for (int i = 0; i < level.size(); i += 2) {
            next.add(i + 1 < level.size() ? node(level.get(i), level.get(i + 1)) : level.get(i));
        }
        return next;
    }

    /** The sibling hashes from leaf {@code index} up to the root, bottom first. */
    public static List<Hash256> branch(List<Hash256> leaves, int index) {
        Objects.checkIndex(index, leaves.size());
        return branchFromLevels(levels(leaves), index);
    }

    /** Every level of the tree, leaves first, root last (lets a server answer many branches cheaply). */
    public static List<List<Hash256>> levels(List<Hash256> leaves) {
        if (leaves.isEmpty()) throw new IllegalArgumentException("no leaves");
        List<List<Hash256>> levels = new ArrayList<>();
        List<Hash256> level = List.copyOf(leaves);
        levels.add(level);
        while (level.size() > 1) {
            level = List.copyOf(up(level));
            levels.add(level);
        }
        return List.copyOf(levels);
    }

    /** The branch of leaf {@code index} read from precomputed {@link #levels(List)}. */
    public static List<Hash256> branchFromLevels(List<List<Hash256>> levels, int index) {
        Objects.checkIndex(index, levels.getFirst().size());
        List<Hash256> out = new ArrayList<>();
        int i = index;
        for (List<Hash256> level : levels) {
            if (level.size() == 1) break;
            if ((i & 1) == 1) out.add(level.get(i - 1));
            else if (i + 1 < level.size()) out.add(level.get(i + 1));
            i >>= 1;
        }
        return out;
    }

    /** Number of hashes in the branch of leaf {@code index} of {@code total}. */
    public static int branchLength(int index, int total) {
        int n = total;
        int i = index;
        int count = 0;
        while (n > 1) {
            if ((i & 1) == 1 || i + 1 < n) count++;
            i >>= 1;
            n = (n + 1) >>> 1;
        }
        return count;
    }

    /**
     * The root implied by a leaf, its position and its branch.
     *
     * @throws IllegalArgumentException if the branch has the wrong length for (index, total)
     */
    public static Hash256 rootFromBranch(Hash256 leaf, int index, int total, List<Hash256> branch) {
        if (index < 0 || index >= total || branch.size() != branchLength(index, total)) {
            throw new IllegalArgumentException("branch does not fit its position");
        }
        Hash256 h = leaf;
        int n = total;
        int i = index;
        int k = 0;
        while (n > 1) {
            if ((i & 1) == 1) h = node(branch.get(k++), h);
            else if (i + 1 < n) h = node(h, branch.get(k++));
            i >>= 1;
            n = (n + 1) >>> 1;
        }
        return h;
    }
}
