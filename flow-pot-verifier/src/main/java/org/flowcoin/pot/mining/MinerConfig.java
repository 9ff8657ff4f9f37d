package org.flowcoin.pot.mining;

import java.time.InstantSource;
import java.util.Objects;
import org.flowcoin.moe.train.TrainConfig;

/**
 * Settings of {@link Miner}.
 *
 * <pre>{@code
 * MinerConfig mc = MinerConfig.defaults(InstantSource.system()).withMaxSteps(500).withTrain(TrainConfig.defaults().withThreads(4));
 * }</pre>
 *
 * @param train training hyper-parameters
 * @param evalThreads threads of the canonical (reference) evaluator
 * @param stepsPerCandidate training steps between two candidate deltas (the whitepaper: 1)
 * @param maxDeltaEntries top-k budget of a delta (also bounded by the chain's delta byte limit)
 * @param noncesPerCandidate nonces tried per candidate header before training on (at most 2^32)
 * @param maxSteps training steps after which {@link Miner#mine} gives up (returns empty)
 * @param clock the source of header timestamps (whole seconds) and of the progress rate; the
 *     library reads no clock of its own, so tests and replays pass a fixed one
 */
public record MinerConfig(TrainConfig train, int evalThreads, int stepsPerCandidate, long maxDeltaEntries, long noncesPerCandidate,
                          long maxSteps, InstantSource clock) {
    public MinerConfig {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(clock, "clock");
        if (evalThreads < 1 || stepsPerCandidate < 1 || maxDeltaEntries < 1 || maxSteps < 1) throw new IllegalArgumentException("counts must be positive");
        if (noncesPerCandidate < 1 || noncesPerCandidate > 1L << 32) throw new IllegalArgumentException("nonces per candidate must be in [1, 2^32]");
    }

    /** Defaults: all cores, learning rate 3e-3, one step per candidate, up to 2^20 delta entries, 2^20 nonces. */
    public static MinerConfig defaults(InstantSource clock) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new MinerConfig(TrainConfig.defaults().withLearningRate(3e-3f), cores, 1, 1 << 20, 1 << 20, Long.MAX_VALUE, clock);
    }

    public MinerConfig withTrain(TrainConfig t) {
        return new MinerConfig(t, evalThreads, stepsPerCandidate, maxDeltaEntries, noncesPerCandidate, maxSteps, clock);
    }

    public MinerConfig withEvalThreads(int n) {
        return new MinerConfig(train, n, stepsPerCandidate, maxDeltaEntries, noncesPerCandidate, maxSteps, clock);
    }

    public MinerConfig withStepsPerCandidate(int n) {
        return new MinerConfig(train, evalThreads, n, maxDeltaEntries, noncesPerCandidate, maxSteps, clock);
    }

    public MinerConfig withMaxDeltaEntries(long n) {
        return new MinerConfig(train, evalThreads, stepsPerCandidate, n, noncesPerCandidate, maxSteps, clock);
    }

    public MinerConfig withNoncesPerCandidate(long n) {
        return new MinerConfig(train, evalThreads, stepsPerCandidate, maxDeltaEntries, n, maxSteps, clock);
    }

    public MinerConfig withMaxSteps(long n) {
        return new MinerConfig(train, evalThreads, stepsPerCandidate, maxDeltaEntries, noncesPerCandidate, n, clock);
    }

    public MinerConfig withClock(InstantSource c) {
        return new MinerConfig(train, evalThreads, stepsPerCandidate, maxDeltaEntries, noncesPerCandidate, maxSteps, c);
    }
}
