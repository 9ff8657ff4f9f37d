package org.flowcoin.moe.train;

import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelLayout;
import org.flowcoin.moe.internal.Canon;
import org.flowcoin.moe.internal.Routing;

/**
 * Forward pass with activation caching and the exact backward pass of the model of
 * docs/spec/model.md for one byte sequence, accumulating parameter gradients. The forward follows
 * the spec operation by operation in float32, but not with the canonical reduction order (losses
 * agree with the canonical evaluator to float rounding, not bit for bit).
 *
 * <p>Routing (the top-2 choice) is treated as a constant; gradients flow through the selected
 * sub-key scores into both halves' sub-keys and the query, and through the two gates. One instance
 * per thread; buffers are reused across calls.
 */
final class TrainingPass {
    private static final float ATTN_SCALE = 0.125f;
    private static final int V = ModelConfig.VOCAB;
    private static final int HD = ModelConfig.HEAD_DIM;

    private final ModelConfig c;
    private final int d, L, qDim, kvDim, H, group, s, dE, half, last;

    private int cap;
    // per-layer caches
    private float[][] xin, rA, uA, q, k, v, prob, att, xmid, rB, uB, sa, sb, gates, ea, ec, ye;
    private int[][] route;
    // final norm and output
    private float[] xf, rF, uF, pz;
    // backward scratch
    private float[] dx, du, dq, dk, dv, datt, dz, dP;
    private final float[] dsa, dsb, dqa, dqb, dh, da, dc, hbuf, qa, qb;
    private float[] ropeCos, ropeSin;

    TrainingPass(ModelConfig config) {
        this.c = config;
        d = c.dModel();
        L = c.nLayers();
        qDim = c.qDim();
        kvDim = c.kvDim();
        H = c.nHeads();
        group = c.nHeads() / c.nKvHeads();
        s = c.subKeys();
        dE = c.dExpert();
        half = d / 2;
        last = c.layout().size() - 1;
        dsa = new float[s];
        dsb = new float[s];
        dqa = new float[half];
        dqb = new float[half];
        qa = new float[half];
        qb = new float[half];
        dh = new float[dE];
        da = new float[dE];
        dc = new float[dE];
        hbuf = new float[dE];
    }

    private void ensure(int n) {
        if (n <= cap) return;
        cap = n;
        xin = new float[L][n * d];
        rA = new float[L][n];
        uA = new float[L][n * d];
        q = new float[L][n * qDim];
        k = new float[L][n * kvDim];
        v = new float[L][n * kvDim];
        prob = new float[L][H * n * n];
        att = new float[L][n * qDim];
        xmid = new float[L][n * d];
        rB = new float[L][n];
        uB = new float[L][n * d];
        sa = new float[L][n * s];
        sb = new float[L][n * s];
        gates = new float[L][n * 2];
        ea = new float[L][n * 2 * dE];
        ec = new float[L][n * 2 * dE];
        ye = new float[L][n * 2 * d];
        route = new int[L][n * 2];
        xf = new float[n * d];
        rF = new float[n];
        uF = new float[n * d];
        pz = new float[n * V];
        dx = new float[n * d];
        du = new float[n * d];
        dq = new float[n * qDim];
        dk = new float[n * kvDim];
        dv = new float[n * kvDim];
        datt = new float[n * qDim];
        dz = new float[n * V];
        dP = new float[n];
        float[][] rt = Canon.ropeTables(n);
        ropeCos = rt[0];
        ropeSin = rt[1];
    }

    private static int base(int l) {
        return 1 + l * ModelLayout.TENSORS_PER_LAYER;
    }

    /**
     * Runs forward and backward on {@code seq} (at least 2 bytes): adds {@code scale} times the
     * gradient of the summed per-position losses into {@code g}.
     *
     * @return the sum of the per-position losses (n - 1 positions)
     */
    double run(byte[] seq, Params p, Params g, float scale) {
        int n = seq.length;
        ensure(n);
        double loss = forward(seq, p);
        backward(seq, p, g, scale);
        return loss;
    }

