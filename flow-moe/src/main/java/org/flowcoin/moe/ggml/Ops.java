package org.flowcoin.moe.ggml;

import java.lang.foreign.MemorySegment;

/**
 * Typed wrappers over the ggml handles for one context; every call checks for a NULL result.
 * Package-private: the graph code of this package is its only user.
 */
final class Ops {
    private final Ggml g;
    final MemorySegment ctx;
    private final java.lang.foreign.Arena planArena;

    Ops(Ggml g, MemorySegment ctx) {
        this(g, ctx, null);
    }

    /** {@code planArena} holds the graph plans of {@link #compute}. */
    Ops(Ggml g, MemorySegment ctx, java.lang.foreign.Arena planArena) {
        this.g = g;
        this.ctx = ctx;
        this.planArena = planArena;
    }

    private static MemorySegment nn(MemorySegment t, String op) {
        if (t.equals(MemorySegment.NULL)) throw new IllegalStateException("ggml " + op + " returned NULL");
        return t;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    MemorySegment tensor1d(int type, long n0) {
        try { return nn((MemorySegment) g.newTensor1d.invokeExact(ctx, type, n0), "new_tensor_1d"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment tensor2d(int type, long n0, long n1) {
        try { return nn((MemorySegment) g.newTensor2d.invokeExact(ctx, type, n0, n1), "new_tensor_2d"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment tensor3d(int type, long n0, long n1, long n2) {
        try { return nn((MemorySegment) g.newTensor3d.invokeExact(ctx, type, n0, n1, n2), "new_tensor_3d"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment mulMat(MemorySegment a, MemorySegment b) {
        try { return nn((MemorySegment) g.mulMat.invokeExact(ctx, a, b), "mul_mat"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment mulMatId(MemorySegment as, MemorySegment b, MemorySegment ids) {
        try { return nn((MemorySegment) g.mulMatId.invokeExact(ctx, as, b, ids), "mul_mat_id"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment add(MemorySegment a, MemorySegment b) {
        try { return nn((MemorySegment) g.add.invokeExact(ctx, a, b), "add"); } catch (Throwable t) { throw rethrow(t); }
    }

    /**
     * A custom operation: an F32 result of shape {@code ne} computed by {@code fun}
     * ({@code void (*)(struct ggml_tensor * dst, int ith, int nth, void * userdata)}) on every ggml
     * thread, reading its operands from {@code dst->src[]}.
     */
    MemorySegment custom(long ne0, long ne1, long ne2, MemorySegment fun, MemorySegment... args) {
        try {
            MemorySegment a = planArena.allocate(java.lang.foreign.ValueLayout.ADDRESS, args.length);
            for (int i = 0; i < args.length; i++) a.setAtIndex(java.lang.foreign.ValueLayout.ADDRESS, i, args[i]);
            return nn((MemorySegment) g.custom4d.invokeExact(ctx, Ggml.TYPE_F32, ne0, ne1, ne2, 1L, a, args.length, fun,
                    -1 /* GGML_N_TASKS_MAX: every thread */, MemorySegment.NULL), "custom_4d");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Copies a into b (same element count; either may be a strided view); the result is a view of b. */
    MemorySegment cpy(MemorySegment a, MemorySegment b) {
        try { return nn((MemorySegment) g.cpy.invokeExact(ctx, a, b), "cpy"); } catch (Throwable t) { throw rethrow(t); }
    }

    /** a += b, the result a view of a. */
    MemorySegment addInplace(MemorySegment a, MemorySegment b) {
        try { return nn((MemorySegment) g.addInplace.invokeExact(ctx, a, b), "add_inplace"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment mul(MemorySegment a, MemorySegment b) {
        try { return nn((MemorySegment) g.mul.invokeExact(ctx, a, b), "mul"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment rmsNorm(MemorySegment a, float eps) {
        try { return nn((MemorySegment) g.rmsNorm.invokeExact(ctx, a, eps), "rms_norm"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment rope(MemorySegment a, MemorySegment pos, int nDims, int mode) {
        try { return nn((MemorySegment) g.rope.invokeExact(ctx, a, pos, nDims, mode), "rope"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment scale(MemorySegment a, float s) {
        try { return nn((MemorySegment) g.scale.invokeExact(ctx, a, s), "scale"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment diagMaskInf(MemorySegment a, int nPast) {
        try { return nn((MemorySegment) g.diagMaskInf.invokeExact(ctx, a, nPast), "diag_mask_inf"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment softMax(MemorySegment a) {
        try { return nn((MemorySegment) g.softMax.invokeExact(ctx, a), "soft_max"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment swigluSplit(MemorySegment a, MemorySegment b) {
        try { return nn((MemorySegment) g.swigluSplit.invokeExact(ctx, a, b), "swiglu_split"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment getRows(MemorySegment a, MemorySegment rows) {
        try { return nn((MemorySegment) g.getRows.invokeExact(ctx, a, rows), "get_rows"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment view2d(MemorySegment a, long ne0, long ne1, long nb1, long offset) {
        try { return nn((MemorySegment) g.view2d.invokeExact(ctx, a, ne0, ne1, nb1, offset), "view_2d"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment view3d(MemorySegment a, long ne0, long ne1, long ne2, long nb1, long nb2, long offset) {
        try { return nn((MemorySegment) g.view3d.invokeExact(ctx, a, ne0, ne1, ne2, nb1, nb2, offset), "view_3d"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment reshape2d(MemorySegment a, long ne0, long ne1) {
        try { return nn((MemorySegment) g.reshape2d.invokeExact(ctx, a, ne0, ne1), "reshape_2d"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment reshape3d(MemorySegment a, long ne0, long ne1, long ne2) {
        try { return nn((MemorySegment) g.reshape3d.invokeExact(ctx, a, ne0, ne1, ne2), "reshape_3d"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment permute(MemorySegment a, int a0, int a1, int a2, int a3) {
        try { return nn((MemorySegment) g.permute.invokeExact(ctx, a, a0, a1, a2, a3), "permute"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment cont(MemorySegment a) {
        try { return nn((MemorySegment) g.cont.invokeExact(ctx, a), "cont"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment repeat4d(MemorySegment a, long ne0, long ne1, long ne2, long ne3) {
        try { return nn((MemorySegment) g.repeat4d.invokeExact(ctx, a, ne0, ne1, ne2, ne3), "repeat_4d"); } catch (Throwable t) { throw rethrow(t); }
    }

    /** F32 [ceil((stop - start) / step)]: start, start + step, ... */
    MemorySegment arange(float start, float stop, float step) {
        try { return nn((MemorySegment) g.arange.invokeExact(ctx, start, stop, step), "arange"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment reshape1d(MemorySegment a, long ne0) {
        try { return nn((MemorySegment) g.reshape1d.invokeExact(ctx, a, ne0), "reshape_1d"); } catch (Throwable t) { throw rethrow(t); }
    }

    /** Sum of all elements: a scalar. */
    MemorySegment sum(MemorySegment a) {
        try { return nn((MemorySegment) g.sum.invokeExact(ctx, a), "sum"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment scaleInplace(MemorySegment a, float s) {
        try { return nn((MemorySegment) g.scaleInplace.invokeExact(ctx, a, s), "scale_inplace"); } catch (Throwable t) { throw rethrow(t); }
    }

    /** Mean over rows of the cross-entropy between softmax(logits) and the label distributions: a scalar. */
    MemorySegment crossEntropyLoss(MemorySegment logits, MemorySegment labels) {
        try { return nn((MemorySegment) g.crossEntropyLoss.invokeExact(ctx, logits, labels), "cross_entropy_loss"); } catch (Throwable t) { throw rethrow(t); }
    }

    /** One AdamW step of {@code w} in place (ggml's update rule; {@code params} F32 [7], see GgmlTrainer). */
    MemorySegment optStepAdamw(MemorySegment w, MemorySegment grad, MemorySegment m, MemorySegment v, MemorySegment params) {
        try { return nn((MemorySegment) g.optStepAdamw.invokeExact(ctx, w, grad, m, v, params), "opt_step_adamw"); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment cast(MemorySegment a, int type) {
        try { return nn((MemorySegment) g.cast.invokeExact(ctx, a, type), "cast"); } catch (Throwable t) { throw rethrow(t); }
    }

    /** Indices of the k largest values of each row, largest first (ties in ggml's sort order). */
    MemorySegment argsortTopK(MemorySegment a, int k) {
        try { return nn((MemorySegment) g.argsortTopK.invokeExact(ctx, a, k), "argsort_top_k"); } catch (Throwable t) { throw rethrow(t); }
    }

    /** Marks a graph input: the allocator gives it memory of its own, filled by the caller. */
    MemorySegment input(MemorySegment t) {
        try { g.setInput.invokeExact(t); return t; } catch (Throwable e) { throw rethrow(e); }
    }

    /** Marks a graph output: the allocator never reuses its memory for later nodes. */
    MemorySegment output(MemorySegment t) {
        try { g.setOutput.invokeExact(t); return t; } catch (Throwable e) { throw rethrow(e); }
    }

    /** A graph (room for {@code size} nodes) of everything the given outputs depend on. */
    MemorySegment graph(int size, MemorySegment... outputs) {
        try {
            MemorySegment gf = nn((MemorySegment) g.newGraphCustom.invokeExact(ctx, (long) size, false), "new_graph");
            for (MemorySegment o : outputs) g.buildForwardExpand.invokeExact(gf, o);
            return gf;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Computes an allocated graph with the pool's threads; the work buffer comes from {@code work}
     * (memory of the caller that outlives the call).
     */
    void computeGraph(MemorySegment gf, MemorySegment threadpool, int threads, java.util.function.LongFunction<MemorySegment> work) {
        try {
            MemorySegment plan = (MemorySegment) g.graphPlan.invokeExact((java.lang.foreign.SegmentAllocator) planArena, gf, threads, threadpool);
            long size = plan.get(java.lang.foreign.ValueLayout.JAVA_LONG, 0);
            if (size > 0) plan.set(java.lang.foreign.ValueLayout.ADDRESS, 8, work.apply(size));
            int status = (int) g.graphComputePlan.invokeExact(gf, plan);
            if (status != Ggml.STATUS_SUCCESS) throw new IllegalStateException("ggml_graph_compute failed with status " + status);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Data of a tensor as a segment of its byte size. */
    MemorySegment data(MemorySegment t) {
        try { return g.data(t); } catch (Throwable e) { throw rethrow(e); }
    }
}
