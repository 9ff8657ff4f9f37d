package org.flowcoin.moe.internal;

import java.lang.foreign.MemorySegment;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelLayout;
import org.flowcoin.moe.ModelWeights;

/**
 * The canonical forward pass of one byte sequence (docs/spec/model.md section "Forward pass"),
 * parameterised by the kernels. Not thread-safe: one instance per thread; buffers are reused.
 */
public final class ForwardPass {
    private static final float ATTN_SCALE = 0.125f; // 1/sqrt(64), exact

    private final Kernels k;
    private final ModelWeights w;
    private final ModelConfig c;
    private final int d, qDim, kvDim, nKvHeads, group, s, dE, half;

    private int cap, scoreStride, keyStride;
    private float[] x, xn, q, kk, v, att, tmp, scores, logits;
    private float[] ropeCos, ropeSin;
    private MemorySegment keyColumns;
    private final float[][] gains;
    private float[] qa, qb, sa, sb;
    private final float[] ea, eb, eh, y1, y2;

    public ForwardPass(Kernels kernels, ModelWeights weights) {
        this.k = kernels;
        this.w = weights;
        this.c = weights.config();
        d = c.dModel();
        qDim = c.qDim();
        kvDim = c.kvDim();
        nKvHeads = c.nKvHeads();
        group = c.nHeads() / c.nKvHeads();
        s = c.subKeys();
        dE = c.dExpert();
        half = d / 2;
        ea = new float[dE];
        eb = new float[dE];
        eh = new float[dE];
        y1 = new float[d];
        y2 = new float[d];
        gains = new float[weights.layout().size()][];
    }

    private void ensure(int n) {
        if (n <= cap) return;
        cap = n;
        x = new float[n * d];
        xn = new float[n * d];
        q = new float[n * qDim];
        kk = new float[n * kvDim];
        v = new float[n * kvDim];
        att = new float[n * qDim];
        tmp = new float[n * d];
        scoreStride = (n + Canon.LANES - 1) & -Canon.LANES;
        scores = new float[group * scoreStride];
        qa = new float[n * half];
        qb = new float[n * half];
        sa = new float[n * s];
        sb = new float[n * s];
        // one vector more than the scores: a power-of-two stride would put all 64 channels of a
        // column block in a few cache sets
        keyStride = scoreStride + Canon.LANES;
        keyColumns = java.lang.foreign.Arena.ofAuto().allocate(4L * nKvHeads * ModelConfig.HEAD_DIM * keyStride, 64);
        logits = new float[n * ModelConfig.VOCAB];
        float[][] rt = Canon.ropeTables(n);
        ropeCos = rt[0];
        ropeSin = rt[1];
    }

    /** Runs the model and returns the logits buffer (n * 256, valid until the next call). */
    public float[] forward(byte[] seq) {
        int n = seq.length;
        ensure(n);
        MemorySegment emb = w.tensor(0);
        for (int t = 0; t < n; t++) {
            MemorySegment.copy(emb, ModelWeights.FLOAT_LE, 4L * (seq[t] & 0xff) * d, x, t * d, d);
        }
        for (int l = 0; l < c.nLayers(); l++) {
            int b = 1 + l * ModelLayout.TENSORS_PER_LAYER;
            rmsNorm(n, b);
            k.matmul(w.tensor(b + 1), 0, qDim, d, xn, 0, d, n, q, 0, qDim);
            k.matmul(w.tensor(b + 2), 0, kvDim, d, xn, 0, d, n, kk, 0, kvDim);
            k.matmul(w.tensor(b + 3), 0, kvDim, d, xn, 0, d, n, v, 0, kvDim);
            rope(q, n, qDim);
            rope(kk, n, kvDim);
            attention(n);
            k.matmul(w.tensor(b + 4), 0, d, qDim, att, 0, qDim, n, tmp, 0, d);
            for (int i = 0; i < n * d; i++) x[i] = x[i] + tmp[i];
            rmsNorm(n, b + 5);
            route(n, w.tensor(b + 6), w.tensor(b + 7));
            for (int t = 0; t < n; t++) moe(t, w.tensor(b + 8), w.tensor(b + 9), w.tensor(b + 10));
        }
        rmsNorm(n, w.layout().size() - 1);
        k.matmul(emb, 0, ModelConfig.VOCAB, d, xn, 0, d, n, logits, 0, ModelConfig.VOCAB);
        return logits;
    }

