package org.flowcoin.moe.train;

/**
 * The dense kernels of training: plain loops over contiguous float arrays (axpy-shaped where
 * possible, so the JIT vectorises them). Not the canonical arithmetic: training needs speed, and
 * only the evaluation of the applied weights is consensus.
 */
final class Linalg {
    private Linalg() {}

    /** Whether the Vector API kernels are used (module present and hardware-backed). */
    static final boolean VECTOR = vectorUsable();

    private static boolean vectorUsable() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector")
                .map(m -> Linalg.class.getModule().canRead(m) || !Linalg.class.getModule().isNamed())
                .orElse(false);
        if (!present) return false;
        try {
            return VectorLinalg.accelerated();
        } catch (LinkageError e) {
            return false;
        }
    }

    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        if (VECTOR && n >= 16) return VectorLinalg.dot(a, ao, b, bo, n);
        return scalarDot(a, ao, b, bo, n);
    }

    static float scalarDot(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            int p = ao + i, q = bo + i;
            s0 += a[p] * b[q];
            s1 += a[p + 1] * b[q + 1];
            s2 += a[p + 2] * b[q + 2];
            s3 += a[p + 3] * b[q + 3];
            s4 += a[p + 4] * b[q + 4];
            s5 += a[p + 5] * b[q + 5];
            s6 += a[p + 6] * b[q + 6];
            s7 += a[p + 7] * b[q + 7];
        }
        for (; i < n; i++) s0 += a[ao + i] * b[bo + i];
        return ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7));
    }

    /** y[i] += a * x[i]. */
    static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        if (VECTOR && n >= 16) {
            VectorLinalg.axpy(a, x, xo, y, yo, n);
            return;
        }
        for (int i = 0; i < n; i++) y[yo + i] += a * x[xo + i];
    }

    /**
     * Forward: y[t*ldy + o] = W[o,:] . x[t*ldx ..] for o &lt; out, t &lt; n; W rows of {@code in}
     * floats starting at {@code wo}.
     */
    static void matmul(float[] w, int wo, int out, int in, float[] x, int ldx, int n, float[] y, int ldy) {
        for (int o = 0; o < out; o++) {
            int r = wo + o * in;
            int t = 0;
            if (VECTOR && in >= 16) for (; t + 4 <= n; t += 4) VectorLinalg.dot4(w, r, x, t * ldx, ldx, in, y, t * ldy + o, ldy);
            for (; t < n; t++) y[t * ldy + o] = dot(w, r, x, t * ldx, in);
        }
    }

    /** Weight gradient: dW[o,:] += sum_t dy[t*ldy + o] * x[t*ldx ..]. */
    static void accumulateOuter(float[] dw, int wo, int out, int in, float[] dy, int ldy, float[] x, int ldx, int n) {
        for (int o = 0; o < out; o++) {
            int r = wo + o * in;
            int t = 0;
            if (VECTOR && in >= 16) {
                for (; t + 4 <= n; t += 4) {
                    int b = t * ldy + o;
                    VectorLinalg.axpy4(dy[b], t * ldx, dy[b + ldy], (t + 1) * ldx, dy[b + 2 * ldy], (t + 2) * ldx, dy[b + 3 * ldy], (t + 3) * ldx,
                            x, dw, r, in);
                }
            }
            for (; t < n; t++) {
                float s = dy[t * ldy + o];
                if (s != 0f) axpy(s, x, t * ldx, dw, r, in);
            }
        }
    }

    /** Input gradient: dx[t*ldx ..] += sum_o dy[t*ldy + o] * W[o,:]. */
    static void backInput(float[] w, int wo, int out, int in, float[] dy, int ldy, float[] dx, int ldx, int n) {
        for (int t = 0; t < n; t++) {
            int xo = t * ldx, b = t * ldy;
            int o = 0;
            if (VECTOR && in >= 16) {
                for (; o + 4 <= out; o += 4) {
                    VectorLinalg.axpy4(dy[b + o], wo + o * in, dy[b + o + 1], wo + (o + 1) * in, dy[b + o + 2], wo + (o + 2) * in,
                            dy[b + o + 3], wo + (o + 3) * in, w, dx, xo, in);
                }
            }
            for (; o < out; o++) {
                float s = dy[b + o];
                if (s != 0f) axpy(s, w, wo + o * in, dx, xo, in);
            }
        }
    }
}
