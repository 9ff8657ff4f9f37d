package org.flowcoin.moe.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/** Vector API versions of the training kernels; only linked when {@code jdk.incubator.vector} is present. */
final class VectorLinalg {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int W = S.length();

    private VectorLinalg() {}

    /** Rotations by W/2, W/4, ..., 1 lanes for the reduction tree. */
    @SuppressWarnings("unchecked")
    private static final VectorShuffle<Float>[] ROT = rotations();

    private static VectorShuffle<Float>[] rotations() {
        int n = Integer.numberOfTrailingZeros(W);
        VectorShuffle<Float>[] r = new VectorShuffle[n];
        for (int k = 0, off = W / 2; k < n; k++, off /= 2) r[k] = VectorShuffle.iota(S, off, 1, true);
        return r;
    }

    /**
     * Sum of the lanes by a fixed halving tree of explicit lane-wise adds. Not
     * {@code reduceLanes(ADD)}: its order is unspecified and differs between the interpreter and
     * compiled code, which would make training runs irreproducible.
     */
    private static float sumLanes(FloatVector v) {
        for (VectorShuffle<Float> r : ROT) v = v.add(v.rearrange(r));
        return v.lane(0);
    }

    static boolean accelerated() {
        return S.vectorBitSize() >= 256;
    }

    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector acc0 = FloatVector.zero(S), acc1 = FloatVector.zero(S);
        int i = 0;
        for (; i + 2 * W <= n; i += 2 * W) {
            acc0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), acc0);
            acc1 = FloatVector.fromArray(S, a, ao + i + W).fma(FloatVector.fromArray(S, b, bo + i + W), acc1);
        }
        for (; i + W <= n; i += W) acc0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), acc0);
        float s = sumLanes(acc0.add(acc1));
        for (; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }

    static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector av = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (; i + W <= n; i += W) {
            FloatVector.fromArray(S, x, xo + i).fma(av, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] += alpha * x[xo + i];
    }

    /** y[yo..] += a0*x[x0..] + a1*x[x1..] + a2*x[x2..] + a3*x[x3..] (one load and store of y for four rows). */
    static void axpy4(float a0, int x0, float a1, int x1, float a2, int x2, float a3, int x3, float[] x, float[] y, int yo, int n) {
        FloatVector v0 = FloatVector.broadcast(S, a0), v1 = FloatVector.broadcast(S, a1);
        FloatVector v2 = FloatVector.broadcast(S, a2), v3 = FloatVector.broadcast(S, a3);
        int i = 0;
        for (; i + W <= n; i += W) {
            FloatVector acc = FloatVector.fromArray(S, y, yo + i);
            acc = FloatVector.fromArray(S, x, x0 + i).fma(v0, acc);
            acc = FloatVector.fromArray(S, x, x1 + i).fma(v1, acc);
            acc = FloatVector.fromArray(S, x, x2 + i).fma(v2, acc);
            acc = FloatVector.fromArray(S, x, x3 + i).fma(v3, acc);
            acc.intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] += a0 * x[x0 + i] + a1 * x[x1 + i] + a2 * x[x2 + i] + a3 * x[x3 + i];
    }

    /** out[oo + k*ldo] = w[wo..] . x[xk..] for the four rows xk = x0 + k*ldx (one load of w for four dots). */
    static void dot4(float[] w, int wo, float[] x, int x0, int ldx, int n, float[] out, int oo, int ldo) {
        FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
        int x1 = x0 + ldx, x2 = x1 + ldx, x3 = x2 + ldx;
        int i = 0;
        for (; i + W <= n; i += W) {
            FloatVector wv = FloatVector.fromArray(S, w, wo + i);
            a0 = wv.fma(FloatVector.fromArray(S, x, x0 + i), a0);
            a1 = wv.fma(FloatVector.fromArray(S, x, x1 + i), a1);
            a2 = wv.fma(FloatVector.fromArray(S, x, x2 + i), a2);
            a3 = wv.fma(FloatVector.fromArray(S, x, x3 + i), a3);
        }
        float s0 = sumLanes(a0), s1 = sumLanes(a1), s2 = sumLanes(a2), s3 = sumLanes(a3);
        for (; i < n; i++) {
            float wi = w[wo + i];
            s0 += wi * x[x0 + i];
            s1 += wi * x[x1 + i];
            s2 += wi * x[x2 + i];
            s3 += wi * x[x3 + i];
        }
        out[oo] = s0;
        out[oo + ldo] = s1;
        out[oo + 2 * ldo] = s2;
        out[oo + 3 * ldo] = s3;
    }
}
