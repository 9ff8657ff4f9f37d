package org.flowcoin.moe.internal;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels with the canonical bits by construction: the 16 canonical lanes are two
 * 8-lane vectors (lanes 0-7 and 8-15), lane-wise multiply then add (never fused), and the lanes are
 * combined by the canonical tree. Only loaded when {@code jdk.incubator.vector} is present.
 */
public final class VectorKernels implements Kernels {
    public static final VectorKernels INSTANCE = new VectorKernels();

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private VectorKernels() {}

    /** True when 256-bit float vectors are backed by hardware (otherwise this path is slow, still exact). */
    public static boolean hardwareAccelerated() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    private static float reduce(FloatVector lo, FloatVector hi) {
        FloatVector s8 = lo.add(hi);
        return Canon.tree8(s8.lane(0), s8.lane(1), s8.lane(2), s8.lane(3),
                s8.lane(4), s8.lane(5), s8.lane(6), s8.lane(7));
    }

    @Override
    public void matmul(MemorySegment w, long wo, int rows, int n, float[] x, int xo, int ldx, int tokens,
                       float[] y, int yo, int ldy) {
        if (n % 16 != 0 || !w.isNative()) { // heap segments are not intrinsified: scalar, same bits
            ScalarKernels.INSTANCE.matmul(w, wo, rows, n, x, xo, ldx, tokens, y, yo, ldy);
            return;
        }
        long rowBytes = 4L * n;
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            long w0 = wo + r * rowBytes, w1 = w0 + rowBytes, w2 = w1 + rowBytes, w3 = w2 + rowBytes;
            for (int t = 0; t < tokens; t++) {
                int xb = xo + t * ldx;
                FloatVector a0 = FloatVector.zero(S), b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
                for (int i = 0; i < n; i += 16) {
                    FloatVector xl = FloatVector.fromArray(S, x, xb + i);
                    FloatVector xh = FloatVector.fromArray(S, x, xb + i + 8);
                    long bo = 4L * i;
                    a0 = a0.add(FloatVector.fromMemorySegment(S, w, w0 + bo, LE).mul(xl));
                    b0 = b0.add(FloatVector.fromMemorySegment(S, w, w0 + bo + 32, LE).mul(xh));
                    a1 = a1.add(FloatVector.fromMemorySegment(S, w, w1 + bo, LE).mul(xl));
                    b1 = b1.add(FloatVector.fromMemorySegment(S, w, w1 + bo + 32, LE).mul(xh));
                    a2 = a2.add(FloatVector.fromMemorySegment(S, w, w2 + bo, LE).mul(xl));
                    b2 = b2.add(FloatVector.fromMemorySegment(S, w, w2 + bo + 32, LE).mul(xh));
                    a3 = a3.add(FloatVector.fromMemorySegment(S, w, w3 + bo, LE).mul(xl));
                    b3 = b3.add(FloatVector.fromMemorySegment(S, w, w3 + bo + 32, LE).mul(xh));
                }
                int yb = yo + t * ldy + r;
                y[yb] = reduce(a0, b0);
                y[yb + 1] = reduce(a1, b1);
                y[yb + 2] = reduce(a2, b2);
                y[yb + 3] = reduce(a3, b3);
            }
        }
        for (; r < rows; r++) {
            long w0 = wo + r * rowBytes;
            for (int t = 0; t < tokens; t++) {
                int xb = xo + t * ldx;
                FloatVector a0 = FloatVector.zero(S), b0 = a0;
                for (int i = 0; i < n; i += 16) {
                    long bo = 4L * i;
                    a0 = a0.add(FloatVector.fromMemorySegment(S, w, w0 + bo, LE).mul(FloatVector.fromArray(S, x, xb + i)));
                    b0 = b0.add(FloatVector.fromMemorySegment(S, w, w0 + bo + 32, LE).mul(FloatVector.fromArray(S, x, xb + i + 8)));
                }
                y[yo + t * ldy + r] = reduce(a0, b0);
            }
        }
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        if (n % 16 != 0) return Canon.dot(a, ao, b, bo, n);
        FloatVector lo = FloatVector.zero(S), hi = lo;
        for (int i = 0; i < n; i += 16) {
            lo = lo.add(FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)));
            hi = hi.add(FloatVector.fromArray(S, a, ao + i + 8).mul(FloatVector.fromArray(S, b, bo + i + 8)));
        }
        return reduce(lo, hi);
    }

    @Override
    public float sum(float[] a, int ao, int n) {
        FloatVector lo = FloatVector.zero(S), hi = lo;
        int i = 0;
        for (; i + 16 <= n; i += 16) {
            lo = lo.add(FloatVector.fromArray(S, a, ao + i));
            hi = hi.add(FloatVector.fromArray(S, a, ao + i + 8));
        }
        if (i == n) return reduce(lo, hi);
        float[] acc = new float[16];
        lo.intoArray(acc, 0);
        hi.intoArray(acc, 8);
        for (int l = 0; i < n; i++, l++) acc[l] += a[ao + i];
        return Canon.tree16(acc);
    }

    @Override
    public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector av = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            FloatVector.fromArray(S, y, yo + i).add(FloatVector.fromArray(S, x, xo + i).mul(av)).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] += alpha * x[xo + i];
    }

    @Override
    public String name() {
        return "vector";
    }
}
