package org.flowcoin.benchmarks.ggml;

import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.ggml.GgmlEvaluator;
import org.flowcoin.moe.ggml.TextGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Loss evaluation of {@link #sequences} sequences of {@link #length} bytes ({@code sequences *
 * (length - 1)} predicted tokens) with the genesis (or tiny) configuration: the Java vector evaluator
 * on 1 thread, ggml on 1 thread, ggml with all threads as workers over sequences, and ggml with all
 * threads inside each operation; plus generation of 16 bytes after a 32-byte prompt (ggml, 1 thread).
 * Tokens/s = tokens / time.
 * Weights live in native memory (as when mapped from a GGUF file), so ggml reads them in place.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
public class GgmlBenchmark {
    @Param({"genesis"})
    public String config;

    @Param({"128"})
    public int length;

    @Param({"4"})
    public int sequences;

    private Arena arena;
    private ModelWeights weights;
    private List<byte[]> seqs;
    private LossEvaluator vector1, ggml1, ggmlAll, ggmlOps;
    private byte[] prompt;

    @Setup(Level.Trial)
    public void setUp() {
        GgmlRatios.loadChosenCpuBackend();
        arena = Arena.ofShared();
        weights = ModelInit.init(ModelConfig.preset(config), ModelInit.GENESIS_SEED.getBytes(StandardCharsets.UTF_8), arena);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length + sequences) sb.append("the quick brown fox jumps over the lazy dog. ");
        List<byte[]> l = new java.util.ArrayList<>();
        for (int i = 0; i < sequences; i++) l.add(sb.substring(i, i + length).getBytes(StandardCharsets.US_ASCII));
        seqs = List.copyOf(l);
        prompt = sb.substring(0, 32).getBytes(StandardCharsets.US_ASCII);
        vector1 = Evaluators.best(1);
        ggml1 = new GgmlEvaluator(1);
        ggmlAll = new GgmlEvaluator(Runtime.getRuntime().availableProcessors());
        ggmlOps = new GgmlEvaluator(1, Runtime.getRuntime().availableProcessors());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public float evalJavaVector1Thread() {
        return vector1.meanLoss(weights, seqs);
    }

    @Benchmark
    public float evalGgml1Thread() {
        return ggml1.meanLoss(weights, seqs);
    }

    @Benchmark
    public float evalGgmlAllThreads() {
        return ggmlAll.meanLoss(weights, seqs);
    }

    @Benchmark
    public byte[] generate16BytesGgml1Thread() {
        return new TextGenerator(ggml1, TextGenerator.DEFAULT_CONTEXT).generate(weights, prompt, 16, 0.8f, 1);
    }

    @Benchmark
    public float evalGgmlAllThreadsInsideOps() {
        return ggmlOps.meanLoss(weights, seqs);
    }
}
