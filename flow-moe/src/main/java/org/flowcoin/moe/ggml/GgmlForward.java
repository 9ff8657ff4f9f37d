package org.flowcoin.moe.ggml;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelLayout;
import org.flowcoin.moe.ModelWeights;

/**
 * The model's forward pass as ggml graphs (docs/spec/model.md, "Forward pass"), one sequence at a time.
 *
 * <p>Per layer two graphs run: (A) attention and the router scores, (B) the two selected SwiGLU
 * experts through {@code ggml_mul_mat_id}. Between them the top-2 product-key selection and the two
 * gate weights are computed in Java with the canonical rules (ties to the lower index, gates from
 * {@code StrictMath.exp}), because ggml has no op for the product-key combination. Every stage uses
 * its own ggml context over one scratch buffer of the call (sized for the largest stage, reused
 * stage after stage); activations cross stages as copies held in the call's confined arena.
 * Weight tensors live in a {@code no_alloc} context whose tensors point at the caller's native
 * segments (heap segments are copied once per call).
 */
final class GgmlForward {

    private final Ggml g;
    private final ModelWeights w;
    private final ModelConfig c;
    private final int threads;
    private MemorySegment pool;    // ggml thread pool of the current call
    private Arena callArena;       // native memory of the current call
    private MemorySegment scratch; // memory of every stage context, reused stage after stage
    private MemorySegment work;    // graph work buffer, grown on demand
    private final int d, qDim, kvDim, nHeads, nKv, s, dE, half;

    GgmlForward(Ggml g, ModelWeights w, int threads) {
        this.g = g;
        this.w = w;
        this.c = w.config();
        this.threads = threads;
        d = c.dModel();
        qDim = c.qDim();
        kvDim = c.kvDim();
        nHeads = c.nHeads();
        nKv = c.nKvHeads();
        s = c.subKeys();
        dE = c.dExpert();
        half = d / 2;
    }

    /** Logits of every position, n * 256 floats. */
    float[] logits(byte[] seq) {
        int n = seq.length;
        try (Arena arena = Arena.ofConfined()) {
            long overhead = (long) g.tensorOverhead.invokeExact();
            MemorySegment wctx = g.newContext(arena, overhead * (w.layout().size() + 4), true);
            pool = g.newThreadpool(threads);
            callArena = arena;
            long overheadBytes = 128L * overhead + (long) g.graphOverheadCustom.invokeExact((long) Ops.GRAPH_SIZE, false) + (1 << 20);
            long maxFloats = Math.max(Math.max(attentionFloats(n), expertFloats(n)), Math.max(outputFloats(n), embedFloats(n)));
            scratch = arena.allocate(4 * maxFloats + overheadBytes, 64);
            work = null;
            try {
                MemorySegment[] wt = weightTensors(new Ops(g, wctx), arena);
                MemorySegment x = arena.allocate(4L * d * n, 64);
                MemorySegment xf = arena.allocate(4L * d * n, 64);
                MemorySegment sa = arena.allocate(4L * s * n, 64);
                MemorySegment sb = arena.allocate(4L * s * n, 64);
                MemorySegment ids = arena.allocate(8L * n, 64);
                MemorySegment gates = arena.allocate(8L * n, 64);
                embed(wt[0], seq, x);
                for (int l = 0; l < c.nLayers(); l++) {
                    int b = 1 + l * ModelLayout.TENSORS_PER_LAYER;
                    attentionAndRouter(wt, b, n, x, xf, sa, sb);
                    route(n, sa, sb, ids, gates);
                    experts(wt, b, n, x, xf, ids, gates);
                }
                return output(wt, n, x);
            } finally {
                g.threadpoolFree.invokeExact(pool);
                pool = null;
                scratch = null;
                work = null;
                callArena = null;
                g.free.invokeExact(wctx);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("ggml forward failed", t);
        }
    }

    private MemorySegment[] weightTensors(Ops o, Arena arena) {
        var ts = w.layout().tensors();
        MemorySegment[] out = new MemorySegment[ts.size()];
        for (int i = 0; i < out.length; i++) {
            long[] sh = ts.get(i).shape();
            MemorySegment t = switch (sh.length) {
                case 1 -> o.tensor1d(Ggml.TYPE_F32, sh[0]);
                case 2 -> o.tensor2d(Ggml.TYPE_F32, sh[1], sh[0]);
                case 3 -> o.tensor3d(Ggml.TYPE_F32, sh[2], sh[1], sh[0]);
                default -> throw new IllegalStateException("rank " + sh.length);
            };
            MemorySegment src = w.tensor(i);
            MemorySegment mem = src;
            if (!src.isNative()) {
                mem = arena.allocate(src.byteSize(), 64);
                mem.copyFrom(src);
            }
            Ggml.setData(t, mem);
            out[i] = t;
        }
        return out;
    }

    /** A stage context over the call's scratch buffer (sized for the largest stage). */
    private MemorySegment stageContext(Arena arena) throws Throwable {
        return g.newContext(arena, scratch.byteSize(), scratch, false);
    }

    private MemorySegment work(long size) {
        if (work == null || work.byteSize() < size) work = callArena.allocate(size, 64);
        return work;
    }

    private long embedFloats(int n) {
        return 2L * n + (long) d * n;
    }

    private long attentionFloats(int n) {
        return 14L * d * n + 8L * qDim * n + 6L * kvDim * n + 4L * s * n + 5L * nHeads * n * n + n;
    }

    private long expertFloats(int n) {
        return 12L * d * n + 8L * dE * n + 4L * n;
    }

    private long outputFloats(int n) {
        return 3L * d * n + 256L * n;
    }

    private void embed(MemorySegment emb, byte[] seq, MemorySegment x) throws Throwable {
        int n = seq.length;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ctx = stageContext(a);
            try {
                Ops o = new Ops(g, ctx, a);
                MemorySegment ids = o.tensor1d(Ggml.TYPE_I32, n);
                MemorySegment idd = o.data(ids);
                for (int t = 0; t < n; t++) idd.setAtIndex(ValueLayout.JAVA_INT, t, seq[t] & 0xff);
                MemorySegment out = o.getRows(emb, ids);
                o.compute(pool, threads, this::work, out);
                x.copyFrom(o.data(out));
            } finally {
                g.free.invokeExact(ctx);
            }
        }
    }