    /** Sum of per-position losses only (no gradient). */
    double lossOnly(byte[] seq, Params p) {
        ensure(seq.length);
        return forward(seq, p);
    }

    // ------------------------------------------------------------------ forward

    private double forward(byte[] seq, Params p) {
        int n = seq.length;
        float[] emb = p.t[0];
        float[] x = xin[0];
        for (int t = 0; t < n; t++) System.arraycopy(emb, (seq[t] & 0xff) * d, x, t * d, d);
        for (int l = 0; l < L; l++) {
            int b = base(l);
            float[] xi = xin[l];
            rmsNorm(xi, n, p.t[b], rA[l], uA[l]);
            Linalg.matmul(p.t[b + 1], 0, qDim, d, uA[l], d, n, q[l], qDim);
            Linalg.matmul(p.t[b + 2], 0, kvDim, d, uA[l], d, n, k[l], kvDim);
            Linalg.matmul(p.t[b + 3], 0, kvDim, d, uA[l], d, n, v[l], kvDim);
            rope(q[l], n, qDim, false);
            rope(k[l], n, kvDim, false);
            attention(l, n);
            float[] xm = xmid[l];
            Linalg.matmul(p.t[b + 4], 0, d, qDim, att[l], qDim, n, xm, d);
            for (int i = 0; i < n * d; i++) xm[i] += xi[i];
            rmsNorm(xm, n, p.t[b + 5], rB[l], uB[l]);
            float[] xo = l + 1 < L ? xin[l + 1] : xf;
            System.arraycopy(xm, 0, xo, 0, n * d);
            for (int t = 0; t < n; t++) moeForward(l, t, p, xo);
        }
        rmsNorm(xf, n, p.t[last], rF, uF);
        double loss = 0;
        for (int t = 0; t + 1 < n; t++) {
            int zo = t * V;
            for (int cc = 0; cc < V; cc++) pz[zo + cc] = Linalg.dot(emb, cc * d, uF, t * d, d);
            float m = pz[zo];
            for (int cc = 1; cc < V; cc++) m = Math.max(m, pz[zo + cc]);
            double sum = 0;
            for (int cc = 0; cc < V; cc++) {
                float e = (float) StrictMath.exp(pz[zo + cc] - m);
                pz[zo + cc] = e;
                sum += e;
            }
            int target = seq[t + 1] & 0xff;
            float inv = (float) (1.0 / sum);
            loss += StrictMath.log(sum) - StrictMath.log(pz[zo + target]);
            for (int cc = 0; cc < V; cc++) pz[zo + cc] *= inv;
        }
        return loss;
    }

    private void rmsNorm(float[] x, int n, float[] gain, float[] r, float[] y) {
        for (int t = 0; t < n; t++) {
            int o = t * d;
            float ss = Linalg.dot(x, o, x, o, d);
            float ri = (float) (1.0 / Math.sqrt(ss / d + ModelConfig.RMS_EPS));
            r[t] = ri;
            for (int i = 0; i < d; i++) y[o + i] = x[o + i] * ri * gain[i];
        }
    }

    /** Rotary (or its transpose, for gradients) on every 64-wide head. */
    private void rope(float[] a, int n, int width, boolean transpose) {
        int hh = HD / 2;
        for (int t = 0; t < n; t++) {
            for (int h = t * width; h < t * width + width; h += HD) {
                for (int i = 0; i < hh; i++) {
                    float cs = ropeCos[t * hh + i], sn = transpose ? -ropeSin[t * hh + i] : ropeSin[t * hh + i];
                    float x0 = a[h + 2 * i], x1 = a[h + 2 * i + 1];
                    a[h + 2 * i] = x0 * cs - x1 * sn;
                    a[h + 2 * i + 1] = x0 * sn + x1 * cs;
                }
            }
        }
    }

