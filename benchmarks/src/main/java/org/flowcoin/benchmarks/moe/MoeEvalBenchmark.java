package org.flowcoin.benchmarks.moe;

import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.OnnxExport;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Canonical loss evaluation of {@link #sequences} x 256 bytes ({@code sequences * 255} predicted
 * tokens; 16 x 256 = 4080 tokens by default) on the genesis model: the scalar reference and the
 * Vector API path on 1 thread, and the vector path on all processors. Tokens/s = tokens / time.
 * Weights live in native memory, as when mapped from a GGUF file. One operation takes seconds, so
 * the mode is single-shot.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class MoeEvalBenchmark {
    @Param({"genesis"})
    public String config;

    @Param({"16"})
    public int sequences;

    private Arena arena;
    private ModelWeights weights;
    private List<byte[]> data;
    private LossEvaluator scalar1, vector1, vectorAll;
    private OrtEnvironment env;
    private OrtSession ort;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        weights = ModelInit.init(ModelConfig.preset(config), ModelInit.GENESIS_SEED.getBytes(StandardCharsets.UTF_8), arena);
        data = text(sequences);
        scalar1 = Evaluators.reference(1);
        vector1 = Evaluators.vector(1);
        vectorAll = Evaluators.vector(Runtime.getRuntime().availableProcessors());
        try {
            env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(1);
            o.setInterOpNumThreads(1);
            ort = env.createSession(OnnxExport.build(weights, 256), o);
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
        int a = scalar1.evaluate(weights, data.subList(0, 1)).lossBits();
        if (vector1.evaluate(weights, data.subList(0, 1)).lossBits() != a) throw new IllegalStateException("paths disagree");
    }

    /** English-like bytes, deterministic. */
    static List<byte[]> text(int n) {
        String base = "FlowCoin: Proof-of-Training. Every node computes the same loss, bit for bit, on any machine. ";
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 256 + i) sb.append(base);
            out.add(sb.substring(i, i + 256).getBytes(StandardCharsets.US_ASCII));
        }
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        ort.close();
        arena.close();
    }

    @Benchmark
    public float scalar1Thread() {
        return scalar1.meanLoss(weights, data);
    }

    @Benchmark
    public float vector1Thread() {
        return vector1.meanLoss(weights, data);
    }

    @Benchmark
    public float vectorAllThreads() {
        return vectorAll.meanLoss(weights, data);
    }

    @Benchmark
    public float onnxRuntime1Thread() throws OrtException {
        float acc = 0;
        for (byte[] seq : data) {
            long[] ids = new long[seq.length];
            for (int i = 0; i < ids.length; i++) ids[i] = seq[i] & 0xff;
            try (OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {ids.length});
                 OrtSession.Result r = ort.run(Map.of("ids", t))) {
                float[][] z = (float[][]) r.get(0).getValue();
                acc += z[ids.length - 1][0];
            }
        }
        return acc;
    }
}
