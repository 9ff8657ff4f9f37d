package org.flowcoin.benchmarks.train;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.ggml.GgmlTrainer;
import org.flowcoin.moe.train.TrainConfig;
import org.flowcoin.moe.train.Trainer;
import org.flowcoin.pot.GenesisCorpus;
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
 * Training throughput: one optimisation step (forward, backward, clipping, AdamW) on a batch of
 * {@code batch} sequences of 256 bytes, all cores, on the Java path ({@link Trainer}) or on ggml
 * ({@link GgmlTrainer}: ggml's automatic differentiation and AdamW). The score is in steps per
 * second; tokens per second = score * batch * 255.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx8g"})
public class TrainBenchmark {
    @Param({"tiny", "genesis"})
    public String config;

    @Param({"0"})
    public int batch; // 0: one sequence per core (at least 2)

    @Param({"java", "ggml"})
    public String backend;

    private AutoCloseable trainer;
    private java.util.function.Function<List<byte[]>, Trainer.StepStats> step;
    private List<byte[]> data;

    @Setup(Level.Trial)
    public void setup() {
        int cores = Runtime.getRuntime().availableProcessors();
        int b = batch > 0 ? batch : Math.max(2, cores);
        ModelConfig c = ModelConfig.preset(config);
        ModelWeights start = ModelInit.init(c, ModelInit.GENESIS_SEED);
        TrainConfig tc = TrainConfig.defaults().withThreads(cores).withBatch(b, 256);
        if (backend.equals("ggml")) {
            GgmlTrainer t = new GgmlTrainer(start, tc);
            trainer = t;
            step = t::step;
        } else {
            Trainer t = new Trainer(start, tc);
            trainer = t;
            step = t::step;
        }
        byte[] corpus = GenesisCorpus.bytes();
        data = Trainer.sampleBatch(Arrays.copyOf(corpus, 200_000), b, 256, new SplittableRandom(3));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        trainer.close();
    }

    @Benchmark
    public float step() {
        return step.apply(data).loss();
    }
}
