package org.flowcoin.moe.ggml;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelWeights;

/**
 * The model's forward pass (docs/spec/model.md, "Forward pass") as ONE ggml graph per sequence:
 * embedding, every layer (attention, product-key routing, the two selected SwiGLU experts) and the
 * output projection, computed by a single {@code ggml_graph_compute}.
 *
 * <p>The graph itself is {@link MoeGraph}'s (routing included).
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
    private final boolean trainableGraph;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment wctx;        // weight tensors (no_alloc, data = caller's memory)
    private final MemorySegment[] wt;
    private final MemorySegment pool;        // ggml thread pool
    private final MemorySegment galloc;      // graph allocator over a CPU buffer
    private MemorySegment work;              // graph work buffer, grown on demand

    GgmlForward(Ggml g, ModelWeights w, int threads) {
        this(g, w, threads, false);
    }

    /** {@code trainableGraph}: build the differentiable form of the graph (for tests against the default form). */
    GgmlForward(Ggml g, ModelWeights w, int threads, boolean trainableGraph) {
        this.trainableGraph = trainableGraph;
        this.g = g;
        this.c = w.config();
        this.threads = threads;
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
                MemorySegment logits = o.output(MoeGraph.logits(o, c, wt, tokens, pos, n, trainableGraph));
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
        MemorySegment[] out = MoeGraph.weightTensors(o, w.layout());
        for (int i = 0; i < out.length; i++) {
            MemorySegment src = w.tensor(i);
            MemorySegment mem = src;
            if (!src.isNative()) {
                mem = arena.allocate(src.byteSize(), 64);
                mem.copyFrom(src);
            }
            Ggml.setData(out[i], mem);
        }
        return out;
    }
}
