package org.flowcoin.pot;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.TensorInfo;
import org.flowcoin.moe.delta.Delta;
import org.flowcoin.primitives.Hash256;

/**
 * The model root commitment (docs/spec/validation.md, "Model root"): a Merkle tree over chunks of
 * the canonical flat weights. Each tensor is cut into segments (one per expert for the
 * {@code *_exps} tensors, else the whole tensor), each segment into chunks of {@link #CHUNK_FLOATS}
 * floats (the last one shorter). Leaf = Keccak-256(0x00 || chunk bytes); node = Keccak-256(0x01 ||
 * left || right); an odd node is carried up unchanged. Keeps its leaves, so a sparse delta costs
 * only the chunks it touches plus the tree above them.
 *
 * <pre>{@code
 * ModelRoot tree = ModelRoot.of(weights);
 * Hash256 root = tree.root();
 * tree.update(weights, delta);   // after delta.apply(weights)
 * }</pre>
 */
public final class ModelRoot {
    /** Floats per chunk (16 KiB). */
    public static final int CHUNK_FLOATS = 4096;

    private final long[] starts; // flat start of each leaf
    private final int[] lengths; // floats in each leaf
    private final int[] tensorOfLeaf;
    private final byte[][] leaves;

    private ModelRoot(long[] starts, int[] lengths, int[] tensorOfLeaf, byte[][] leaves) {
        this.starts = starts;
        this.lengths = lengths;
        this.tensorOfLeaf = tensorOfLeaf;
        this.leaves = leaves;
    }

    /** Hashes every chunk of {@code w}. */
    public static ModelRoot of(ModelWeights w) {
        List<long[]> spans = new ArrayList<>(); // {start, length, tensor}
        int nExperts = w.config().nExperts();
        List<TensorInfo> ts = w.layout().tensors();
        for (int t = 0; t < ts.size(); t++) {
            TensorInfo ti = ts.get(t);
            long segs = ti.name().endsWith("_exps.weight") ? nExperts : 1;
            long segLen = ti.count() / segs;
            for (long s = 0; s < segs; s++) {
                for (long o = 0; o < segLen; o += CHUNK_FLOATS) {
                    spans.add(new long[] {ti.offset() + s * segLen + o, Math.min(CHUNK_FLOATS, segLen - o), t});
                }
            }
        }
        int n = spans.size();
        long[] starts = new long[n];
        int[] lengths = new int[n];
        int[] tens = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = spans.get(i)[0];
            lengths[i] = (int) spans.get(i)[1];
            tens[i] = (int) spans.get(i)[2];
        }
        ModelRoot r = new ModelRoot(starts, lengths, tens, new byte[n][]);
        IntStream.range(0, n).parallel().forEach(i -> r.leaves[i] = r.hashLeaf(w, i));
        return r;
    }

    private byte[] hashLeaf(ModelWeights w, int i) {
        TensorInfo ti = w.layout().tensors().get(tensorOfLeaf[i]);
        MemorySegment seg = w.tensor(tensorOfLeaf[i]);
        byte[] buf = new byte[1 + 4 * lengths[i]];
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 4 * (starts[i] - ti.offset()), buf, 1, 4 * lengths[i]);
        return Keccak.keccak256(buf);
    }

    /** Rehashes the leaves holding the delta's indices (call after applying or reverting it). */
    public void update(ModelWeights w, Delta d) {
        if (d.form() == Delta.Form.DENSE) {
            IntStream.range(0, leaves.length).parallel().forEach(i -> leaves[i] = hashLeaf(w, i));
            return;
        }
        int last = -1;
        for (int e = 0; e < d.entryCount(); e++) {
            long idx = d.index(e);
            int leaf = leafOf(idx);
            if (leaf != last) {
                leaves[leaf] = hashLeaf(w, leaf);
                last = leaf;
            }
        }
    }

    /** An independent copy (the leaf layout is shared, the leaf hashes are not). */
    public ModelRoot copy() {
        return new ModelRoot(starts, lengths, tensorOfLeaf, leaves.clone());
    }

    int leafOf(long flat) {
        int i = Arrays.binarySearch(starts, flat);
        return i >= 0 ? i : -i - 2;
    }

    /** Number of leaves. */
    public int leafCount() {
        return leaves.length;
    }

    /** The root over the current leaves. */
    public Hash256 root() {
        byte[][] level = leaves.clone();
        int n = level.length;
        byte[] pair = new byte[65];
        pair[0] = 1;
        while (n > 1) {
            int m = 0;
            for (int i = 0; i < n; i += 2) {
                if (i + 1 == n) {
                    level[m++] = level[i];
                } else {
                    System.arraycopy(level[i], 0, pair, 1, 32);
                    System.arraycopy(level[i + 1], 0, pair, 33, 32);
                    level[m++] = Keccak.keccak256(pair);
                }
            }
            n = m;
        }
        return Hash256.of(level[0]);
    }

    /** Shortcut: the root of {@code w}. */
    public static Hash256 compute(ModelWeights w) {
        return of(w).root();
    }
}
