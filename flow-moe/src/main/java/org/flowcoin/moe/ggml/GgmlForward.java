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
    private final boolean trainableGraph;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment wctx;        // weight tensors (no_alloc, data = caller's memory)
    private final MemorySegment[] wt;
    private final Workspace ws;

    GgmlForward(Ggml g, ModelWeights w, int threads) {
        this(g, w, threads, false);
    }

    /** {@code trainableGraph}: build the differentiable form of the graph (for tests against the default form). */
    GgmlForward(Ggml g, ModelWeights w, int threads, boolean trainableGraph) {
        this.trainableGraph = trainableGraph;
        this.g = g;
        this.c = w.config();
        try {
            long overhead = (long) g.tensorOverhead.invokeExact();
            wctx = g.newContext(arena, overhead * (w.layout().size() + 4), true);
            wt = weightTensors(new Ops(g, wctx), w);
            ws = new Workspace(g, arena, threads);
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
        try (arena; ws) {
            g.free.invokeExact(wctx);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("ggml release failed", t);
        }
    }

    /** Logits of every position, n * 256 floats. */
    float[] logits(byte[] seq) {
        int n = seq.length;
        try (GraphScope sc = new GraphScope(g, GRAPH_SIZE, false)) {
            Ops o = sc.ops;
            MemorySegment tokens = o.input(o.tensor1d(Ggml.TYPE_I32, n));
            MemorySegment pos = o.input(o.tensor1d(Ggml.TYPE_I32, n));
            MemorySegment logits = o.output(MoeGraph.logits(o, c, wt, tokens, pos, n, trainableGraph));
            MemorySegment gf = o.graph(GRAPH_SIZE, logits);
            ws.allocate(gf, "a sequence of " + n + " bytes");
            MemorySegment td = o.data(tokens), pd = o.data(pos);
            for (int t = 0; t < n; t++) {
                td.setAtIndex(ValueLayout.JAVA_INT, t, seq[t] & 0xff);
                pd.setAtIndex(ValueLayout.JAVA_INT, t, t);
            }
            ws.compute(o, gf);
            return o.data(logits).toArray(ValueLayout.JAVA_FLOAT);
        }
    }

    /**
     * Logits of {@code tokens} appended after {@code past} positions held in a key/value cache
     * ({@code k}, {@code v}: see {@link MoeGraph.KvCache}); their keys and values are written to the
     * cache after those positions. n * 256 floats.
     */
    float[] logitsAfter(MemorySegment[] k, MemorySegment[] v, int capacity, int past, byte[] seq) {
        int n = seq.length;
        try (GraphScope sc = new GraphScope(g, GRAPH_SIZE, false)) {
            Ops o = sc.ops;
            MemorySegment tokens = o.input(o.tensor1d(Ggml.TYPE_I32, n));
            MemorySegment pos = o.input(o.tensor1d(Ggml.TYPE_I32, n));
            java.util.List<MemorySegment> outs = new java.util.ArrayList<>();
            MemorySegment logits = o.output(MoeGraph.logits(o, c, wt, tokens, pos, n, false,
                    new MoeGraph.KvCache(k, v, capacity, past, outs)));
            outs.add(logits); // after the cache writes, which the attention of later layers reads
            MemorySegment gf = o.graph(GRAPH_SIZE, outs.toArray(MemorySegment[]::new));
            ws.allocate(gf, n + " bytes after " + past);
            MemorySegment td = o.data(tokens), pd = o.data(pos);
            for (int t = 0; t < n; t++) {
                td.setAtIndex(ValueLayout.JAVA_INT, t, seq[t] & 0xff);
                pd.setAtIndex(ValueLayout.JAVA_INT, t, past + t);
            }
            ws.compute(o, gf);
            return o.data(logits).toArray(ValueLayout.JAVA_FLOAT);
        }
    }

    ModelConfig config() {
        return c;
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
