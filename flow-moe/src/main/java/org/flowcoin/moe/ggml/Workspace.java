package org.flowcoin.moe.ggml;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * What one thread needs to compute ggml graphs again and again: a thread pool of {@code threads}
 * ggml threads, a graph allocator (activation memory reused between nodes and kept from one graph
 * to the next) and a work buffer grown on demand from {@code arena}. Not thread-safe.
 */
final class Workspace implements AutoCloseable {
    private final Ggml g;
    private final Arena arena;
    final int threads;
    final MemorySegment pool;
    final MemorySegment galloc;
    private MemorySegment work;

    Workspace(Ggml g, Arena arena, int threads) {
        this.g = g;
        this.arena = arena;
        this.threads = threads;
        try {
            pool = g.newThreadpool(threads);
            MemorySegment a = (MemorySegment) g.gallocrNew.invokeExact((MemorySegment) g.cpuBufferType.invokeExact());
            if (a.equals(MemorySegment.NULL)) {
                g.threadpoolFree.invokeExact(pool);
                throw new IllegalStateException("ggml_gallocr_new failed");
            }
            galloc = a;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("ggml workspace set-up failed", t);
        }
    }

    /** Places every tensor of {@code gf} that has no memory yet ({@code what} names the graph in the error). */
    void allocate(MemorySegment gf, String what) {
        boolean ok;
        try {
            ok = (boolean) g.gallocrAllocGraph.invokeExact(galloc, gf);
        } catch (Throwable t) {
            throw new IllegalStateException("ggml_gallocr_alloc_graph failed", t);
        }
        if (!ok) throw new OutOfMemoryError("ggml_gallocr_alloc_graph failed for " + what);
    }

    /** Computes an allocated graph with this workspace's threads. */
    void compute(Ops o, MemorySegment gf) {
        o.computeGraph(gf, pool, threads, this::work);
    }

    private MemorySegment work(long size) {
        if (work == null || work.byteSize() < size) work = arena.allocate(size, 64);
        return work;
    }

    @Override
    public void close() {
        try {
            g.gallocrFree.invokeExact(galloc);
            g.threadpoolFree.invokeExact(pool);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("ggml release failed", t);
        }
    }
}
