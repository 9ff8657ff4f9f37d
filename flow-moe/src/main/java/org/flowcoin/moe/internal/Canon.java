package org.flowcoin.moe.internal;

import java.lang.foreign.MemorySegment;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelWeights;

/**
 * The canonical scalar arithmetic of docs/spec/numerics.md. Every other path must reproduce these
 * bits exactly.
 */
public final class Canon {
    private Canon() {}

    /** Lanes of the canonical reduction. */
    public static final int LANES = 16;

    /** exp: fdlibm in double, rounded once to float. */
    public static float exp(float x) {
        return (float) StrictMath.exp(x);
    }

    /** log: fdlibm in double, rounded once to float. */
    public static float log(float x) {
        return (float) StrictMath.log(x);
    }

    /** 1/sqrt(x) in double (both operations correctly rounded), rounded to float. */
    public static float rsqrt(float x) {
        return (float) (1.0 / Math.sqrt(x));
    }

    /** Combines 16 lane accumulators: halving tree (l + 8, then l + 4, then l + 2, then l + 1). */
    public static float tree16(float[] a) {
        float b0 = a[0] + a[8], b1 = a[1] + a[9], b2 = a[2] + a[10], b3 = a[3] + a[11];
        float b4 = a[4] + a[12], b5 = a[5] + a[13], b6 = a[6] + a[14], b7 = a[7] + a[15];
        return tree8(b0, b1, b2, b3, b4, b5, b6, b7);
    }

    /** The last three levels of the tree on s8[0..7]. */
    public static float tree8(float b0, float b1, float b2, float b3, float b4, float b5, float b6, float b7) {
        float c0 = b0 + b4, c1 = b1 + b5, c2 = b2 + b6, c3 = b3 + b7;
        return (c0 + c2) + (c1 + c3);
    }

    /** Canonical DOT over float arrays: lane i mod 16 accumulates a[i]*b[i] in order, then tree16. */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        float s8 = 0f, s9 = 0f, s10 = 0f, s11 = 0f, s12 = 0f, s13 = 0f, s14 = 0f, s15 = 0f;
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            int p = ao + i, q = bo + i;
            s0 += a[p] * b[q]; s1 += a[p + 1] * b[q + 1]; s2 += a[p + 2] * b[q + 2]; s3 += a[p + 3] * b[q + 3];
            s4 += a[p + 4] * b[q + 4]; s5 += a[p + 5] * b[q + 5]; s6 += a[p + 6] * b[q + 6]; s7 += a[p + 7] * b[q + 7];
            s8 += a[p + 8] * b[q + 8]; s9 += a[p + 9] * b[q + 9]; s10 += a[p + 10] * b[q + 10]; s11 += a[p + 11] * b[q + 11];
            s12 += a[p + 12] * b[q + 12]; s13 += a[p + 13] * b[q + 13]; s14 += a[p + 14] * b[q + 14]; s15 += a[p + 15] * b[q + 15];
        }
        float[] acc = {s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15};
        for (int l = 0; i < n; i++, l++) acc[l] += a[ao + i] * b[bo + i];
        return tree16(acc);
    }

    /** Canonical DOT of a float32-LE segment row (byte offset {@code wo}) with a float array. */
    public static float dot(MemorySegment w, long wo, float[] b, int bo, int n) {
        if (n <= 8) return dotShort(w, wo, b, bo, n);
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        float s8 = 0f, s9 = 0f, s10 = 0f, s11 = 0f, s12 = 0f, s13 = 0f, s14 = 0f, s15 = 0f;
        int i = 0;
        var L = ModelWeights.FLOAT_LE;
        for (; i + LANES <= n; i += LANES) {
            long p = wo + 4L * i;
            int q = bo + i;
            s0 += w.get(L, p) * b[q]; s1 += w.get(L, p + 4) * b[q + 1];
            s2 += w.get(L, p + 8) * b[q + 2]; s3 += w.get(L, p + 12) * b[q + 3];
            s4 += w.get(L, p + 16) * b[q + 4]; s5 += w.get(L, p + 20) * b[q + 5];
            s6 += w.get(L, p + 24) * b[q + 6]; s7 += w.get(L, p + 28) * b[q + 7];
            s8 += w.get(L, p + 32) * b[q + 8]; s9 += w.get(L, p + 36) * b[q + 9];
            s10 += w.get(L, p + 40) * b[q + 10]; s11 += w.get(L, p + 44) * b[q + 11];
            s12 += w.get(L, p + 48) * b[q + 12]; s13 += w.get(L, p + 52) * b[q + 13];
            s14 += w.get(L, p + 56) * b[q + 14]; s15 += w.get(L, p + 60) * b[q + 15];
        }
        float[] acc = {s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15};
        for (int l = 0; i < n; i++, l++) acc[l] += w.get(L, wo + 4L * i) * b[bo + i];
        return tree16(acc);
    }

    /**
     * DOT for n &lt;= 8: lanes 8-15 are +0 and a lane sum 0 + p is never -0, so the first tree level
     * is the identity and only tree8 remains.
     */
    @SuppressWarnings("fallthrough")
    private static float dotShort(MemorySegment w, long wo, float[] b, int bo, int n) {
        var L = ModelWeights.FLOAT_LE;
        float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f, a4 = 0f, a5 = 0f, a6 = 0f, a7 = 0f;
        switch (n) {
            case 8: a7 = 0f + w.get(L, wo + 28) * b[bo + 7];
            case 7: a6 = 0f + w.get(L, wo + 24) * b[bo + 6];
            case 6: a5 = 0f + w.get(L, wo + 20) * b[bo + 5];
            case 5: a4 = 0f + w.get(L, wo + 16) * b[bo + 4];
            case 4: a3 = 0f + w.get(L, wo + 12) * b[bo + 3];
            case 3: a2 = 0f + w.get(L, wo + 8) * b[bo + 2];
            case 2: a1 = 0f + w.get(L, wo + 4) * b[bo + 1];
            case 1: a0 = 0f + w.get(L, wo) * b[bo];
            default: break;
        }
        return tree8(a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /** Canonical SUM: like DOT with the products replaced by the elements. */
    public static float sum(float[] a, int ao, int n) {
        float[] acc = new float[LANES];
        for (int i = 0; i < n; i++) acc[i & (LANES - 1)] += a[ao + i];
        return tree16(acc);
    }

    /** Rotary table: cos at [pos * 32 + i], sin likewise, for pair i of a 64-wide head. */
    public static float[][] ropeTables(int positions) {
        int half = ModelConfig.HEAD_DIM / 2;
        double[] inv = new double[half];
        for (int i = 0; i < half; i++) inv[i] = StrictMath.pow(ModelConfig.ROPE_THETA, -(2.0 * i) / ModelConfig.HEAD_DIM);
        float[] cos = new float[positions * half];
        float[] sin = new float[positions * half];
        for (int p = 0; p < positions; p++) {
            for (int i = 0; i < half; i++) {
                double a = p * inv[i];
                cos[p * half + i] = (float) StrictMath.cos(a);
                sin[p * half + i] = (float) StrictMath.sin(a);
            }
        }
        return new float[][] {cos, sin};
    }
}