    /**
     * Per-position losses: out[oo + t] for t &lt; n - 1 is the cross-entropy of byte t + 1.
     */
    public void losses(byte[] seq, float[] out, int oo) {
        float[] z = forward(seq);
        for (int t = 0; t + 1 < seq.length; t++) {
            out[oo + t] = crossEntropy(z, t * ModelConfig.VOCAB, seq[t + 1] & 0xff);
        }
    }

    private final float[] ex = new float[ModelConfig.VOCAB];

    /** log-sum-exp with max subtraction minus the target logit. */
    float crossEntropy(float[] z, int zo, int target) {
        return crossEntropy(k, z, zo, target, ex);
    }

    /** Cross-entropy of 256 logits at z[zo..] with the target byte (numerics.md 5). */
    static float crossEntropy(Kernels k, float[] z, int zo, int target, float[] ex) {
        int V = ModelConfig.VOCAB;
        float m = z[zo];
        for (int i = 1; i < V; i++) if (z[zo + i] > m) m = z[zo + i];
        System.arraycopy(z, zo, ex, 0, V);
        k.expShifted(ex, 0, V, m);
        float lse = Canon.log(k.sum(ex, 0, V)) + m;
        return lse - z[zo + target];
    }

    /** RMSNorm of every position with the gain vector of tensor {@code tensor}. */
    private void rmsNorm(int n, int tensor) {
        float[] gain = gains[tensor];
        if (gain == null) { // the weights do not change during a pass; on the heap the loop below vectorises
            gain = new float[d];
            MemorySegment.copy(w.tensor(tensor), ModelWeights.FLOAT_LE, 0, gain, 0, d);
            gains[tensor] = gain;
        }
        for (int t = 0; t < n; t++) rmsNorm(k, x, t * d, d, gain, xn, t * d);
    }

    /** y = RMSNorm(x) * gain over d elements (model.md 3.1). */
    static void rmsNorm(Kernels k, float[] x, int xo, int d, float[] gain, float[] y, int yo) {
        float ss = k.dot(x, xo, x, xo, d);
        float r = Canon.rsqrt(ss / d + ModelConfig.RMS_EPS);
        for (int i = 0; i < d; i++) y[yo + i] = (x[xo + i] * r) * gain[i];
    }

    private void rope(float[] a, int n, int width) {
        for (int t = 0; t < n; t++) rope(a, t * width, width, ropeCos, ropeSin, t);
    }

    /** Rotary on every 64-wide head of a[o .. o+width) at position t (model.md 3.2). */
    static void rope(float[] a, int o, int width, float[] cos, float[] sin, int t) {
        int halfHead = ModelConfig.HEAD_DIM / 2;
        for (int h = o; h < o + width; h += ModelConfig.HEAD_DIM) {
            for (int i = 0; i < halfHead; i++) {
                float cs = cos[t * halfHead + i], sn = sin[t * halfHead + i];
                float x0 = a[h + 2 * i], x1 = a[h + 2 * i + 1];
                a[h + 2 * i] = x0 * cs - x1 * sn;
                a[h + 2 * i + 1] = x0 * sn + x1 * cs;
            }
        }
    }

    private void attention(int n) {
        int hd = ModelConfig.HEAD_DIM;
        // each KV head's keys channel-major (channel i of key j at i * keyStride + j), so that a
        // query's scores against all keys come out as whole vectors
        for (int g = 0; g < nKvHeads; g++) {
            int base = g * hd * keyStride;
            for (int j = 0; j < n; j++) {
                for (int i = 0, src = j * kvDim + g * hd; i < hd; i++) keyColumns.setAtIndex(ModelWeights.FLOAT_LE, base + (long) i * keyStride + j, kk[src + i]);
            }
        }
        for (int t = 0; t < n; t++) {
            for (int g = 0; g < nKvHeads; g++) {
                int qo = t * qDim + g * group * hd;
                attendPosition(k, q, qo, group, keyColumns, 4L * g * hd * keyStride, keyStride, v, g * hd, kvDim, t,
                        scores, scoreStride, att, qo);
            }
        }
    }