    private void attentionAndRouter(MemorySegment[] wt, int b, int n, MemorySegment x, MemorySegment xf,
                                    MemorySegment sa, MemorySegment sb) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ctx = stageContext(a);
            try {
                Ops o = new Ops(g, ctx, a);
                MemorySegment xin = o.tensor2d(Ggml.TYPE_F32, d, n);
                o.data(xin).copyFrom(x);
                MemorySegment pos = o.tensor1d(Ggml.TYPE_I32, n);
                MemorySegment pd = o.data(pos);
                for (int t = 0; t < n; t++) pd.setAtIndex(ValueLayout.JAVA_INT, t, t);

                MemorySegment xn = o.mul(o.rmsNorm(xin, ModelConfig.RMS_EPS), wt[b]);
                MemorySegment q = o.mulMat(wt[b + 1], xn);
                MemorySegment k = o.mulMat(wt[b + 2], xn);
                MemorySegment v = o.mulMat(wt[b + 3], xn);
                q = o.rope(o.reshape3d(q, ModelConfig.HEAD_DIM, nHeads, n), pos, ModelConfig.HEAD_DIM, Ggml.ROPE_TYPE_NORMAL);
                k = o.rope(o.reshape3d(k, ModelConfig.HEAD_DIM, nKv, n), pos, ModelConfig.HEAD_DIM, Ggml.ROPE_TYPE_NORMAL);
                MemorySegment qh = o.permute(q, 0, 2, 1, 3);                  // [64, n, heads]
                MemorySegment kh = o.permute(k, 0, 2, 1, 3);                  // [64, n, kv heads]
                MemorySegment kq = o.mulMat(kh, qh);                          // [n_k, n_q, heads]; head h reads kv head h / group
                kq = o.softMax(o.diagMaskInf(o.scale(kq, 0.125f), 0));
                MemorySegment vt = o.cont(o.permute(o.reshape3d(v, ModelConfig.HEAD_DIM, nKv, n), 1, 2, 0, 3)); // [n, 64, kv]
                MemorySegment kqv = o.mulMat(vt, kq);                         // [64, n_q, heads]
                MemorySegment att = o.reshape2d(o.cont(o.permute(kqv, 0, 2, 1, 3)), qDim, n);
                MemorySegment x1 = o.add(xin, o.mulMat(wt[b + 4], att));
                MemorySegment xn2 = o.mul(o.rmsNorm(x1, ModelConfig.RMS_EPS), wt[b + 5]);
                // Product-key query halves: even and odd components of the normalised state.
                MemorySegment pairs = o.reshape3d(xn2, 2, half, n);
                MemorySegment qa = o.reshape2d(o.cont(o.view3d(pairs, 1, half, n, 8, 4L * d, 0)), half, n);
                MemorySegment qb = o.reshape2d(o.cont(o.view3d(pairs, 1, half, n, 8, 4L * d, 4)), half, n);
                MemorySegment ra = o.mulMat(wt[b + 6], qa);                   // [s, n]
                MemorySegment rb = o.mulMat(wt[b + 7], qb);
                o.compute(pool, threads, this::work, x1, xn2, ra, rb);
                x.copyFrom(o.data(x1));
                xf.copyFrom(o.data(xn2));
                sa.copyFrom(o.data(ra));
                sb.copyFrom(o.data(rb));
            } finally {
                g.free.invokeExact(ctx);
            }
        }
    }

    /** Top-2 product-key routing per token, exactly as the canonical evaluator selects and weights. */
    private void route(int n, MemorySegment sa, MemorySegment sb, MemorySegment ids, MemorySegment gates) {
        float[] ra = new float[s], rb = new float[s];
        for (int t = 0; t < n; t++) {
            MemorySegment.copy(sa, ValueLayout.JAVA_FLOAT, 4L * t * s, ra, 0, s);
            MemorySegment.copy(sb, ValueLayout.JAVA_FLOAT, 4L * t * s, rb, 0, s);
            int a1 = best(ra, -1), a2 = best(ra, a1);
            int b1 = best(rb, -1), b2 = best(rb, b1);
            int aLo = Math.min(a1, a2), aHi = Math.max(a1, a2), bLo = Math.min(b1, b2), bHi = Math.max(b1, b2);
            int[] ce = {aLo * s + bLo, aLo * s + bHi, aHi * s + bLo, aHi * s + bHi};
            float[] cs = {ra[aLo] + rb[bLo], ra[aLo] + rb[bHi], ra[aHi] + rb[bLo], ra[aHi] + rb[bHi]};
            int first = 0;
            for (int i = 1; i < 4; i++) if (cs[i] > cs[first]) first = i;
            int second = first == 0 ? 1 : 0;
            for (int i = 0; i < 4; i++) if (i != first && cs[i] > cs[second]) second = i;
            float e2 = (float) StrictMath.exp(cs[second] - cs[first]);
            float z = 1f + e2;
            ids.setAtIndex(ValueLayout.JAVA_INT, 2L * t, ce[first]);
            ids.setAtIndex(ValueLayout.JAVA_INT, 2L * t + 1, ce[second]);
            gates.setAtIndex(ValueLayout.JAVA_FLOAT, 2L * t, 1f / z);
            gates.setAtIndex(ValueLayout.JAVA_FLOAT, 2L * t + 1, e2 / z);
        }
    }

    private static int best(float[] sc, int skip) {
        int b = -1;
        for (int i = 0; i < sc.length; i++) {
            if (i == skip) continue;
            if (b < 0 || sc[i] > sc[b]) b = i;
        }
        return b;
    }

    private void experts(MemorySegment[] wt, int b, int n, MemorySegment x, MemorySegment xf,
                         MemorySegment ids, MemorySegment gates) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ctx = stageContext(a);
            try {
                Ops o = new Ops(g, ctx, a);
                MemorySegment xin = o.tensor2d(Ggml.TYPE_F32, d, n);
                o.data(xin).copyFrom(x);
                MemorySegment hin = o.tensor3d(Ggml.TYPE_F32, d, 1, n);
                o.data(hin).copyFrom(xf);
                MemorySegment sel = o.tensor2d(Ggml.TYPE_I32, 2, n);
                o.data(sel).copyFrom(ids);
                MemorySegment gw = o.tensor3d(Ggml.TYPE_F32, 1, 2, n);
                o.data(gw).copyFrom(gates);
                MemorySegment gate = o.mulMatId(wt[b + 8], hin, sel);       // [dE, 2, n]
                MemorySegment up = o.mulMatId(wt[b + 9], hin, sel);
                MemorySegment h = o.swigluSplit(gate, up);                  // silu(gate) * up
                MemorySegment y = o.mul(o.mulMatId(wt[b + 10], h, sel), gw); // [d, 2, n], weighted
                long nb2 = 4L * d * 2;
                MemorySegment y0 = o.view2d(y, d, n, nb2, 0);
                MemorySegment y1 = o.view2d(y, d, n, nb2, 4L * d);
                MemorySegment out = o.add(xin, o.add(y0, y1));
                o.compute(pool, threads, this::work, out);
                x.copyFrom(o.data(out));
            } finally {
                g.free.invokeExact(ctx);
            }
        }
    }

    private float[] output(MemorySegment[] wt, int n, MemorySegment x) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ctx = stageContext(a);
            try {
                Ops o = new Ops(g, ctx, a);
                MemorySegment xin = o.tensor2d(Ggml.TYPE_F32, d, n);
                o.data(xin).copyFrom(x);
                MemorySegment xn = o.mul(o.rmsNorm(xin, ModelConfig.RMS_EPS), wt[wt.length - 1]);
                MemorySegment logits = o.mulMat(wt[0], xn);                  // [256, n]
                o.compute(pool, threads, this::work, logits);
                return o.data(logits).toArray(ValueLayout.JAVA_FLOAT);
            } finally {
                g.free.invokeExact(ctx);
            }
        }
    }
}
