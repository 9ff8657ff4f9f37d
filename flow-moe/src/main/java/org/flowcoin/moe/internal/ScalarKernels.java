package org.flowcoin.moe.internal;

import java.lang.foreign.MemorySegment;
import org.flowcoin.moe.ModelWeights;

/** Plain Java kernels: the reference. */
public final class ScalarKernels implements Kernels {
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    @Override
    public void matmul(MemorySegment w, long wo, int rows, int n, float[] x, int xo, int ldx, int tokens,
                       float[] y, int yo, int ldy) {
        for (int t = 0; t < tokens; t++) {
            for (int r = 0; r < rows; r++) {
                y[yo + t * ldy + r] = Canon.dot(w, wo + 4L * r * n, x, xo + t * ldx, n);
            }
        }
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        return Canon.dot(a, ao, b, bo, n);
    }

    @Override
    public float sum(float[] a, int ao, int n) {
        return Canon.sum(a, ao, n);
    }

    @Override
    public void expShifted(float[] a, int ao, int n, float shift) {
        for (int i = 0; i < n; i++) a[ao + i] = Canon.exp(a[ao + i] - shift);
    }

    @Override
    public void mix(float[] p, int po, int ldp, int heads, int count, float[] v, int vo, int ldv, int width,
                    float[] out, int oo, int ldo) {
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < width; i++) {
                float acc = 0f;
                for (int j = 0; j < count; j++) acc += p[po + h * ldp + j] * v[vo + j * ldv + i];
                out[oo + h * ldo + i] = acc;
            }
        }
    }

    @Override
    public void matmulColumns(MemorySegment m, long mo, int ldm, int cols, int n, float[] x, int xo, int ldx, int tokens,
                              float[] y, int yo, int ldy) {
        float[] acc = new float[Canon.LANES];
        for (int t = 0; t < tokens; t++) {
            for (int j = 0; j < cols; j++) {
                java.util.Arrays.fill(acc, 0f);
                for (int i = 0; i < n; i++) acc[i % Canon.LANES] += x[xo + t * ldx + i] * m.get(ModelWeights.FLOAT_LE, mo + 4L * ((long) i * ldm + j));
                y[yo + t * ldy + j] = Canon.tree16(acc);
            }
        }
    }

    @Override
    public void softmax(float[] a, int ao, int count, float scale) {
        float m = 0f;
        for (int j = 0; j < count; j++) {
            float s = a[ao + j] * scale;
            a[ao + j] = s;
            if (j == 0 || s > m) m = s;
        }
        expShifted(a, ao, count, m);
        float z = Canon.sum(a, ao, count);
        for (int j = 0; j < count; j++) a[ao + j] = a[ao + j] / z;
    }

    @Override
    public String name() {
        return "reference";
    }
}
