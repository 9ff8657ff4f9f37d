package org.flowcoin.moe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Random;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelWeights;
import org.junit.jupiter.api.Test;

/** The examples of numerics.md, and scalar/vector agreement of every kernel on random data. */
class NumericsTest {
    static final List<Kernels> KERNELS = List.of(ScalarKernels.INSTANCE, VectorKernels.INSTANCE);

    static int bits(float f) {
        return Float.floatToRawIntBits(f);
    }

    @Test
    void transcendentalExamplesOfTheSpec() {
        assertThat(bits(Canon.log(256f))).isEqualTo(0x40b17218);
        assertThat(bits(Canon.exp(-1f))).isEqualTo(0x3ebc5ab2);
        assertThat(bits(Canon.rsqrt(1e-5f))).isEqualTo(0x439e1d28);
        assertThat(bits(ModelConfig.RMS_EPS)).isEqualTo(0x3727c5ac);
        assertThat(Canon.exp(0f)).isEqualTo(1f);
        assertThat(Canon.exp(-200f)).isEqualTo(0f);
        assertThat(Canon.log(1f)).isEqualTo(0f);
    }

    @Test
    void dotUsesSixteenLanesAndTheTree() {
        // a = 2^24 at 0, 1 at lanes 1 and 9: the tree adds 1 + 1 first (s8[1] = 2), so the
        // result is 2^24 + 2; a left-to-right sum would lose both ones (2^24 + 1 rounds to 2^24).
        float[] a = new float[16];
        a[0] = 16777216f;
        a[1] = 1f;
        a[9] = 1f;
        float[] ones = new float[16];
        java.util.Arrays.fill(ones, 1f);
        float naive = 0f;
        for (float v : a) naive += v;
        assertThat(naive).isEqualTo(16777216f);
        for (Kernels k : KERNELS) {
            assertThat(k.dot(a, 0, ones, 0, 16)).as(k.name()).isEqualTo(16777218f);
            assertThat(k.sum(a, 0, 16)).as(k.name()).isEqualTo(16777218f);
        }
        // Lane i mod 16: element 16 joins lane 0 before the tree: (2^24 + 1) rounds to 2^24, then + 2.
        float[] b = new float[17];
        System.arraycopy(a, 0, b, 0, 16);
        b[16] = 1f;
        assertThat(Canon.sum(b, 0, 17)).isEqualTo(16777218f);
        // A DOT never returns -0: lanes start at +0.
        assertThat(bits(Canon.dot(new float[] {-1f}, 0, new float[] {0f}, 0, 1))).isZero();
    }

    @Test
    void kernelsAgreeBitForBitOnRandomData() {
        Random r = new Random(42);
        try (Arena arena = Arena.ofConfined()) {
            for (int n : new int[] {1, 3, 4, 8, 15, 16, 17, 32, 48, 64, 100, 512}) {
                int rows = 1 + r.nextInt(9), tokens = 1 + r.nextInt(3);
                MemorySegment w = arena.allocate(4L * rows * n);
                MemorySegment wHeap = MemorySegment.ofArray(new float[rows * n]);
                for (int i = 0; i < rows * n; i++) {
                    float f = (float) r.nextGaussian() * (r.nextInt(10) == 0 ? 1e6f : 1f);
                    w.setAtIndex(ModelWeights.FLOAT_LE, i, f);
                    wHeap.setAtIndex(ModelWeights.FLOAT_LE, i, f);
                }
                float[] x = new float[tokens * n];
                for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
                float[] ys = new float[tokens * rows], yv = new float[tokens * rows], yh = new float[tokens * rows];
                ScalarKernels.INSTANCE.matmul(w, 0, rows, n, x, 0, n, tokens, ys, 0, rows);
                VectorKernels.INSTANCE.matmul(w, 0, rows, n, x, 0, n, tokens, yv, 0, rows);
                VectorKernels.INSTANCE.matmul(wHeap, 0, rows, n, x, 0, n, tokens, yh, 0, rows);
                for (int i = 0; i < ys.length; i++) {
                    assertThat(bits(yv[i])).isEqualTo(bits(ys[i]));
                    assertThat(bits(yh[i])).isEqualTo(bits(ys[i]));
                    float[] row = new float[n];
                    MemorySegment.copy(w, ModelWeights.FLOAT_LE, 4L * (i % rows) * n, row, 0, n);
                    assertThat(bits(Canon.dot(row, 0, x, (i / rows) * n, n))).isEqualTo(bits(ys[i]));
                }
                assertThat(bits(VectorKernels.INSTANCE.dot(x, 0, x, 0, n))).isEqualTo(bits(Canon.dot(x, 0, x, 0, n)));
                assertThat(bits(VectorKernels.INSTANCE.sum(x, 0, n))).isEqualTo(bits(Canon.sum(x, 0, n)));
                float[] y1 = x.clone(), y2 = x.clone();
                ScalarKernels.INSTANCE.axpy(0.37f, x, 0, y1, 0, n);
                VectorKernels.INSTANCE.axpy(0.37f, x, 0, y2, 0, n);
                for (int i = 0; i < n; i++) assertThat(bits(y2[i])).isEqualTo(bits(y1[i]));
            }
        }
    }

    /**
     * Both vector widths, every register block and tail (rows and tokens 1..9), strided inputs and
     * outputs, signed zeros, subnormals and cancelling magnitudes: the bits of the scalar reference.
     */
    @Test
    void blockedMatmulsGiveTheReferenceBits() {
        Random r = new Random(7);
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, 3e38f, -3e38f, 1f, -1f, 16777216f};
        try (Arena arena = Arena.ofConfined()) {
            for (int n : new int[] {16, 32, 48, 256}) {
                for (int rows = 1; rows <= 9; rows++) {
                    for (int tokens = 1; tokens <= 9; tokens++) {
                        long wo = 4L * 16 * r.nextInt(3);
                        int xo = r.nextInt(5), ldx = n + r.nextInt(3), yo = r.nextInt(5), ldy = rows + r.nextInt(3);
                        MemorySegment w = arena.allocate(wo + 4L * rows * n);
                        for (long i = 0; i < (long) rows * n; i++) {
                            float f = r.nextInt(8) == 0 ? special[r.nextInt(special.length)] : (float) r.nextGaussian();
                            w.set(ModelWeights.FLOAT_LE, wo + 4 * i, f);
                        }
                        float[] x = new float[xo + tokens * ldx];
                        for (int i = 0; i < x.length; i++) x[i] = r.nextInt(8) == 0 ? special[r.nextInt(special.length)] / 4 : (float) r.nextGaussian();
                        int len = yo + tokens * ldy;
                        float[] ys = new float[len], yw = new float[len], yn = new float[len];
                        ScalarKernels.INSTANCE.matmul(w, wo, rows, n, x, xo, ldx, tokens, ys, yo, ldy);
                        VectorKernels.matmulWide(w, wo, rows, n, x, xo, ldx, tokens, yw, yo, ldy);
                        VectorKernels.matmulNarrow(w, wo, rows, n, x, xo, ldx, tokens, yn, yo, ldy);
                        for (int i = 0; i < len; i++) {
                            assertThat(bits(yw[i])).as("wide n=%d rows=%d tokens=%d at %d", n, rows, tokens, i).isEqualTo(bits(ys[i]));
                            assertThat(bits(yn[i])).as("narrow n=%d rows=%d tokens=%d at %d", n, rows, tokens, i).isEqualTo(bits(ys[i]));
                        }
                    }
                }
            }
        }
    }
}
