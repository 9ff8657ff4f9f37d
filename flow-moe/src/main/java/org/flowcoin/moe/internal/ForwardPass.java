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
    private final int d, qDim, kvDim, nHeads, group, s, dE, half;

    private int cap;
    private float[] x, xn, q, kk, v, att, tmp, scores, logits;
    private float[] ropeCos, ropeSin;
    private final float[] qa, qb, sa, sb, ea, eb, eh, y1, y2;

    public ForwardPass(Kernels kernels, ModelWeights weights) {
        this.k = kernels;
        this.w = weights;
        this.c = weights.config();
        d = c.dModel();
        qDim = c.qDim();
        kvDim = c.kvDim();
        nHeads = c.nHeads();
        group = c.nHeads() / c.nKvHeads();
        s = c.subKeys();
        dE = c.dExpert();
        half = d / 2;
        qa = new float[half];
        qb = new float[half];
        sa = new float[s];
        sb = new float[s];
        ea = new float[dE];
        eb = new float[dE];
        eh = new float[dE];
        y1 = new float[d];
        y2 = new float[d];
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
        scores = new float[n];
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
            rmsNorm(n, w.tensor(b));
            k.matmul(w.tensor(b + 1), 0, qDim, d, xn, 0, d, n, q, 0, qDim);
            k.matmul(w.tensor(b + 2), 0, kvDim, d, xn, 0, d, n, kk, 0, kvDim);
            k.matmul(w.tensor(b + 3), 0, kvDim, d, xn, 0, d, n, v, 0, kvDim);
            rope(q, n, qDim);
            rope(kk, n, kvDim);
            attention(n);
            k.matmul(w.tensor(b + 4), 0, d, qDim, att, 0, qDim, n, tmp, 0, d);
            for (int i = 0; i < n * d; i++) x[i] = x[i] + tmp[i];
            rmsNorm(n, w.tensor(b + 5));
            for (int t = 0; t < n; t++) moe(t, w.tensor(b + 6), w.tensor(b + 7), w.tensor(b + 8), w.tensor(b + 9), w.tensor(b + 10));
        }
        rmsNorm(n, w.tensor(w.layout().size() - 1));
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
        for (int i = 0; i < V; i++) ex[i] = Canon.exp(z[zo + i] - m);
        float lse = Canon.log(k.sum(ex, 0, V)) + m;
        return lse - z[zo + target];
    }

    private void rmsNorm(int n, MemorySegment gain) {
        for (int t = 0; t < n; t++) rmsNorm(k, x, t * d, d, gain, xn, t * d);
    }

    /** y = RMSNorm(x) * gain over d elements (model.md 3.1). */
    static void rmsNorm(Kernels k, float[] x, int xo, int d, MemorySegment gain, float[] y, int yo) {
        float ss = k.dot(x, xo, x, xo, d);
        float r = Canon.rsqrt(ss / d + ModelConfig.RMS_EPS);
        for (int i = 0; i < d; i++) y[yo + i] = (x[xo + i] * r) * gain.getAtIndex(ModelWeights.FLOAT_LE, i);
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
        java.util.Arrays.fill(att, 0, n * qDim, 0f);
        for (int t = 0; t < n; t++) {
            for (int h = 0; h < nHeads; h++) {
                attendHead(k, q, t * qDim + h * hd, kk, v, kvDim, (h / group) * hd, t, scores, att, t * qDim + h * hd);
            }
        }
    }

    /**
     * One causal attention head at position t: keys/values of positions 0..t at rows of stride
     * {@code kvStride} starting at column {@code ko}; adds the result into out[oo..oo+64), which
     * must be +0 on entry.
     */
    static void attendHead(Kernels k, float[] q, int qo, float[] keys, float[] values, int kvStride, int ko, int t,
                           float[] scores, float[] out, int oo) {
        int hd = ModelConfig.HEAD_DIM;
        float m = 0f;
        for (int j = 0; j <= t; j++) {
            float sc = k.dot(q, qo, keys, j * kvStride + ko, hd) * ATTN_SCALE;
            scores[j] = sc;
            if (j == 0 || sc > m) m = sc;
        }
        for (int j = 0; j <= t; j++) scores[j] = Canon.exp(scores[j] - m);
        float z = k.sum(scores, 0, t + 1);
        for (int j = 0; j <= t; j++) k.axpy(scores[j] / z, values, j * kvStride + ko, out, oo, hd);
    }

    private void moe(int t, MemorySegment keysA, MemorySegment keysB, MemorySegment gate, MemorySegment up, MemorySegment down) {
        int o = t * d;
        for (int j = 0; j < half; j++) {
            qa[j] = xn[o + 2 * j];
            qb[j] = xn[o + 2 * j + 1];
        }
        k.matmul(keysA, 0, s, half, qa, 0, half, 1, sa, 0, s);
        k.matmul(keysB, 0, s, half, qb, 0, half, 1, sb, 0, s);
        long r = Routing.top2(sa, sb, 0, s);
        int e1 = (int) (r >>> 32), e2i = (int) r;
        float c1 = sa[e1 / s] + sb[e1 % s], c2 = sa[e2i / s] + sb[e2i % s];
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
