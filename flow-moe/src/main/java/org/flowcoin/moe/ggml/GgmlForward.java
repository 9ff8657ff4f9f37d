package org.flowcoin.moe.ggml;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelLayout;
import org.flowcoin.moe.ModelWeights;

/**
 * The model's forward pass (docs/spec/model.md, "Forward pass") as ONE ggml graph per sequence:
 * embedding, every layer (attention, product-key routing, the two selected SwiGLU experts) and the
 * output projection, computed by a single {@code ggml_graph_compute}.
 *
 * <p>Routing runs inside the graph: the top-2 of each sub-key score half ({@code argsort_top_k}),
 * the four candidate sums, their top-2, the two gates as a softmax over the two selected sums, and
 * the expert index {@code a * s + b} computed in F32 (exact below 2^24) and cast to I32 for
 * {@code mul_mat_id}. This matches the canonical rules except for exact ties between scores, which
 * ggml's sort orders its own way, and the gates' {@code exp}, which is ggml's: both are within the
 * backend's non-canonical policy (numerics.md, "ggml backend policy").
 *
 * <p>Memory: weight tensors are views of the caller's native segments ({@code no_alloc} context,
 * made once per instance); activations are placed by ggml's graph allocator, which reuses memory
 * between nodes and keeps its buffer from one sequence to the next. One instance serves one thread;
 * {@link #close()} releases the allocator, thread pool and contexts.
 */
final class GgmlForward implements AutoCloseable {

    /** Nodes per graph: one layer adds about 60, so this covers 30 layers with room. */
    private static final int GRAPH_SIZE = 2048;

    private final Ggml g;
    private final ModelConfig c;
    private final int threads;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment wctx;        // weight tensors (no_alloc, data = caller's memory)
    private final MemorySegment[] wt;
    private final MemorySegment pool;        // ggml thread pool
    private final MemorySegment galloc;      // graph allocator over a CPU buffer
    private MemorySegment work;              // graph work buffer, grown on demand
    private final int d, qDim, nHeads, nKv, s, half;

    GgmlForward(Ggml g, ModelWeights w, int threads) {
        this.g = g;
        this.c = w.config();
        this.threads = threads;
        d = c.dModel();
        qDim = c.qDim();
        nHeads = c.nHeads();
        nKv = c.nKvHeads();
        s = c.subKeys();
        half = d / 2;
        try {
            long overhead = (long) g.tensorOverhead.invokeExact();
            wctx = g.newContext(arena, overhead * (w.layout().size() + 4), true);
            wt = weightTensors(new Ops(g, wctx), w);
            pool = g.newThreadpool(threads);
            galloc = (MemorySegment) g.gallocrNew.invokeExact((MemorySegment) g.cpuBufferType.invokeExact());
            if (galloc.equals(MemorySegment.NULL)) throw new IllegalStateException("ggml_gallocr_new failed");
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        } catch (Throwable t) {
            arena.close();
            throw new IllegalStateException("ggml set-up failed", t);
        }
    }

    @Override
    public void close() {
        try {
            g.gallocrFree.invokeExact(galloc);
            g.threadpoolFree.invokeExact(pool);
            g.free.invokeExact(wctx);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("ggml release failed", t);
        } finally {
            arena.close();
        }
    }

