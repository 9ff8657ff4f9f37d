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
                float[] e1 = x.clone(), e2 = x.clone();
                ScalarKernels.INSTANCE.expShifted(e1, 0, n, 0.37f);
                VectorKernels.INSTANCE.expShifted(e2, 0, n, 0.37f);
                for (int i = 0; i < n; i++) assertThat(bits(e2[i])).isEqualTo(bits(e1[i]));
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

    /** Rows of four (the experts' down projection): every count of 16-row blocks and tails. */
    @Test
    void fourWideRowsGiveTheReferenceBits() {
        Random r = new Random(5);
        float[] special = {0f, -0f, Float.MIN_VALUE, 1e-40f, 3e38f, -3e38f, 1f, -1f};
        try (Arena arena = Arena.ofConfined()) {
            for (int rows = 1; rows <= 70; rows++) {
                int tokens = 1 + r.nextInt(3), xo = r.nextInt(3), ldx = 4 + r.nextInt(2), yo = r.nextInt(3), ldy = rows + r.nextInt(3);
                long wo = 16L * r.nextInt(3);
                MemorySegment w = arena.allocate(wo + 16L * rows);
                for (int i = 0; i < 4 * rows; i++) {
                    w.set(ModelWeights.FLOAT_LE, wo + 4L * i, r.nextInt(6) == 0 ? special[r.nextInt(special.length)] : (float) r.nextGaussian());
                }
                float[] x = new float[xo + tokens * ldx];
                for (int i = 0; i < x.length; i++) x[i] = r.nextInt(6) == 0 ? special[r.nextInt(special.length)] : (float) r.nextGaussian();
                float[] ys = new float[yo + tokens * ldy], yv = ys.clone();
                ScalarKernels.INSTANCE.matmul(w, wo, rows, 4, x, xo, ldx, tokens, ys, yo, ldy);
                VectorKernels.INSTANCE.matmul(w, wo, rows, 4, x, xo, ldx, tokens, yv, yo, ldy);
                for (int i = 0; i < ys.length; i++) assertThat(bits(yv[i])).as("rows=%d at %d", rows, i).isEqualTo(bits(ys[i]));
            }
        }
    }

    /**
     * Scores against channel-major keys: every column count 1..40 (whole vectors and tails) and a
     * long row, one to five queries, strided layouts, signed zeros, subnormals and huge values; each
     * output is also checked against Canon.dot of the gathered column, and nothing past the column
     * count rounded up to 16 is written.
     */
    @Test
    void columnProductsGiveTheReferenceBits() {
        Random r = new Random(13);
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, 3e38f, -3e38f, 1f, -1f, 16777216f};
        try (Arena arena = Arena.ofConfined()) {
            for (int n : new int[] {16, 48, 64}) {
                for (int cols : new int[] {1, 2, 3, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 40, 130, 256}) {
                    int tokens = 1 + r.nextInt(5), padded = (cols + 15) & -16;
                    int ldm = padded + 16 * r.nextInt(2), xo = r.nextInt(5), ldx = n + r.nextInt(3);
                    int yo = r.nextInt(5), ldy = padded + r.nextInt(3) + 16;
                    long mo = 64L * r.nextInt(3);
                    MemorySegment m = arena.allocate(mo + 4L * n * ldm, 64);
                    float[] col = new float[n];
                    for (long i = 0; i < (long) n * ldm; i++) {
                        float f = r.nextInt(8) == 0 ? special[r.nextInt(special.length)] : (float) r.nextGaussian();
                        m.set(ModelWeights.FLOAT_LE, mo + 4 * i, f);
                    }
                    float[] x = new float[xo + tokens * ldx];
                    for (int i = 0; i < x.length; i++) x[i] = r.nextInt(8) == 0 ? special[r.nextInt(special.length)] / 4 : (float) r.nextGaussian();
                    float[] ys = new float[yo + tokens * ldy];
                    java.util.Arrays.fill(ys, 42f);
                    float[] yv = ys.clone(), yn = ys.clone();
                    ScalarKernels.INSTANCE.matmulColumns(m, mo, ldm, cols, n, x, xo, ldx, tokens, ys, yo, ldy);
                    VectorKernels.columnsWide(m, mo, ldm, cols, n, x, xo, ldx, tokens, yv, yo, ldy);
                    VectorKernels.columnsNarrow(m, mo, ldm, cols, n, x, xo, ldx, tokens, yn, yo, ldy);
                    for (int t = 0; t < tokens; t++) {
                        for (int j = 0; j < cols; j++) {
                            for (int i = 0; i < n; i++) col[i] = m.get(ModelWeights.FLOAT_LE, mo + 4L * ((long) i * ldm + j));
                            int at = yo + t * ldy + j;
                            String where = String.format("n=%d cols=%d t=%d j=%d", n, cols, t, j);
                            assertThat(bits(ys[at])).as(where).isEqualTo(bits(Canon.dot(x, xo + t * ldx, col, 0, n)));
                            assertThat(bits(yv[at])).as("wide " + where).isEqualTo(bits(ys[at]));
                            assertThat(bits(yn[at])).as("narrow " + where).isEqualTo(bits(ys[at]));
                        }
                        for (int j = padded; j < ldy; j++) {
                            assertThat(yv[yo + t * ldy + j]).isEqualTo(42f);
                            assertThat(yn[yo + t * ldy + j]).isEqualTo(42f);
                        }
                    }
                }
            }
        }
    }

    /**
     * The attention softmax, vector against reference, on rows whose maximum is +0 or -0 (the
     * lane-wise maximum may pick either), ties, -inf scores, scores far below the maximum (exp
     * underflow), every count 1..70 and full rows; a NaN score makes the whole row NaN on both.
     */
    @Test
    void softmaxGivesTheReferenceBits() {
        Random r = new Random(17);
        for (int count = 1; count <= 300; count += count < 70 ? 1 : 61) {
            for (int kind = 0; kind < 5; kind++) {
                int padded = (count + 15) & -16, ao = 16 * r.nextInt(3);
                float[] a = new float[ao + padded + 16];
                for (int j = 0; j < count; j++) {
                    a[ao + j] = switch (kind) {
                        case 0 -> (float) (r.nextGaussian() * 8);
                        case 1 -> r.nextBoolean() ? -0f : (r.nextBoolean() ? 0f : -r.nextFloat() * 3); // maximum is a zero
                        case 2 -> r.nextInt(4) == 0 ? Float.NEGATIVE_INFINITY : (float) r.nextInt(3); // ties and -inf
                        case 3 -> (float) (r.nextGaussian() * 2000); // most terms underflow to 0
                        default -> r.nextInt(9) == 0 ? 3e38f : (float) r.nextGaussian();
                    };
                }
                if (kind == 2) a[ao + r.nextInt(count)] = 1f; // at least one finite score
                for (float scale : new float[] {0.125f, 1f}) {
                    float[] s = a.clone(), v = a.clone();
                    ScalarKernels.INSTANCE.softmax(s, ao, count, scale);
                    VectorKernels.INSTANCE.softmax(v, ao, count, scale);
                    for (int j = 0; j < count; j++) {
                        assertThat(bits(v[ao + j])).as("count=%d kind=%d scale=%s j=%d", count, kind, scale, j).isEqualTo(bits(s[ao + j]));
                    }
                    float total = 0f;
                    for (int j = 0; j < count; j++) total += s[ao + j];
                    assertThat((double) total).as("count=%d kind=%d", count, kind).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
                }
                float[] s = a.clone(), v = a.clone();
                s[ao + count / 2] = Float.NaN;
                v[ao + count / 2] = Float.NaN;
                ScalarKernels.INSTANCE.softmax(s, ao, count, 0.125f);
                VectorKernels.INSTANCE.softmax(v, ao, count, 0.125f);
                for (int j = 0; j < count; j++) {
                    assertThat(s[ao + j]).isNaN();
                    assertThat(v[ao + j]).isNaN();
                }
            }
        }
    }

    /**
     * The value mix for every head count 1..9 (the 4-head register block and its tail), widths that
     * are and are not multiples of the vector, strided rows, signed zeros and subnormals.
     */
    @Test
    void valueMixGivesTheReferenceBits() {
        Random r = new Random(11);
        float[] special = {0f, -0f, Float.MIN_VALUE, 1e-40f, 3e38f, -3e38f, 1f, -1f};
        for (int width : new int[] {64, 24, 5}) {
            for (int heads = 1; heads <= 9; heads++) {
                for (int count : new int[] {1, 2, 7, 16, 33}) {
                    int po = r.nextInt(4), ldp = count + r.nextInt(3), vo = r.nextInt(4), ldv = width + r.nextInt(3);
                    int oo = r.nextInt(4), ldo = width + r.nextInt(3);
                    float[] p = new float[po + heads * ldp], v = new float[vo + count * ldv];
                    for (int i = 0; i < p.length; i++) p[i] = r.nextInt(8) == 0 ? special[r.nextInt(special.length)] : r.nextFloat();
                    for (int i = 0; i < v.length; i++) v[i] = r.nextInt(8) == 0 ? special[r.nextInt(special.length)] : (float) r.nextGaussian();
                    float[] o1 = new float[oo + heads * ldo], o2 = o1.clone();
                    ScalarKernels.INSTANCE.mix(p, po, ldp, heads, count, v, vo, ldv, width, o1, oo, ldo);
                    VectorKernels.INSTANCE.mix(p, po, ldp, heads, count, v, vo, ldv, width, o2, oo, ldo);
                    for (int i = 0; i < o1.length; i++) {
                        assertThat(bits(o2[i])).as("width=%d heads=%d count=%d at %d", width, heads, count, i).isEqualTo(bits(o1[i]));
                    }
                }
            }
        }
    }

    /**
     * The vector exp against StrictMath on every float of fdlibm's branch boundaries (each side of
     * 2^-28, 0.5 ln2, 1.5 ln2, the subnormal-result and overflow thresholds), signed zeros, NaN and
     * infinities, and a few million random bit patterns, at every lane position.
     */
    @Test
    void vectorExpGivesTheBitsOfStrictMath() {
        java.util.List<Float> probes = new java.util.ArrayList<>();
        double[] edges = {0x1p-28, 0.5 * Math.log(2), 1.5 * Math.log(2), 708.39641853226408, 709.782712893384, 745.1332191019412, 88.72, 103.97};
        for (double e : edges) {
            for (float c : new float[] {(float) e, (float) -e}) {
                int b = Float.floatToRawIntBits(c);
                for (int d = -64; d <= 64; d++) probes.add(Float.intBitsToFloat(b + d));
            }
        }
        for (float f : new float[] {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
                -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f}) probes.add(f);
        Random r = new Random(3);
        int random = 4_000_000;
        float[] a = new float[probes.size() + random];
        for (int i = 0; i < probes.size(); i++) a[i] = probes.get(i);
        for (int i = probes.size(); i < a.length; i++) {
            // half arbitrary bit patterns, half in the range attention and the loss use
            a[i] = (i & 1) == 0 ? Float.intBitsToFloat(r.nextInt()) : -r.nextFloat() * 120f;
        }
        for (int shiftLanes = 0; shiftLanes < 3; shiftLanes++) {
            float[] v = a.clone();
            int done = VectorExp.expShifted(v, shiftLanes, v.length - shiftLanes, 0f);
            for (int i = 0; i < done; i++) {
                float x = a[shiftLanes + i];
                int want = bits((float) StrictMath.exp(x));
                if (Float.isNaN(x)) assertThat(Float.isNaN(v[shiftLanes + i])).as("exp(NaN)").isTrue();
                else assertThat(bits(v[shiftLanes + i])).as("exp(%s) = exp(0x%08x)", x, bits(x)).isEqualTo(want);
            }
            assertThat(done).isGreaterThan(v.length - 32);
        }
        // the shift is a float subtraction before the exp
        float[] s = {1.5f, -2.25f, 3f, 0.1f, 7f, -7f, 100f, -100f, 1.5f, -2.25f, 3f, 0.1f, 7f, -7f, 100f, -100f};
        float[] t = s.clone();
        int done = VectorExp.expShifted(t, 0, s.length, 0.3f);
        for (int i = 0; i < done; i++) assertThat(bits(t[i])).isEqualTo(bits(Canon.exp(s[i] - 0.3f)));
    }
}