    private void attention(int l, int n) {
        float[] qq = q[l], kk = k[l], vv = v[l], pr = prob[l], out = att[l];
        java.util.Arrays.fill(out, 0, n * qDim, 0f);
        for (int h = 0; h < H; h++) {
            int ko = (h / group) * HD;
            for (int t = 0; t < n; t++) {
                int po = (h * n + t) * n, qo = t * qDim + h * HD;
                float m = Float.NEGATIVE_INFINITY;
                for (int j = 0; j <= t; j++) {
                    float sc = Linalg.dot(qq, qo, kk, j * kvDim + ko, HD) * ATTN_SCALE;
                    pr[po + j] = sc;
                    m = Math.max(m, sc);
                }
                float z = 0f;
                for (int j = 0; j <= t; j++) {
                    float e = (float) StrictMath.exp(pr[po + j] - m);
                    pr[po + j] = e;
                    z += e;
                }
                float iz = 1f / z;
                for (int j = 0; j <= t; j++) {
                    float pj = pr[po + j] * iz;
                    pr[po + j] = pj;
                    Linalg.axpy(pj, vv, j * kvDim + ko, out, qo, HD);
                }
            }
        }
    }

    private void moeForward(int l, int t, Params p, float[] xo) {
        int b = base(l);
        float[] u = uB[l];
        int uo = t * d;
        float[] pa = p.t[b + 6], pb = p.t[b + 7];
        float[] sA = sa[l], sB = sb[l];
        for (int j = 0; j < half; j++) {
            qa[j] = u[uo + 2 * j];
            qb[j] = u[uo + 2 * j + 1];
        }
        for (int i = 0; i < s; i++) {
            sA[t * s + i] = Linalg.dot(pa, i * half, qa, 0, half);
            sB[t * s + i] = Linalg.dot(pb, i * half, qb, 0, half);
        }
        long r = Routing.top2(sA, sB, t * s, s);
        int e1 = (int) (r >>> 32), e2 = (int) r;
        float c1 = sA[t * s + e1 / s] + sB[t * s + e1 % s];
        float c2 = sA[t * s + e2 / s] + sB[t * s + e2 % s];
        float ex = (float) StrictMath.exp(c2 - c1);
        float g1 = 1f / (1f + ex), g2 = ex / (1f + ex);
        route[l][2 * t] = e1;
        route[l][2 * t + 1] = e2;
        gates[l][2 * t] = g1;
        gates[l][2 * t + 1] = g2;
        for (int slot = 0; slot < 2; slot++) {
            int e = slot == 0 ? e1 : e2;
            float gk = slot == 0 ? g1 : g2;
            int ao = (2 * t + slot) * dE, yo = (2 * t + slot) * d;
            float[] wg = p.t[b + 8], wu = p.t[b + 9], wd = p.t[b + 10];
            int go = e * dE * d;
            for (int kk = 0; kk < dE; kk++) {
                float a = Linalg.dot(wg, go + kk * d, u, uo, d);
                float cu = Linalg.dot(wu, go + kk * d, u, uo, d);
                ea[l][ao + kk] = a;
                ec[l][ao + kk] = cu;
                hbuf[kk] = a * sigmoid(a) * cu;
            }
            float[] y = ye[l];
            int dOff = e * d * dE;
            for (int i = 0; i < d; i++) {
                int row = dOff + i * dE;
                float yi = 0f;
                for (int kk = 0; kk < dE; kk++) yi += wd[row + kk] * hbuf[kk];
                y[yo + i] = yi;
                xo[uo + i] += gk * yi;
            }
        }
    }

    private static float sigmoid(float a) {
        return (float) (1.0 / (1.0 + StrictMath.exp(-a)));
    }

    // ------------------------------------------------------------------ backward

