package org.flowcoin.benchmarks.moe;

import java.lang.foreign.Arena;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.LossResult;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;

/**
 * Peak memory of a genesis evaluation (16 x 256 bytes): resident set (VmHWM from /proc/self/status)
 * and Java heap after loading the weights into native memory and after evaluating with 1 and with
 * all threads. Run: {@code java --add-modules jdk.incubator.vector -Xmx512m -cp benchmarks.jar
 * org.flowcoin.benchmarks.moe.EvalMemory}.
 */
public final class EvalMemory {
    private EvalMemory() {}

    static String mem() throws Exception {
        String hwm = "?", rss = "?";
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmHWM:")) hwm = l.substring(6).trim();
            if (l.startsWith("VmRSS:")) rss = l.substring(6).trim();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        return "rss " + rss + ", peak rss " + hwm + ", heap used " + heap + " MiB";
    }

    public static void main(String[] args) throws Exception {
        System.out.println("start: " + mem());
        try (Arena arena = Arena.ofShared()) {
            ModelWeights w = ModelInit.init(ModelConfig.genesis(), ModelInit.GENESIS_SEED.getBytes(StandardCharsets.UTF_8), arena);
            System.gc();
            System.out.println("genesis weights in native memory: " + mem());
            List<byte[]> data = MoeEvalBenchmark.text(16);
            int all = Runtime.getRuntime().availableProcessors();
            for (int threads : new int[] {1, all}) {
                LossEvaluator ev = Evaluators.best(threads);
                long t0 = System.nanoTime();
                LossResult r = ev.evaluate(w, data);
                System.out.printf("%s x%d: loss %s (%s), %d tokens, %.1f s; %s%n", ev.name(), threads, r.loss(), r.lossBitsHex(),
                        r.tokens(), (System.nanoTime() - t0) / 1e9, mem());
            }
        }
    }
}
