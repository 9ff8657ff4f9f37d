package org.flowcoin.moe;

import java.lang.foreign.MemorySegment;
import java.util.stream.IntStream;
import org.flowcoin.primitives.ModelDims;

/**
 * Growth of a model to larger dimensions (docs/spec/model.md, "Growth"). Old parameters keep their
 * values at their new positions; every new parameter has a fixed value:
 * <ul>
 *   <li>new columns/rows of an existing tensor caused by a wider d_model, and new attention heads: 0;
 *       new entries of a norm gain: 1;</li>
 *   <li>a new layer (appended after the last one): norm gains 1, {@code attn_output} 0,
 *       {@code ffn_down_exps} 0, every other tensor from the init stream keyed by the growth seed;</li>
 *   <li>new experts (n_experts x4, sub-keys x2; old expert (i, j) moves to i*s' + j): gate and up
 *       rows from the init stream, down rows 0; new sub-key rows from the init stream.</li>
 * </ul>
 * A new layer is therefore the identity, and a new expert outputs exactly zero.
 *
 * <pre>{@code
 * ModelWeights grown = ModelGrowth.grow(weights, schedule.dimsAt(height), seed);
 * }</pre>
 */
public final class ModelGrowth {
    private ModelGrowth() {}

    /**
     * Grows {@code from} to {@code to} in garbage-collected native memory.
     *
     * @param seed key of the init stream for new random parameters
     * @throws IllegalArgumentException if {@code to} shrinks a dimension or changes d_expert or
     *     n_kv_heads
     */
    public static ModelWeights grow(ModelWeights from, ModelDims to, byte[] seed) {
        ModelConfig oc = from.config();
        ModelConfig nc = new ModelConfig(to);
        ModelDims od = oc.dims();
        if (to.dModel() < od.dModel() || to.nLayers() < od.nLayers() || to.nExperts() < od.nExperts()
                || to.dFf() != od.dFf() || to.nKvHeads() != od.nKvHeads()) {
            throw new IllegalArgumentException("growth may only widen d_model, add layers or add experts: " + od + " -> " + to);
        }
        ModelWeights w = ModelWeights.zeros(nc);
        ModelLayout nl = nc.layout();
        IntStream.range(0, nl.size()).parallel().forEach(i -> fill(from, w, i, seed));
        return w;
    }

    private static void fill(ModelWeights from, ModelWeights w, int ti, byte[] seed) {
        ModelConfig oc = from.config(), nc = w.config();
        TensorInfo t = w.layout().tensors().get(ti);
        String name = t.name();
        MemorySegment dst = w.tensor(ti);
        String suffix = name;
        int layer = -1;
        if (name.startsWith("blk.")) {
            int dot = name.indexOf('.', 4);
            layer = Integer.parseInt(name.substring(4, dot));
            suffix = name.substring(dot + 1);
        }
        boolean norm = ModelInit.isNorm(name);
        if (layer >= oc.nLayers()) { // a new layer
            if (norm) {
                fillConst(dst, t.count(), 1f);
            } else if (!suffix.equals("attn_output.weight") && !suffix.equals("ffn_down_exps.weight")) {
                fillRandom(dst, 0, t.count(), seed, nc, name);
            }
            return;
        }
        MemorySegment src = from.tensor(name);
        int od = oc.dModel(), nd = nc.dModel();
        switch (suffix) {
            case "token_embd.weight" -> copy2d(src, ModelConfig.VOCAB, od, dst, nd);
            case "attn_norm.weight", "ffn_norm.weight", "output_norm.weight" -> {
                fillConst(dst, t.count(), 1f);
                MemorySegment.copy(src, 0, dst, 0, src.byteSize());
            }
            case "attn_q.weight" -> copy2d(src, oc.qDim(), od, dst, nd);
            case "attn_k.weight", "attn_v.weight" -> copy2d(src, oc.kvDim(), od, dst, nd);
            case "attn_output.weight" -> copy2d(src, od, oc.qDim(), dst, nc.qDim());
            case "ffn_pk_a.weight", "ffn_pk_b.weight" -> {
                int os = oc.subKeys(), ns = nc.subKeys(), oh = od / 2, nh = nd / 2;
                fillRandom(dst, (long) os * nh, (long) ns * nh, seed, nc, name); // new rows only
                copy2d(src, os, oh, dst, nh);
            }
            case "ffn_gate_exps.weight", "ffn_up_exps.weight", "ffn_down_exps.weight" -> {
                boolean down = suffix.equals("ffn_down_exps.weight");
                int os = oc.subKeys(), ns = nc.subKeys(), dE = nc.dExpert();
                long oSlice = (long) oc.dExpert() * od, nSlice = (long) dE * nd;
                for (int e = 0; e < nc.nExperts(); e++) {
                    int i = e / ns, j = e % ns;
                    if (i < os && j < os) {
                        int oe = i * os + j;
                        MemorySegment s = src.asSlice(4L * oe * oSlice, 4L * oSlice);
                        MemorySegment d = dst.asSlice(4L * e * nSlice, 4L * nSlice);
                        if (down) copy2d(s, od, dE, d, dE); else copy2d(s, dE, od, d, nd);
                    } else if (!down) {
                        fillRandom(dst, e * nSlice, (e + 1) * nSlice, seed, nc, name);
                    }
                }
            }
            default -> throw new IllegalStateException("unhandled tensor " + name);
        }
    }

    /** Copies an [rows, oldCols] matrix into the top-left of one with newCols columns. */
    private static void copy2d(MemorySegment src, int rows, int oldCols, MemorySegment dst, int newCols) {
        for (int r = 0; r < rows; r++) {
            MemorySegment.copy(src, 4L * r * oldCols, dst, 4L * r * newCols, 4L * oldCols);
        }
    }

    private static void fillConst(MemorySegment dst, long n, float v) {
        for (long i = 0; i < n; i++) dst.setAtIndex(ModelWeights.FLOAT_LE, i, v);
    }

    private static void fillRandom(MemorySegment dst, long from, long to, byte[] seed, ModelConfig nc, String name) {
        ModelInit.Stream s = new ModelInit.Stream(seed, name);
        float scale = ModelInit.scale(nc, name);
        for (long i = from; i < to; i++) dst.setAtIndex(ModelWeights.FLOAT_LE, i, s.uniform(i) * scale);
    }
}
