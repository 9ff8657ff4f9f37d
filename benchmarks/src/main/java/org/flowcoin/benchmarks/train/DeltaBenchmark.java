package org.flowcoin.benchmarks.train;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.delta.Delta;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Delta payload encode (content + zstd level 3) and decode (zstd + canonical checks) of a sparse
 * delta over the genesis model: {@code entries} random indices, Gaussian values of scale 1e-3
 * (what training produces after top-k). Content size = 9 + 12 * entries bytes; MB/s = score *
 * content size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DeltaBenchmark {
    @Param({"1048576"})
    public int entries;

    private Delta delta;
    private byte[] payload;
    private long params;

    @Setup(Level.Trial)
    public void setup() {
        params = ModelConfig.genesis().parameterCount();
        SplittableRandom r = new SplittableRandom(9);
        long[] idx = r.longs(entries * 2L, 0, params).distinct().limit(entries).sorted().toArray();
        float[] val = new float[idx.length];
        for (int i = 0; i < val.length; i++) {
            float v = (float) (r.nextDouble(-1, 1) * 1e-3);
            val[i] = v == 0f ? 1e-6f : v;
        }
        delta = Delta.of(params, idx, val);
        payload = delta.encode();
    }

    @Benchmark
    public byte[] encode() {
        return delta.encode();
    }

    @Benchmark
    public Delta decode() {
        return Delta.decode(payload, params);
    }
}
