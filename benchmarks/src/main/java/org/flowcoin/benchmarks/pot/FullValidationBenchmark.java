package org.flowcoin.benchmarks.pot;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.delta.Delta;
import org.flowcoin.pot.GenesisCorpus;
import org.flowcoin.pot.ModelRoot;
import org.flowcoin.pot.ModelTransition;
import org.flowcoin.pot.PotParams;
import org.flowcoin.pot.TrainingData;
import org.flowcoin.pot.ValidationSet;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The model side of full validation of one mainnet block at the genesis configuration (56M
 * parameters, V_h = 16 x 256 = 4,096 tokens): training-data rules, V_h derivation, delta decode,
 * both losses with the canonical evaluator, delta apply, model-root update, revert. The
 * transaction and disk parts are small beside this. Single shot per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FullValidationBenchmark {
    @Param({"vector"})
    String evaluator;

    PotParams params;
    ModelWeights weights;
    ModelRoot tree;
    byte[] payload;
    byte[] data;
    LossEvaluator ev;

    @Setup
    public void setup() {
        params = PotParams.forChain(ChainParams.mainnet());
        weights = ModelTransition.genesisModel(params.chain());
        tree = ModelRoot.of(weights);
        long p = weights.layout().parameterCount();
        Random r = new Random(1);
        long[] idx = r.longs(0, p).distinct().limit(10_000).sorted().toArray();
        float[] val = new float[idx.length];
        for (int i = 0; i < val.length; i++) val[i] = (float) (r.nextGaussian() * 1e-3) + 1e-6f;
        payload = Delta.of(p, idx, val).encode();
        data = java.util.Arrays.copyOf(GenesisCorpus.bytes(), 64 * 1024);
        ev = Evaluators.byName(evaluator, Runtime.getRuntime().availableProcessors());
    }

    @Benchmark
    public float validateModelSide() {
        TrainingData.check(data, params, org.flowcoin.pot.BloomFilter.empty(params));
        ValidationSet vh = ValidationSet.derive(params, Hash256.ZERO, List.of(data));
        Delta d = Delta.decode(payload, weights.layout().parameterCount());
        float prev = ev.meanLoss(weights, vh.sequences());
        Delta.Applied a = d.apply(weights);
        float val = ev.meanLoss(weights, vh.sequences());
        tree.update(weights, d);
        tree.root();
        d.revert(weights, a.previous());
        tree.update(weights, d);
        return prev - val;
    }
}
