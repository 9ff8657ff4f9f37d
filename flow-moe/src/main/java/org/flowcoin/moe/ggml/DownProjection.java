package org.flowcoin.moe.ggml;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The experts' down projection as a ggml custom operation ({@code ggml_custom_4d}) written in Java:
 * {@code y[:, slot] = W_down[expert(slot)] · h[:, slot]} for every (token, slot).
 *
 * <p>Why: the contraction runs over d_expert (4 at genesis), and {@code mul_mat_id} spends one
 * call of ggml's vector dot product (with its horizontal reduction) per output element, which
 * measured about a sixth of a genesis evaluation. Here each output row costs four fused
 * multiply-adds in a fixed order ({@code k = 0..d_expert-1}), independent of the thread count.
 *
 * <p>Operands ({@code dst->src[]}): 0 the down weights [d_expert, d, experts] F32, 1 the gated
 * hidden values [d_expert, slots] F32, 2 the expert of each slot [slots] I32; result [d, slots].
 * ggml calls the upcall on each of its threads with {@code (ith, nth)}; slots are split between
 * them. An expert index outside the table (which the routing graph cannot produce) yields NaN
 * outputs for that slot rather than an exception, which must not escape an upcall.
 */
final class DownProjection {
    private DownProjection() {}

    /** {@code offsetof(struct ggml_tensor, src)} in ggml 0.25.1 (checked by {@link Ggml}'s self-check). */
    static final long TENSOR_SRC_OFFSET = 152;

    private static final class Holder {
        static final MemorySegment STUB = stub();
    }

    /** The function pointer to pass to {@code ggml_custom_4d} (created once per JVM). */
    static MemorySegment function() {
        return Holder.STUB;
    }

    private static MemorySegment stub() {
        try {
            var mh = MethodHandles.lookup().findStatic(DownProjection.class, "compute",
                    MethodType.methodType(void.class, MemorySegment.class, int.class, int.class, MemorySegment.class));
            return Linker.nativeLinker().upcallStub(mh,
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS),
                    Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MemorySegment src(MemorySegment t, int i) {
        return t.get(ValueLayout.ADDRESS, TENSOR_SRC_OFFSET + 8L * i).reinterpret(Ggml.TENSOR_SIZE);
    }

    private static long ne(MemorySegment t, int i) {
        return t.get(ValueLayout.JAVA_LONG, Ggml.TENSOR_NE_OFFSET + 8L * i);
    }

    private static MemorySegment data(MemorySegment t, long bytes) {
        return t.get(ValueLayout.ADDRESS, Ggml.TENSOR_DATA_OFFSET).reinterpret(bytes);
    }

    /** The upcall: {@code void (*)(struct ggml_tensor * dst, int ith, int nth, void * userdata)}. */
    static void compute(MemorySegment dstPtr, int ith, int nth, MemorySegment userdata) {
        MemorySegment dst = dstPtr.reinterpret(Ggml.TENSOR_SIZE);
        MemorySegment w = src(dst, 0), h = src(dst, 1), ids = src(dst, 2);
        int dE = (int) ne(w, 0), d = (int) ne(w, 1);
        long experts = ne(w, 2);
        long slots = ne(ids, 0);
        MemorySegment wd = data(w, 4L * dE * d * experts);
        MemorySegment hd = data(h, 4L * dE * slots);
        MemorySegment id = data(ids, 4L * slots);
        MemorySegment y = data(dst, 4L * d * slots);
        long from = slots * ith / nth, to = slots * (ith + 1) / nth;
        float[] hs = new float[dE];
        for (long s = from; s < to; s++) {
            int e = id.getAtIndex(ValueLayout.JAVA_INT, s);
            long yo = s * d;
            if (e < 0 || e >= experts) {
                for (int i = 0; i < d; i++) y.setAtIndex(ValueLayout.JAVA_FLOAT, yo + i, Float.NaN);
                continue;
            }
            MemorySegment.copy(hd, ValueLayout.JAVA_FLOAT, 4L * s * dE, hs, 0, dE);
            long wo = (long) e * d * dE;
            for (int i = 0; i < d; i++) {
                float acc = 0f;
                long r = wo + (long) i * dE;
                for (int k = 0; k < dE; k++) acc = Math.fma(wd.getAtIndex(ValueLayout.JAVA_FLOAT, r + k), hs[k], acc);
                y.setAtIndex(ValueLayout.JAVA_FLOAT, yo + i, acc);
            }
        }
    }
}