    /** Logits of every position, n * 256 floats. */
    float[] logits(byte[] seq) {
        int n = seq.length;
        try (Arena call = Arena.ofConfined()) {
            long overhead = (long) g.tensorOverhead.invokeExact();
            long meta = overhead * (GRAPH_SIZE + 64L) + (long) g.graphOverheadCustom.invokeExact((long) GRAPH_SIZE, false);
            MemorySegment ctx = g.newContext(call, meta, true);
            try {
                Ops o = new Ops(g, ctx, call);
                MemorySegment tokens = o.input(o.tensor1d(Ggml.TYPE_I32, n));
                MemorySegment pos = o.input(o.tensor1d(Ggml.TYPE_I32, n));
                MemorySegment logits = o.output(forward(o, tokens, pos, n));
                MemorySegment gf = o.graph(GRAPH_SIZE, logits);
                if (!(boolean) g.gallocrAllocGraph.invokeExact(galloc, gf)) {
                    throw new OutOfMemoryError("ggml_gallocr_alloc_graph failed for a sequence of " + n + " bytes");
                }
                MemorySegment td = o.data(tokens), pd = o.data(pos);
                for (int t = 0; t < n; t++) {
                    td.setAtIndex(ValueLayout.JAVA_INT, t, seq[t] & 0xff);
                    pd.setAtIndex(ValueLayout.JAVA_INT, t, t);
                }
                o.computeGraph(gf, pool, threads, this::work);
                return o.data(logits).toArray(ValueLayout.JAVA_FLOAT);
            } finally {
                g.free.invokeExact(ctx);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("ggml forward failed", t);
        }
    }

    private MemorySegment work(long size) {
        if (work == null || work.byteSize() < size) work = arena.allocate(size, 64);
        return work;
    }

    private MemorySegment[] weightTensors(Ops o, ModelWeights w) {
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

    /** The whole forward pass: logits [256, n]. */
    private MemorySegment forward(Ops o, MemorySegment tokens, MemorySegment pos, int n) {
        MemorySegment x = o.getRows(wt[0], tokens);                           // [d, n]
        for (int l = 0; l < c.nLayers(); l++) {
            int b = 1 + l * ModelLayout.TENSORS_PER_LAYER;
            x = layer(o, b, x, pos, n);
        }
        MemorySegment xn = o.mul(o.rmsNorm(x, ModelConfig.RMS_EPS), wt[wt.length - 1]);
        return o.mulMat(wt[0], xn);                                            // [256, n]
    }

    private MemorySegment layer(Ops o, int b, MemorySegment x, MemorySegment pos, int n) {
        // Attention.
        MemorySegment xn = o.mul(o.rmsNorm(x, ModelConfig.RMS_EPS), wt[b]);
        MemorySegment q = o.mulMat(wt[b + 1], xn);
        MemorySegment k = o.mulMat(wt[b + 2], xn);
        MemorySegment v = o.mulMat(wt[b + 3], xn);
        q = o.rope(o.reshape3d(q, ModelConfig.HEAD_DIM, nHeads, n), pos, ModelConfig.HEAD_DIM, Ggml.ROPE_TYPE_NORMAL);
        k = o.rope(o.reshape3d(k, ModelConfig.HEAD_DIM, nKv, n), pos, ModelConfig.HEAD_DIM, Ggml.ROPE_TYPE_NORMAL);
        // Contiguous copies let ggml use its blocked sgemm for the scores (strided operands fall back to dot products).
        MemorySegment qh = o.cont(o.permute(q, 0, 2, 1, 3));                   // [64, n, heads]
        MemorySegment kh = o.cont(o.permute(k, 0, 2, 1, 3));                   // [64, n, kv heads]
        MemorySegment kq = o.mulMat(kh, qh);                                   // [n_k, n_q, heads]; head h reads kv head h / group
        kq = o.softMax(o.diagMaskInf(o.scale(kq, 0.125f), 0));
        MemorySegment vt = o.cont(o.permute(o.reshape3d(v, ModelConfig.HEAD_DIM, nKv, n), 1, 2, 0, 3)); // [n, 64, kv]
        MemorySegment kqv = o.mulMat(vt, kq);                                  // [64, n_q, heads]
        MemorySegment att = o.reshape2d(o.cont(o.permute(kqv, 0, 2, 1, 3)), qDim, n);
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
        MemorySegment va = o.getRows(o.reshape3d(ra, 1, s, n), ia);            // [1, 2, n]
        MemorySegment vb = o.getRows(o.reshape3d(rb, 1, s, n), ib);
        // Candidate c = 2i + j pairs half-a pick i with half-b pick j: score va[i] + vb[j], expert ia[i] * s + ib[j].
        MemorySegment cand = o.reshape2d(o.add(o.repeat4d(o.reshape3d(vb, 2, 1, n), 2, 2, n, 1), va), 4, n);
        MemorySegment ea = o.scale(o.reshape3d(o.cast(o.cont(ia), Ggml.TYPE_F32), 1, 2, n), s);
        MemorySegment eb = o.reshape3d(o.cast(o.cont(ib), Ggml.TYPE_F32), 2, 1, n);
        MemorySegment expert = o.reshape2d(o.add(o.repeat4d(eb, 2, 2, n, 1), ea), 4, n);
        MemorySegment pick = o.argsortTopK(cand, 2);                          // [2, n] into the 4 candidates
        MemorySegment top = o.reshape2d(o.getRows(o.reshape3d(cand, 1, 4, n), pick), 2, n);
        MemorySegment ids = o.cast(o.reshape2d(o.getRows(o.reshape3d(expert, 1, 4, n), pick), 2, n), Ggml.TYPE_I32);
        MemorySegment gates = o.reshape3d(o.softMax(top), 1, 2, n);

        // The two selected SwiGLU experts, weighted by their gates and summed.
        MemorySegment hin = o.reshape3d(xn2, d, 1, n);
        MemorySegment gate = o.mulMatId(wt[b + 8], hin, ids);                 // [dE, 2, n]
        MemorySegment up = o.mulMatId(wt[b + 9], hin, ids);
        // The gate scales the d_expert hidden values rather than the d outputs (same product, far fewer
        // multiplications; the rounding differs from the canonical order, as ggml's always may).
        MemorySegment h = o.mul(o.swigluSplit(gate, up), gates);              // silu(gate) * up * gate weight
        MemorySegment y = o.mulMatId(wt[b + 10], h, ids);                     // [d, 2, n]
        long nb2 = 4L * d * 2;
        MemorySegment y0 = o.view2d(y, d, n, nb2, 0);
        MemorySegment y1 = o.view2d(y, d, n, nb2, 4L * d);
        return o.add(x1, o.add(y0, y1));
    }
}
