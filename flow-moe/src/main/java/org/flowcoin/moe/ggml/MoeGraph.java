package org.flowcoin.moe.ggml;

import java.lang.foreign.MemorySegment;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelLayout;

/**
 * The model's forward pass (docs/spec/model.md, "Forward pass") as one ggml graph: embedding, every
 * layer (attention, product-key routing, the two selected SwiGLU experts) and the output projection.
 *
 * <p>Routing runs inside the graph: the top-2 of each sub-key score half ({@code argsort_top_k}),
 * the four candidate sums, their top-2, the two gates as a softmax over the two selected sums, and
 * the expert index {@code a * s + b} computed in F32 (exact below 2^24) and cast to I32. Scores are
 * picked with two-dimensional {@code get_rows} over flattened indices ({@code index + width * t}),
 * the form ggml can differentiate. This matches the canonical rules except for exact ties between
 * scores, which ggml's sort orders its own way, and the gates' {@code exp}, which is ggml's: both
 * are within the backend's non-canonical policy (numerics.md, "ggml backend policy").
 *
 * <p>Experts: for evaluation {@code mul_mat_id} reads the selected experts' gate and up matrices in
 * place and {@link DownProjection} (a custom operation) applies the down matrices; for training
 * ({@code trainable}) each slot's expert matrices are gathered with {@code get_rows} and multiplied
 * batch-wise, because ggml has a backward pass for those operations and none for {@code mul_mat_id}.
 * Both give the same function.
 */
final class MoeGraph {
    private MoeGraph() {}

    /** One tensor per layout entry, shaped as ggml sees the row-major tensors (innermost first), no data. */
    static MemorySegment[] weightTensors(Ops o, ModelLayout layout) {
        var ts = layout.tensors();
        MemorySegment[] out = new MemorySegment[ts.size()];
        for (int i = 0; i < out.length; i++) {
            long[] sh = ts.get(i).shape();
            out[i] = switch (sh.length) {
                case 1 -> o.tensor1d(Ggml.TYPE_F32, sh[0]);
                case 2 -> o.tensor2d(Ggml.TYPE_F32, sh[1], sh[0]);
                case 3 -> o.tensor3d(Ggml.TYPE_F32, sh[2], sh[1], sh[0]);
                default -> throw new IllegalStateException("rank " + sh.length);
            };
        }
        return out;
    }

    /**
     * Keys and values of earlier positions, per layer: {@code k[l]} F32 [64, capacity, kv heads]
     * (after RoPE) and {@code v[l]} F32 [capacity, 64, kv heads] (transposed, so that a prefix is a
     * matrix with contiguous rows), the first {@code past} positions filled. A graph built with a
     * cache attends to those positions and writes its own keys and values after them; the copies
     * are collected in {@code writes}, which the caller must put into the graph before the output.
     */
    record KvCache(MemorySegment[] k, MemorySegment[] v, int capacity, int past, java.util.List<MemorySegment> writes) {}

    /** Logits [256, n] of the token ids {@code tokens} (I32 [n]) at positions {@code pos} (I32 [n]). */
    static MemorySegment logits(Ops o, ModelConfig c, MemorySegment[] wt, MemorySegment tokens, MemorySegment pos,
                                int n, boolean trainable) {
        return logits(o, c, wt, tokens, pos, n, trainable, null);
    }

    /** As above; with a {@code cache}, the n tokens follow the cache's {@code past} positions. */
    static MemorySegment logits(Ops o, ModelConfig c, MemorySegment[] wt, MemorySegment tokens, MemorySegment pos,
                                int n, boolean trainable, KvCache cache) {
        MemorySegment t = o.reshape2d(o.arange(0, n, 1), 1, n);                 // [1, n]: t
        MemorySegment x = o.getRows(wt[0], tokens);                           // [d, n]
        for (int l = 0; l < c.nLayers(); l++) {
            x = layer(o, c, wt, l, x, pos, t, n, trainable, cache);
        }
        MemorySegment xn = o.mul(o.rmsNorm(x, ModelConfig.RMS_EPS), wt[wt.length - 1]);
        return o.mulMat(wt[0], xn);                                            // [256, n]
    }