    /**
     * Causal attention at position t for {@code heads} query heads that share one KV head
     * (model.md 3.2): query h is q[qo + 64h ..], channel i of key j is the float at byte ko + 4*(i*ldk + j) of keys, value j
     * is values[vo + j*ldv ..]; head h's output goes to out[oo + 64h ..]. {@code scores} holds heads
     * rows of stride lds; lds and ldk are at least t + 1 rounded up to 16, and keys has room for
     * that many columns.
     * Per head: s_j = DOT(q, k_j) * 0.125, m = max s_j, e_j = exp(s_j - m), Z = SUM(e), and the
     * output is the sum over j in increasing order of (e_j / Z) * v_j, from +0.
     */
    static void attendPosition(Kernels k, float[] q, int qo, int heads, MemorySegment keys, long ko, int ldk,
                               float[] values, int vo, int ldv, int t, float[] scores, int lds, float[] out, int oo) {
        int hd = ModelConfig.HEAD_DIM, count = t + 1;
        k.matmulColumns(keys, ko, ldk, count, hd, q, qo, hd, heads, scores, 0, lds);
        for (int h = 0; h < heads; h++) {
            k.softmax(scores, h * lds, count, ATTN_SCALE);
        }
        k.mix(scores, 0, lds, heads, count, values, vo, ldv, hd, out, oo, hd);
    }

    /** The router's sub-key scores of every position (model.md 3.3): one product per half. */
    private void route(int n, MemorySegment keysA, MemorySegment keysB) {
        for (int t = 0; t < n; t++) {
            int o = t * d;
            for (int j = 0; j < half; j++) {
                qa[t * half + j] = xn[o + 2 * j];
                qb[t * half + j] = xn[o + 2 * j + 1];
            }
        }
        k.matmul(keysA, 0, s, half, qa, 0, half, n, sa, 0, s);
        k.matmul(keysB, 0, s, half, qb, 0, half, n, sb, 0, s);
    }

    private void moe(int t, MemorySegment gate, MemorySegment up, MemorySegment down) {
        int o = t * d, so = t * s;
        long r = Routing.top2(sa, sb, so, s);
        int e1 = (int) (r >>> 32), e2i = (int) r;
        float c1 = sa[so + e1 / s] + sb[so + e1 % s], c2 = sa[so + e2i / s] + sb[so + e2i % s];
        float e2 = Canon.exp(c2 - c1);
        float zsum = 1f + e2;
        float g1 = 1f / zsum, g2 = e2 / zsum;
        expert(e1, gate, up, down, o, y1);
        expert(e2i, gate, up, down, o, y2);
        for (int i = 0; i < d; i++) x[o + i] = x[o + i] + (g1 * y1[i] + g2 * y2[i]);
    }

    void expert(int e, MemorySegment gate, MemorySegment up, MemorySegment down, int xo, float[] y) {
        expert(k, e, d, dE, gate, up, down, xn, xo, ea, eb, eh, y);
    }

    /** SwiGLU expert e on u[xo..xo+d) into y[0..d) (model.md 3.3). */
    static void expert(Kernels k, int e, int d, int dE, MemorySegment gate, MemorySegment up, MemorySegment down,
                       float[] xn, int xo, float[] ea, float[] eb, float[] eh, float[] y) {
        long go = 4L * e * dE * d;
        k.matmul(gate, go, dE, d, xn, xo, d, 1, ea, 0, dE);
        k.matmul(up, go, dE, d, xn, xo, d, 1, eb, 0, dE);
        for (int i = 0; i < dE; i++) {
            float a = ea[i];
            float sig = 1f / (1f + Canon.exp(-a));
            eh[i] = (a * sig) * eb[i];
        }
        k.matmul(down, 4L * e * d * dE, d, dE, eh, 0, dE, 1, y, 0, d);
    }
}
