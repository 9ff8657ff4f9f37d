package org.flowcoin.moe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;
import org.flowcoin.moe.ModelWeights;
import org.junit.jupiter.api.Test;

/** Hand-computed cases for each operation of model.md section 3, on both kernel sets. */
class OpsTest {
    static int bits(float f) {
        return Float.floatToRawIntBits(f);
    }

    static MemorySegment seg(float... v) {
        MemorySegment s = MemorySegment.ofArray(new byte[4 * v.length]);
        for (int i = 0; i < v.length; i++) s.setAtIndex(ModelWeights.FLOAT_LE, i, v[i]);
        return s;
    }

    @Test
    void rmsNorm() {
        for (Kernels k : NumericsTest.KERNELS) {
            // x = (3, 4) padded to 16 with zeros: sum of squares 25, mean over d = 16: 1.5625.
            float[] x = new float[16];
            x[0] = 3f;
            x[1] = 4f;
            float[] g = new float[16];
            Arrays.fill(g, 1f);
            g[1] = 2f;
            float[] y = new float[16];
            ForwardPass.rmsNorm(k, x, 0, 16, g, y, 0);
            float r = (float) (1.0 / Math.sqrt(1.5625f + 1e-5f)); // 1.5625 + eps in float, then rsqrt
            assertThat(bits(y[0])).isEqualTo(bits(3f * r));
            assertThat(bits(y[1])).isEqualTo(bits((4f * r) * 2f));
            assertThat((double) y[0]).isCloseTo(3 / Math.sqrt(1.5625 + 1e-5), within(1e-6));
            assertThat((double) y[1]).isCloseTo(8 / Math.sqrt(1.5625 + 1e-5), within(1e-6));
            for (int i = 2; i < 16; i++) assertThat(bits(y[i])).isZero();
        }
    }

    @Test
    void rotary() {
        float[][] t = Canon.ropeTables(3);
        float[] cos = t[0], sin = t[1];
        assertThat(cos[0]).isEqualTo(1f);
        assertThat(sin[0]).isEqualTo(0f);
        assertThat(bits(cos[32])).isEqualTo(bits((float) StrictMath.cos(1.0))); // position 1, pair 0: angle 1 rad
        assertThat(bits(sin[32])).isEqualTo(bits((float) StrictMath.sin(1.0)));
        assertThat((double) sin[32 + 31]).isCloseTo(Math.pow(10000, -62.0 / 64), within(1e-7)); // small angle
        float[] a = new float[64];
        for (int i = 0; i < 64; i++) a[i] = i + 1;
        float[] p0 = a.clone();
        ForwardPass.rope(p0, 0, 64, cos, sin, 0);
        assertThat(p0).containsExactly(a); // position 0 is the identity
        float[] p1 = new float[64];
        p1[0] = 1f;
        p1[3] = 1f;
        ForwardPass.rope(p1, 0, 64, cos, sin, 1);
        // pair 0 = (1, 0) rotated by 1 rad: (cos 1, sin 1); pair 1 = (0, 1) rotated by 10000^(-2/64) rad.
        assertThat((double) p1[0]).isCloseTo(Math.cos(1), within(1e-7));
        assertThat((double) p1[1]).isCloseTo(Math.sin(1), within(1e-7));
        double th = Math.pow(10000, -2.0 / 64);
        assertThat((double) p1[2]).isCloseTo(-Math.sin(th), within(1e-7));
        assertThat((double) p1[3]).isCloseTo(Math.cos(th), within(1e-7));
    }

    @Test
    void attention() {
        for (Kernels k : NumericsTest.KERNELS) {
            float[] q = new float[64], keys = new float[64 * 16], vals = new float[128];
            q[0] = 8f; // score_j = 8 * k_j[0] * 0.125 = k_j[0]
            keys[1] = (float) Math.log(3); // channel 0 of key 1; scores (0, ln 3): softmax (1/4, 3/4)
            Arrays.fill(vals, 0, 64, 1f);
            Arrays.fill(vals, 64, 128, 5f);
            float[] scores = new float[16];
            float[] out0 = new float[64];
            ForwardPass.attendPosition(k, q, 0, 1, seg(keys), 0, 16, vals, 0, 64, 0, scores, 16, out0, 0);
            for (float f : out0) assertThat(f).isEqualTo(1f); // one position: weight exactly 1
            float[] out1 = new float[64];
            ForwardPass.attendPosition(k, q, 0, 1, seg(keys), 0, 16, vals, 0, 64, 1, scores, 16, out1, 0);
            for (float f : out1) assertThat((double) f).isCloseTo(0.25 * 1 + 0.75 * 5, within(1e-6));
            // Exact steps: m = ln3f, e = (exp(-ln3f), 1), Z = SUM, p = e/Z, o = (0 + p0*1) + p1*5.
            float l3 = (float) Math.log(3);
            float e0 = (float) StrictMath.exp(0f - l3);
            float z = (0f + e0) + (0f + 1f);
            float o = (0f + (e0 / z) * 1f) + (1f / z) * 5f;
            assertThat(bits(out1[5])).isEqualTo(bits(o));
        }
    }