    /** Entries of {@code scores} [w, n] at per-token indices {@code idx} (I32 [2, n]): [2, n]. */
    private static MemorySegment pick(Ops o, MemorySegment scores, MemorySegment idx, MemorySegment t, int w, int n) {
        MemorySegment flat = o.add(o.cast(o.cont(idx), Ggml.TYPE_F32), o.scale(t, w)); // idx + w * t
        MemorySegment rows = o.reshape1d(o.cast(flat, Ggml.TYPE_I32), 2L * n);
        return o.reshape2d(o.getRows(o.reshape2d(scores, 1, (long) w * n), rows), 2, n);
    }

    private static MemorySegment layer(Ops o, ModelConfig c, MemorySegment[] wt, int layer, MemorySegment x, MemorySegment pos,
                                       MemorySegment t, int n, boolean trainable, KvCache cache) {
        int b = 1 + layer * ModelLayout.TENSORS_PER_LAYER;
        int d = c.dModel(), half = d / 2, s = c.subKeys(), dE = c.dExpert(), hd = ModelConfig.HEAD_DIM;
        // Attention.
        MemorySegment xn = o.mul(o.rmsNorm(x, ModelConfig.RMS_EPS), wt[b]);
        MemorySegment q = o.mulMat(wt[b + 1], xn);
        MemorySegment k = o.mulMat(wt[b + 2], xn);
        MemorySegment v = o.mulMat(wt[b + 3], xn);
        q = o.rope(o.reshape3d(q, hd, c.nHeads(), n), pos, hd, Ggml.ROPE_TYPE_NORMAL);
        k = o.rope(o.reshape3d(k, hd, c.nKvHeads(), n), pos, hd, Ggml.ROPE_TYPE_NORMAL);
        // Contiguous copies let ggml use its blocked sgemm for the scores (strided operands fall back to dot products).
        MemorySegment qh = o.cont(o.permute(q, 0, 2, 1, 3));                   // [64, n, heads]
        MemorySegment kqv;
        if (cache == null) {
            MemorySegment kh = o.cont(o.permute(k, 0, 2, 1, 3));               // [64, n, kv heads]
            MemorySegment kq = o.mulMat(kh, qh);                               // [n_k, n_q, heads]; head h reads kv head h / group
            kq = o.softMax(o.diagMaskInf(o.scale(kq, 0.125f), 0));
            MemorySegment vt = o.cont(o.permute(o.reshape3d(v, hd, c.nKvHeads(), n), 1, 2, 0, 3)); // [n, 64, kv]
            kqv = o.mulMat(vt, kq);                                            // [64, n_q, heads]
        } else {
            int kv = c.nKvHeads(), cap = cache.capacity(), past = cache.past(), all = past + n;
            MemorySegment kc = cache.k()[layer], vc = cache.v()[layer];
            cache.writes().add(o.cpy(o.permute(k, 0, 2, 1, 3), o.view3d(kc, hd, n, kv, 4L * hd, 4L * hd * cap, 4L * hd * past)));
            cache.writes().add(o.cpy(o.permute(o.reshape3d(v, hd, kv, n), 1, 2, 0, 3),
                    o.view3d(vc, n, hd, kv, 4L * cap, 4L * cap * hd, 4L * past)));
            MemorySegment kAll = o.view3d(kc, hd, all, kv, 4L * hd, 4L * hd * cap, 0);       // [64, all, kv]
            MemorySegment vAll = o.view3d(vc, all, hd, kv, 4L * cap, 4L * cap * hd, 0);      // [all, 64, kv]
            MemorySegment kq = o.mulMat(kAll, qh);                             // [all, n, heads]
            kq = o.softMax(o.diagMaskInf(o.scale(kq, 0.125f), past));         // token i sees positions <= past + i
            kqv = o.mulMat(vAll, kq);                                          // [64, n, heads]
        }
        MemorySegment att = o.reshape2d(o.cont(o.permute(kqv, 0, 2, 1, 3)), c.qDim(), n);
        MemorySegment x1 = o.add(x, o.mulMat(wt[b + 4], att));

        // Product-key routing: query halves are the even and odd components of the normalised state.
        MemorySegment xn2 = o.mul(o.rmsNorm(x1, ModelConfig.RMS_EPS), wt[b + 5]);
        MemorySegment pairs = o.reshape3d(xn2, 2, half, n);
        MemorySegment qa = o.reshape2d(o.cont(o.view3d(pairs, 1, half, n, 8, 4L * d, 0)), half, n);
        MemorySegment qb = o.reshape2d(o.cont(o.view3d(pairs, 1, half, n, 8, 4L * d, 4)), half, n);
        MemorySegment ra = o.mulMat(wt[b + 6], qa);                            // [s, n]
        MemorySegment rb = o.mulMat(wt[b + 7], qb);
        MemorySegment ia = o.argsortTopK(ra, 2);                              // [2, n] best first
        MemorySegment ib = o.argsortTopK(rb, 2);
        MemorySegment va = pick(o, ra, ia, t, s, n);                           // [2, n]
        MemorySegment vb = pick(o, rb, ib, t, s, n);
        // Candidate c = 2i + j pairs half-a pick i with half-b pick j: score va[i] + vb[j], expert ia[i] * s + ib[j].
        MemorySegment cand = o.reshape2d(o.add(o.repeat4d(o.reshape3d(vb, 2, 1, n), 2, 2, n, 1), o.reshape3d(va, 1, 2, n)), 4, n);
        MemorySegment ea = o.scale(o.reshape3d(o.cast(o.cont(ia), Ggml.TYPE_F32), 1, 2, n), s);
        MemorySegment eb = o.reshape3d(o.cast(o.cont(ib), Ggml.TYPE_F32), 2, 1, n);
        MemorySegment expert = o.reshape2d(o.add(o.repeat4d(eb, 2, 2, n, 1), ea), 4, n);
        MemorySegment best = o.argsortTopK(cand, 2);                          // [2, n] into the 4 candidates
        MemorySegment top = pick(o, cand, best, t, 4, n);                     // [2, n] selected scores
        MemorySegment ids = o.cast(pick(o, expert, best, t, 4, n), Ggml.TYPE_I32); // [2, n] selected experts
        MemorySegment gates = o.softMax(top);                                  // [2, n]

        // The two selected SwiGLU experts, weighted by their gates and summed. The gate scales the
        // d_expert hidden values rather than the d outputs (same product, far fewer multiplications;
        // the rounding differs from the canonical order, as ggml's always may).
        MemorySegment y;
        if (!trainable) {
            MemorySegment hin = o.reshape3d(xn2, d, 1, n);
            MemorySegment gate = o.mulMatId(wt[b + 8], hin, ids);             // [dE, 2, n]
            MemorySegment up = o.mulMatId(wt[b + 9], hin, ids);
            MemorySegment h = o.mul(o.swigluSplit(gate, up), o.reshape3d(gates, 1, 2, n));
            // Down projection as a Java custom operation (DownProjection: mul_mat_id would spend one
            // dot-product call per output element on a d_expert-long contraction).
            y = o.custom(d, 2, n, DownProjection.function(), wt[b + 10], o.reshape2d(h, dE, 2L * n), o.reshape1d(ids, 2L * n));
        } else {
            long slots = 2L * n;
            MemorySegment sel = o.reshape1d(ids, slots);
            // Token of each slot (slot 2t + j reads token t): row t of xn2 twice.
            MemorySegment tok = o.reshape1d(o.cast(o.repeat4d(t, 2, n, 1, 1), Ggml.TYPE_I32), slots);
            MemorySegment xs = o.reshape3d(o.getRows(xn2, tok), d, 1, slots);  // [d, 1, 2n]
            MemorySegment wg = o.reshape3d(o.getRows(o.reshape2d(wt[b + 8], (long) d * dE, c.nExperts()), sel), d, dE, slots);
            MemorySegment wu = o.reshape3d(o.getRows(o.reshape2d(wt[b + 9], (long) d * dE, c.nExperts()), sel), d, dE, slots);
            MemorySegment wd = o.reshape3d(o.getRows(o.reshape2d(wt[b + 10], (long) dE * d, c.nExperts()), sel), dE, d, slots);
            MemorySegment gate = o.mulMat(wg, xs);                            // [dE, 1, 2n]
            MemorySegment up = o.mulMat(wu, xs);
            MemorySegment h = o.mul(o.swigluSplit(gate, up), o.reshape3d(gates, 1, 1, slots));
            y = o.reshape3d(o.mulMat(wd, h), d, 2, n);                        // [d, 2, n]
        }
        long nb2 = 4L * d * 2;
        MemorySegment y0 = o.view2d(y, d, n, nb2, 0);
        MemorySegment y1 = o.view2d(y, d, n, nb2, 4L * d);
        return o.add(x1, o.add(y0, y1));
    }
}
