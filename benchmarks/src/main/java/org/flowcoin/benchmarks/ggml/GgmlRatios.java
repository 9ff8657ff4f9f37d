package org.flowcoin.benchmarks.ggml;

import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.ggml.GgmlEvaluator;

/**
 * Companion to {@link GgmlBenchmark} for a machine whose speed drifts (shared or virtualised): the
 * Java vector evaluator on 1 thread, ggml on 1 thread and ggml on all threads evaluate the same
 * genesis workload (4 x 128 bytes, as the benchmark) one after the other in rounds inside one JVM,
 * after three warm-up rounds. Reported: the median time of each (wall clock) and, per round, the
 * ratio of the Java time to each ggml time, as median and range. Within a round all three see
 * nearly the same machine, so slow drift cancels out of the ratios.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *     -cp benchmarks/target/benchmarks.jar org.flowcoin.benchmarks.ggml.GgmlRatios [rounds]
 * </pre>
 */
public final class GgmlRatios {
    private GgmlRatios() {}

    /** Loads ggml with {@code -Dflow.ggml.cpu=auto|avx2|avx512} (a benchmark setting) before anything else uses it. */
    static void loadChosenCpuBackend() {
        org.flowcoin.moe.ggml.Ggml.load(System.getProperty("flow.ggml.cpu", "auto"));
    }

    public static void main(String[] args) {
        loadChosenCpuBackend();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        Arena arena = Arena.ofShared();
        ModelWeights w = ModelInit.init(ModelConfig.genesis(), ModelInit.GENESIS_SEED.getBytes(StandardCharsets.UTF_8), arena);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 128 + 4) sb.append("the quick brown fox jumps over the lazy dog. ");
        List<byte[]> seqs = new ArrayList<>();
        for (int i = 0; i < 4; i++) seqs.add(sb.substring(i, i + 128).getBytes(StandardCharsets.US_ASCII));
        int cores = Runtime.getRuntime().availableProcessors();
        String[] names = {"java vector, 1 thread", "ggml, 1 thread", "ggml, " + cores + " workers"};
        LossEvaluator[] evs = {Evaluators.best(1), new GgmlEvaluator(1), new GgmlEvaluator(cores)};
        System.out.println("# " + evs[1] + " / " + evs[2]);
        double[][] ms = new double[evs.length][rounds];
        for (int r = -3; r < rounds; r++) {
            for (int e = 0; e < evs.length; e++) {
                long t0 = System.nanoTime();
                evs[e].meanLoss(w, seqs);
                if (r >= 0) ms[e][r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        int tokens = 4 * 127;
        for (int e = 0; e < evs.length; e++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) ratio[r] = ms[0][r] / ms[e][r];
            double[] t = ms[e].clone();
            Arrays.sort(t);
            Arrays.sort(ratio);
            System.out.printf("%-24s median %7.1f ms/op (%6.0f tokens/s)   java1/this: median %.2fx, range %.2fx..%.2fx%n",
                    names[e], t[rounds / 2], tokens / (t[rounds / 2] / 1000), ratio[rounds / 2], ratio[0], ratio[rounds - 1]);
        }
    }
}
