package org.flowcoin.moe.ggml;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A short-lived {@code no_alloc} ggml context for building one graph of up to {@code graphSize}
 * nodes (tensor metadata only: the data comes from a {@link Workspace}'s allocator or from memory
 * the caller owns), with the {@link Ops} over it; closing frees the context.
 *
 * <pre>{@code
 * try (GraphScope sc = new GraphScope(g, 512, false)) {
 *     MemorySegment gf = sc.ops.graph(512, sc.ops.add(a, b));
 *     ws.allocate(gf, "the sum");
 *     ws.compute(sc.ops, gf);
 * }
 * }</pre>
 */
final class GraphScope implements AutoCloseable {
    private final Ggml g;
    private final Arena arena = Arena.ofConfined();
    final MemorySegment ctx;
    final Ops ops;

    /** {@code grads}: room for a backward pass (gradients per node). */
    GraphScope(Ggml g, int graphSize, boolean grads) {
        this.g = g;
        try {
            long overhead = (long) g.tensorOverhead.invokeExact();
            long meta = overhead * 2L * graphSize + (long) g.graphOverheadCustom.invokeExact((long) graphSize, grads);
            ctx = g.newContext(arena, meta, true);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        } catch (Throwable t) {
            arena.close();
            throw new IllegalStateException("ggml_init failed", t);
        }
        ops = new Ops(g, ctx, arena);
    }

    /** Native memory that lives as long as this scope. */
    Arena arena() {
        return arena;
    }

    @Override
    public void close() {
        try {
            g.free.invokeExact(ctx);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("ggml_free failed", t);
        } finally {
            arena.close();
        }
    }
}
