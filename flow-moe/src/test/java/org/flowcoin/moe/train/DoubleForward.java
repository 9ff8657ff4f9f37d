package org.flowcoin.moe.train;

import java.util.ArrayList;
import java.util.List;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelLayout;

/**
 * An independent double-precision implementation of the forward pass and loss of
 * docs/spec/model.md, written from the spec for the finite-difference gradient checks. Records the
 * routing decisions so a check can tell when a perturbation changed the selected experts.
 */
final class DoubleForward {
    final ModelConfig c;
    final double[][] w;
    final List<Integer> routes = new ArrayList<>();

    DoubleForward(ModelConfig c, float[][] weights) {
        this.c = c;
        w = new double[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            w[i] = new double[weights[i].length];
            for (int j = 0; j < weights[i].length; j++) w[i][j] = weights[i][j];
        }
    }

    /** Mean loss over all predicted positions of all sequences. */
    double meanLoss(List<byte[]> seqs) {
        routes.clear();
        double sum = 0;
        long n = 0;
        for (byte[] s : seqs) {
            sum += seqLoss(s);
            n += s.length - 1;
        }
        return sum / n;
    }

    private double[] norm(double[] x, double[] g) {
        double ss = 0;
        for (double v : x) ss += v * v;
        double r = 1 / Math.sqrt(ss / x.length + ModelConfig.RMS_EPS);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] * r * g[i];
        return y;
    }

    private static double[] mv(double[] m, int mo, int rows, int cols, double[] x) {
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int i = 0; i < cols; i++) s += m[mo + r * cols + i] * x[i];
            y[r] = s;
        }
        return y;
    }

    private static final double[] INV_FREQ = new double[32];

    static {
        for (int i = 0; i < 32; i++) INV_FREQ[i] = Math.pow(10000, -(2.0 * i) / 64);
    }

    private static void rope(double[] a, int t) {
        for (int h = 0; h < a.length; h += 64) {
            for (int i = 0; i < 32; i++) {
                double ang = t * INV_FREQ[i];
                double cs = Math.cos(ang), sn = Math.sin(ang);
                double x0 = a[h + 2 * i], x1 = a[h + 2 * i + 1];
                a[h + 2 * i] = x0 * cs - x1 * sn;
                a[h + 2 * i + 1] = x0 * sn + x1 * cs;
            }
        }
    }

    private double seqLoss(byte[] seq) {
        int n = seq.length, d = c.dModel(), H = c.nHeads(), G = c.nKvHeads(), s = c.subKeys(), dE = c.dExpert();
        double[][] x = new double[n][];
        for (int t = 0; t < n; t++) {
            x[t] = new double[d];
            System.arraycopy(w[0], (seq[t] & 0xff) * d, x[t], 0, d);
        }
        for (int l = 0; l < c.nLayers(); l++) {
            int b = 1 + l * ModelLayout.TENSORS_PER_LAYER;
            double[][] q = new double[n][], k = new double[n][], v = new double[n][];
            for (int t = 0; t < n; t++) {
                double[] u = norm(x[t], w[b]);
                q[t] = mv(w[b + 1], 0, H * 64, d, u);
                k[t] = mv(w[b + 2], 0, G * 64, d, u);
                v[t] = mv(w[b + 3], 0, G * 64, d, u);
                rope(q[t], t);
                rope(k[t], t);
            }
            for (int t = 0; t < n; t++) {
                double[] o = new double[H * 64];
                for (int h = 0; h < H; h++) {
                    int g = h / (H / G);
                    double[] sc = new double[t + 1];
                    double m = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= t; j++) {
                        double dd = 0;
                        for (int i = 0; i < 64; i++) dd += q[t][h * 64 + i] * k[j][g * 64 + i];
                        sc[j] = dd / 8;
                        m = Math.max(m, sc[j]);
                    }
                    double z = 0;
                    for (int j = 0; j <= t; j++) z += Math.exp(sc[j] - m);
                    for (int j = 0; j <= t; j++) {
                        double pj = Math.exp(sc[j] - m) / z;
                        for (int i = 0; i < 64; i++) o[h * 64 + i] += pj * v[j][g * 64 + i];
                    }
                }
                double[] y = mv(w[b + 4], 0, d, H * 64, o);
                for (int i = 0; i < d; i++) x[t][i] += y[i];
            }
            for (int t = 0; t < n; t++) {
                double[] u = norm(x[t], w[b + 5]);
                double[] sa = new double[s], sb = new double[s];
                for (int i = 0; i < s; i++) {
                    for (int j = 0; j < d / 2; j++) {
                        sa[i] += w[b + 6][i * (d / 2) + j] * u[2 * j];
                        sb[i] += w[b + 7][i * (d / 2) + j] * u[2 * j + 1];
                    }
                }
                // Global top-2 over all s*s pairs (equal to the candidate procedure away from ties).
                int e1 = -1, e2 = -1;
                for (int e = 0; e < s * s; e++) {
                    double sc = sa[e / s] + sb[e % s];
                    if (e1 < 0 || sc > sa[e1 / s] + sb[e1 % s]) {
                        e2 = e1;
                        e1 = e;
                    } else if (e2 < 0 || sc > sa[e2 / s] + sb[e2 % s]) {
                        e2 = e;
                    }
                }
                routes.add(e1);
                routes.add(e2);
                double c1 = sa[e1 / s] + sb[e1 % s], c2 = sa[e2 / s] + sb[e2 % s];
                double ex = Math.exp(c2 - c1), g1 = 1 / (1 + ex), g2 = ex / (1 + ex);
                double[] y1 = expert(b, e1, u, d, dE), y2 = expert(b, e2, u, d, dE);
                for (int i = 0; i < d; i++) x[t][i] += g1 * y1[i] + g2 * y2[i];
            }
        }
        double loss = 0;
        for (int t = 0; t + 1 < n; t++) {
            double[] u = norm(x[t], w[w.length - 1]);
            double[] z = mv(w[0], 0, 256, d, u);
            double m = Double.NEGATIVE_INFINITY;
            for (double zz : z) m = Math.max(m, zz);
            double sum = 0;
            for (double zz : z) sum += Math.exp(zz - m);
            loss += Math.log(sum) + m - z[seq[t + 1] & 0xff];
        }
        return loss;
    }

    private double[] expert(int b, int e, double[] u, int d, int dE) {
        double[] a = mv(w[b + 8], e * dE * d, dE, d, u), cu = mv(w[b + 9], e * dE * d, dE, d, u);
        double[] h = new double[dE];
        for (int i = 0; i < dE; i++) h[i] = a[i] / (1 + Math.exp(-a[i])) * cu[i];
        return mv(w[b + 10], e * d * dE, d, dE, h);
    }
}