    @Test
    void routerTop2WithTies() {
        // s = 4. a: 3 at indices 1 and 2 -> a1 = 1, a2 = 2; b: 5 at 3, 2 at 0 and 1 -> b1 = 3, b2 = 0.
        // Candidates e = 1*4+0=4 (5), 7 (8), 8 (5), 11 (8): the two 8s, lower index first.
        long r = Routing.top2(new float[] {1, 3, 3, 0}, new float[] {2, 2, 0, 5}, 0, 4);
        assertThat(r >>> 32).isEqualTo(7);
        assertThat((int) r).isEqualTo(11);
        long z = Routing.top2(new float[4], new float[4], 0, 4); // all tie: experts 0 and 1
        assertThat(z >>> 32).isZero();
        assertThat((int) z).isEqualTo(1);
    }

    @Test
    void routerEqualsGlobalTop2WhenSumsAreExact() {
        // Small integers add exactly, so the candidate procedure must equal a brute-force top-2
        // over all s*s experts ordered by (score desc, index asc), ties included.
        Random rnd = new Random(7);
        for (int iter = 0; iter < 5000; iter++) {
            int s = 2 + rnd.nextInt(7);
            float[] a = new float[s], b = new float[s];
            for (int i = 0; i < s; i++) {
                a[i] = rnd.nextInt(7) - 3;
                b[i] = rnd.nextInt(7) - 3;
            }
            int best = -1, second = -1;
            for (int e = 0; e < s * s; e++) {
                float sc = a[e / s] + b[e % s];
                if (best < 0 || sc > a[best / s] + b[best % s]) {
                    second = best;
                    best = e;
                } else if (second < 0 || sc > a[second / s] + b[second % s]) {
                    second = e;
                }
            }
            long r = Routing.top2(a, b, 0, s);
            assertThat(new int[] {(int) (r >>> 32), (int) r}).as("a=%s b=%s", Arrays.toString(a), Arrays.toString(b))
                    .containsExactly(best, second);
        }
    }

    @Test
    void swigluExpert() {
        for (Kernels k : NumericsTest.KERNELS) {
            int d = 16, dE = 2;
            float[] gate = new float[2 * dE * d], up = new float[2 * dE * d], down = new float[2 * d * dE];
            // expert 1 (expert 0 is garbage that must not be read)
            Arrays.fill(gate, 0, dE * d, 99f);
            int g = dE * d;
            gate[g] = 2f;           // a0 = 2
            up[g] = 3f;             // c0 = 3
            up[g + d] = 1f;         // a1 = 0, c1 = 1
            for (int i = 0; i < d; i++) {
                down[d * dE + i * dE] = 1f;
                down[d * dE + i * dE + 1] = 7f;
            }
            float[] u = new float[d];
            u[0] = 1f;
            float[] y = new float[d];
            ForwardPass.expert(k, 1, d, dE, seg(gate), seg(up), seg(down), u, 0, new float[dE], new float[dE], new float[dE], y);
            float sig = 1f / (1f + (float) StrictMath.exp(-2.0));
            float h0 = (2f * sig) * 3f; // silu(2) * 3; h1 = silu(0) * 1 = 0
            for (int i = 0; i < d; i++) {
                assertThat(bits(y[i])).isEqualTo(bits(h0));
                assertThat((double) y[i]).isCloseTo(3 * 2 / (1 + Math.exp(-2)), within(1e-6));
            }
        }
    }

    @Test
    void crossEntropy() {
        for (Kernels k : NumericsTest.KERNELS) {
            float[] ex = new float[256];
            assertThat(bits(ForwardPass.crossEntropy(k, new float[256], 0, 9, ex))).isEqualTo(0x40b17218);
            float[] z = new float[256];
            z[0] = 10f;
            double s = 1 + 255 * Math.exp(-10);
            assertThat((double) ForwardPass.crossEntropy(k, z, 0, 0, ex)).isCloseTo(Math.log(s), within(1e-6));
            assertThat((double) ForwardPass.crossEntropy(k, z, 0, 1, ex)).isCloseTo(Math.log(s) + 10, within(1e-5));
            float e = (float) StrictMath.exp(-10.0);
            float[] es = new float[256];
            Arrays.fill(es, e);
            es[0] = 1f;
            float lse = (float) StrictMath.log(Canon.sum(es, 0, 256)) + 10f;
            assertThat(bits(ForwardPass.crossEntropy(k, z, 0, 1, ex))).isEqualTo(bits(lse - 0f));
        }
    }
}