    private void backward(byte[] seq, Params p, Params g, float scale) {
        int n = seq.length;
        float[] emb = p.t[0], gEmb = g.t[0];
        // logits: dz = (softmax - onehot) * scale on predicted rows
        for (int t = 0; t + 1 < n; t++) {
            int zo = t * V;
            for (int cc = 0; cc < V; cc++) dz[zo + cc] = pz[zo + cc] * scale;
            dz[zo + (seq[t + 1] & 0xff)] -= scale;
        }
        java.util.Arrays.fill(du, 0, n * d, 0f);
        Linalg.backInput(emb, 0, V, d, dz, V, du, d, n - 1);
        Linalg.accumulateOuter(gEmb, 0, V, d, dz, V, uF, d, n - 1);
        java.util.Arrays.fill(dx, 0, n * d, 0f);
        rmsNormBack(xf, n, p.t[last], rF, du, g.t[last], dx);
        for (int l = L - 1; l >= 0; l--) {
            int b = base(l);
            // MoE branch: dx is dL/d(x after the layer) = dL/dm and the residual into xmid
            java.util.Arrays.fill(du, 0, n * d, 0f);
            for (int t = 0; t < n; t++) moeBackward(l, t, p, g);
            rmsNormBack(xmid[l], n, p.t[b + 5], rB[l], du, g.t[b + 5], dx);
            // attention branch
            java.util.Arrays.fill(datt, 0, n * qDim, 0f);
            Linalg.accumulateOuter(g.t[b + 4], 0, d, qDim, dx, d, att[l], qDim, n);
            Linalg.backInput(p.t[b + 4], 0, d, qDim, dx, d, datt, qDim, n);
            attentionBackward(l, n);
            rope(dq, n, qDim, true);
            rope(dk, n, kvDim, true);
            java.util.Arrays.fill(du, 0, n * d, 0f);
            Linalg.accumulateOuter(g.t[b + 1], 0, qDim, d, dq, qDim, uA[l], d, n);
            Linalg.accumulateOuter(g.t[b + 2], 0, kvDim, d, dk, kvDim, uA[l], d, n);
            Linalg.accumulateOuter(g.t[b + 3], 0, kvDim, d, dv, kvDim, uA[l], d, n);
            Linalg.backInput(p.t[b + 1], 0, qDim, d, dq, qDim, du, d, n);
            Linalg.backInput(p.t[b + 2], 0, kvDim, d, dk, kvDim, du, d, n);
            Linalg.backInput(p.t[b + 3], 0, kvDim, d, dv, kvDim, du, d, n);
            rmsNormBack(xin[l], n, p.t[b], rA[l], du, g.t[b], dx);
        }
        for (int t = 0; t < n; t++) Linalg.axpy(1f, dx, t * d, gEmb, (seq[t] & 0xff) * d, d);
    }

    /** dx += d(RMSNorm)/dx^T dy; dgain += ... for every position. */
    private void rmsNormBack(float[] x, int n, float[] gain, float[] r, float[] dy, float[] dgain, float[] dxOut) {
        for (int t = 0; t < n; t++) {
            int o = t * d;
            float ri = r[t];
            float sdot = 0f;
            for (int i = 0; i < d; i++) {
                float gy = dy[o + i] * gain[i];
                sdot += gy * x[o + i];
                dgain[i] += dy[o + i] * x[o + i] * ri;
            }
            float coef = ri * ri * ri * sdot / d;
            for (int i = 0; i < d; i++) dxOut[o + i] += ri * gain[i] * dy[o + i] - x[o + i] * coef;
        }
    }

