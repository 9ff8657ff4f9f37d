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
 * Loss evaluation of one {@link #length}-byte sequence ({@code length - 1} predicted tokens) with the
 * genesis (or tiny) configuration: the Java vector evaluator on 1 thread and ggml on 1 thread and on
 * all threads; plus generation of 16 bytes after a 32-byte prompt. Tokens/s = (length - 1) / time.
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

    private Arena arena;
    private ModelWeights weights;
    private List<byte[]> seqs;
    private LossEvaluator vector1, ggml1, ggmlAll;
    private byte[] prompt;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        weights = ModelInit.init(ModelConfig.preset(config), ModelInit.GENESIS_SEED.getBytes(StandardCharsets.UTF_8), arena);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) sb.append("the quick brown fox jumps over the lazy dog. ");
        seqs = List.of(sb.substring(0, length).getBytes(StandardCharsets.US_ASCII));
        prompt = sb.substring(0, 32).getBytes(StandardCharsets.US_ASCII);
        vector1 = Evaluators.best(1);
        ggml1 = new GgmlEvaluator(1);
        ggmlAll = new GgmlEvaluator(Runtime.getRuntime().availableProcessors());
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
    public byte[] generate16BytesGgmlAllThreads() {
        return new TextGenerator(ggmlAll, TextGenerator.DEFAULT_CONTEXT).generate(weights, prompt, 16, 0.8f, 1);
    }
}
