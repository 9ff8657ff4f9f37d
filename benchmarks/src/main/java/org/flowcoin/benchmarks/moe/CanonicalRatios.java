package org.flowcoin.benchmarks.moe;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.ggml.Ggml;
import org.flowcoin.moe.ggml.GgmlEvaluator;
import org.flowcoin.moe.internal.CanonicalEvaluator;
import org.flowcoin.moe.internal.Kernels;
import org.flowcoin.moe.internal.VectorKernels;

/**
 * The canonical evaluator against ggml in one JVM, on the workload of {@link MoeEvalBenchmark}
 * (genesis, 16 x 256 bytes, 4,080 predictions). Contenders, one after the other in each round:
 * the canonical fast path on 1 thread; the same kernels driven one position at a time (every
 * weight row read once per token, the structure of the vector path before blocking, so the ratio
 * is what blocking buys); ggml on 1 thread; the canonical path and ggml on all processors. After
 * three warm-up rounds it reports each contender's median time, tokens/s and GFLOP/s (multiplies
 * and adds of the forward pass, counted from the model's dimensions, against the 93 GFLOP/s that
 * one AVX-512 core reaches without fused multiply-add at 2.9 GHz), and per round the ratio of each
 * time to the canonical 1-thread time. All contenders must return the same loss bits.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *     -cp benchmarks/target/benchmarks.jar org.flowcoin.benchmarks.moe.CanonicalRatios [rounds]
 * </pre>
 */
public final class CanonicalRatios {
    private CanonicalRatios() {}

    /** No-FMA peak of one AVX-512 core: 16 multiplies and 16 adds per cycle at 2.9 GHz. */
    static final double PEAK_GFLOPS = 93;

    public static void main(String[] args) {
        Ggml.load(System.getProperty("flow.ggml.cpu", "auto"));
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int cores = Runtime.getRuntime().availableProcessors();
        Arena arena = Arena.ofShared();
        ModelConfig config = ModelConfig.genesis();
        ModelWeights w = ModelInit.init(config, ModelInit.GENESIS_SEED.getBytes(StandardCharsets.UTF_8), arena);
        List<byte[]> data = MoeEvalBenchmark.text(16);
        String[] names = {"canonical, 1 thread", "canonical per position, 1 thread", "ggml, 1 thread",
                "canonical, " + cores + " threads", "ggml, " + cores + " workers"};
        LossEvaluator[] evs = {Evaluators.best(1), new CanonicalEvaluator(new PerPosition(VectorKernels.INSTANCE), 1),
                new GgmlEvaluator(1), Evaluators.best(cores), new GgmlEvaluator(cores)};
        int bits = evs[0].evaluate(w, data).lossBits();
        for (LossEvaluator e : evs) {
            if (e.evaluate(w, data).lossBits() != bits) throw new IllegalStateException(e + " gives other loss bits");
        }
        double[][] ms = new double[evs.length][rounds];
        for (int r = -3; r < rounds; r++) {
            for (int e = 0; e < evs.length; e++) {
                long t0 = System.nanoTime();
                evs[e].meanLoss(w, data);
                if (r >= 0) ms[e][r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        double gflop = flops(config, data) / 1e9;
        int tokens = data.stream().mapToInt(s -> s.length - 1).sum();
        System.out.printf("# genesis, %d sequences, %d predictions, %.1f GFLOP per evaluation, loss bits %08x%n",
                data.size(), tokens, gflop, bits);
        for (int e = 0; e < evs.length; e++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) ratio[r] = ms[e][r] / ms[0][r];
            double[] t = ms[e].clone();
            Arrays.sort(t);
            Arrays.sort(ratio);
            double med = t[rounds / 2];
            System.out.printf("%-34s median %7.0f ms (%5.0f tokens/s, %5.1f GFLOP/s = %3.0f%% of %.0f)   this/canonical1: %.2fx (%.2fx..%.2fx)%n",
                    names[e], med, tokens / (med / 1000), gflop / (med / 1000), 100 * gflop / (med / 1000) / PEAK_GFLOPS,
                    PEAK_GFLOPS, ratio[rounds / 2], ratio[0], ratio[rounds - 1]);
        }
    }

    /** Floating-point operations (a multiply and an add per term) of the forward passes of {@code data}. */
    static double flops(ModelConfig c, List<byte[]> data) {
        int d = c.dModel();
        long perToken = (long) c.nLayers() * (2L * c.qDim() * d + 2L * c.kvDim() * d + (long) c.subKeys() * d
                + 2L * 3 * c.dExpert() * d) + (long) ModelConfig.VOCAB * d;
        double macs = 0;
        for (byte[] s : data) {
            int n = s.length;
            // scores and value mix: per layer and head, 64 multiply-adds each against positions 0..t
            macs += (double) n * perToken + (double) c.nLayers() * c.nHeads() * 2 * ModelConfig.HEAD_DIM * n * (n + 1) / 2.0;
        }
        return 2 * macs;
    }

    /** Every matrix product one position at a time: each weight row is read once per token. */
    record PerPosition(Kernels k) implements Kernels {
        @Override
        public void matmul(MemorySegment w, long wo, int rows, int n, float[] x, int xo, int ldx, int tokens,
                           float[] y, int yo, int ldy) {
            for (int t = 0; t < tokens; t++) k.matmul(w, wo, rows, n, x, xo + t * ldx, ldx, 1, y, yo + t * ldy, ldy);
        }

        @Override
        public void matmulColumns(MemorySegment m, long mo, int ldm, int cols, int n, float[] x, int xo, int ldx,
                                  int tokens, float[] y, int yo, int ldy) {
            k.matmulColumns(m, mo, ldm, cols, n, x, xo, ldx, tokens, y, yo, ldy);
        }

        @Override
        public float dot(float[] a, int ao, float[] b, int bo, int n) {
            return k.dot(a, ao, b, bo, n);
        }

        @Override
        public float sum(float[] a, int ao, int n) {
            return k.sum(a, ao, n);
        }

        @Override
        public void expShifted(float[] a, int ao, int n, float shift) {
            k.expShifted(a, ao, n, shift);
        }

        @Override
        public void mix(float[] p, int po, int ldp, int heads, int count, float[] v, int vo, int ldv, int width,
                        float[] out, int oo, int ldo) {
            k.mix(p, po, ldp, heads, count, v, vo, ldv, width, out, oo, ldo);
        }

        @Override
        public void softmax(float[] a, int ao, int count, float scale) {
            k.softmax(a, ao, count, scale);
        }

        @Override
        public String name() {
            return "per-position " + k.name();
        }
    }
}