    private void moeBackward(int l, int t, Params p, Params g) {
        int b = base(l);
        float[] u = uB[l];
        int uo = t * d;
        float[] wg = p.t[b + 8], wu = p.t[b + 9], wd = p.t[b + 10];
        float[] gwg = g.t[b + 8], gwu = g.t[b + 9], gwd = g.t[b + 10];
        float[] y = ye[l];
        float g1 = gates[l][2 * t], g2 = gates[l][2 * t + 1];
        float dg1 = Linalg.dot(dx, uo, y, (2 * t) * d, d);
        float dg2 = Linalg.dot(dx, uo, y, (2 * t + 1) * d, d);
        for (int slot = 0; slot < 2; slot++) {
            int e = route[l][2 * t + slot];
            float gk = slot == 0 ? g1 : g2;
            int ao = (2 * t + slot) * dE;
            int dOff = e * d * dE, go = e * dE * d;
            for (int kk = 0; kk < dE; kk++) {
                float a = ea[l][ao + kk];
                hbuf[kk] = a * sigmoid(a) * ec[l][ao + kk];
                dh[kk] = 0f;
            }
            // y = Wd h, dy = gk * dm
            for (int i = 0; i < d; i++) {
                float dyi = gk * dx[uo + i];
                if (dyi == 0f) continue;
                int r = dOff + i * dE;
                for (int kk = 0; kk < dE; kk++) {
                    gwd[r + kk] += dyi * hbuf[kk];
                    dh[kk] += dyi * wd[r + kk];
                }
            }
            for (int kk = 0; kk < dE; kk++) {
                float a = ea[l][ao + kk], cu = ec[l][ao + kk];
                float sg = sigmoid(a);
                float silu = a * sg;
                dc[kk] = dh[kk] * silu;
                da[kk] = dh[kk] * cu * (sg * (1f + a * (1f - sg)));
                Linalg.axpy(da[kk], u, uo, gwg, go + kk * d, d);
                Linalg.axpy(dc[kk], u, uo, gwu, go + kk * d, d);
                Linalg.axpy(da[kk], wg, go + kk * d, du, uo, d);
                Linalg.axpy(dc[kk], wu, go + kk * d, du, uo, d);
            }
        }
        // gates: g1 = sigmoid(c1 - c2), g2 = 1 - g1
        float dDelta = (dg1 - dg2) * g1 * g2;
        java.util.Arrays.fill(dsa, 0f);
        java.util.Arrays.fill(dsb, 0f);
        int e1 = route[l][2 * t], e2 = route[l][2 * t + 1];
        dsa[e1 / s] += dDelta;
        dsb[e1 % s] += dDelta;
        dsa[e2 / s] -= dDelta;
        dsb[e2 % s] -= dDelta;
        float[] pa = p.t[b + 6], pb = p.t[b + 7], gpa = g.t[b + 6], gpb = g.t[b + 7];
        for (int j = 0; j < half; j++) {
            qa[j] = u[uo + 2 * j];
            qb[j] = u[uo + 2 * j + 1];
        }
        java.util.Arrays.fill(dqa, 0f);
        java.util.Arrays.fill(dqb, 0f);
        for (int i = 0; i < s; i++) {
            if (dsa[i] != 0f) {
                Linalg.axpy(dsa[i], qa, 0, gpa, i * half, half);
                Linalg.axpy(dsa[i], pa, i * half, dqa, 0, half);
            }
            if (dsb[i] != 0f) {
                Linalg.axpy(dsb[i], qb, 0, gpb, i * half, half);
                Linalg.axpy(dsb[i], pb, i * half, dqb, 0, half);
            }
        }
        for (int j = 0; j < half; j++) {
            du[uo + 2 * j] += dqa[j];
            du[uo + 2 * j + 1] += dqb[j];
        }
    }

    private void attentionBackward(int l, int n) {
        float[] qq = q[l], kk = k[l], vv = v[l], pr = prob[l];
        java.util.Arrays.fill(dq, 0, n * qDim, 0f);
        java.util.Arrays.fill(dk, 0, n * kvDim, 0f);
        java.util.Arrays.fill(dv, 0, n * kvDim, 0f);
        for (int h = 0; h < H; h++) {
            int ko = (h / group) * HD;
            for (int t = 0; t < n; t++) {
                int po = (h * n + t) * n, qo = t * qDim + h * HD;
                float sum = 0f;
                for (int j = 0; j <= t; j++) {
                    float pj = pr[po + j];
                    dP[j] = Linalg.dot(datt, qo, vv, j * kvDim + ko, HD);
                    sum += pj * dP[j];
                    Linalg.axpy(pj, datt, qo, dv, j * kvDim + ko, HD);
                }
                for (int j = 0; j <= t; j++) {
                    float ds = pr[po + j] * (dP[j] - sum) * ATTN_SCALE;
                    if (ds == 0f) continue;
                    Linalg.axpy(ds, kk, j * kvDim + ko, dq, qo, HD);
                    Linalg.axpy(ds, qq, qo, dk, j * kvDim + ko, HD);
                }
            }
        }
    }
}
