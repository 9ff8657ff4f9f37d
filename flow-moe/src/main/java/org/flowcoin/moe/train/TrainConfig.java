package org.flowcoin.moe.train;

/**
 * Hyper-parameters of {@link Trainer}: AdamW (decoupled weight decay), global-norm gradient
 * clipping, batch shape and threads. Training is not consensus: these are miner choices.
 *
 * <pre>{@code
 * TrainConfig c = TrainConfig.defaults().withLearningRate(3e-3f).withThreads(4);
 * }</pre>
 *
 * @param learningRate AdamW step size (default 1e-3)
 * @param beta1 first-moment decay (default 0.9)
 * @param beta2 second-moment decay (default 0.999)
 * @param epsilon denominator guard (default 1e-8)
 * @param weightDecay decoupled weight decay per step, times the learning rate, on matrices only
 *     (norm gains are not decayed) (default 0.0: a miner ships only its largest changes, and decay
 *     would touch every parameter every step)
 * @param clipNorm global L2 norm above which the gradient is scaled down; 0 disables (default 1.0)
 * @param batchSequences sequences per step (default 8)
 * @param sequenceLength bytes per training sequence (default 256, as V_h on mainnet)
 * @param threads worker threads; sequence i of a batch goes to thread i mod threads and the
 *     per-thread gradients are added in thread order, so a run is reproducible for a given count
 * @param seed seed of the batch sampler
 */
public record TrainConfig(float learningRate, float beta1, float beta2, float epsilon, float weightDecay, float clipNorm,
                          int batchSequences, int sequenceLength, int threads, long seed) {
    public TrainConfig {
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) throw new IllegalArgumentException("learning rate must be positive");
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("betas must be in [0, 1)");
        if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon must be positive");
        if (!(weightDecay >= 0) || !(clipNorm >= 0)) throw new IllegalArgumentException("weight decay and clip norm must be >= 0");
        if (batchSequences < 1 || sequenceLength < 2 || sequenceLength > 65536) throw new IllegalArgumentException("bad batch shape");
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
    }

    /** The documented defaults with one thread per available processor. */
    public static TrainConfig defaults() {
        return new TrainConfig(1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1.0f, 8, 256, Runtime.getRuntime().availableProcessors(), 1);
    }

    public TrainConfig withLearningRate(float lr) {
        return new TrainConfig(lr, beta1, beta2, epsilon, weightDecay, clipNorm, batchSequences, sequenceLength, threads, seed);
    }

    public TrainConfig withWeightDecay(float wd) {
        return new TrainConfig(learningRate, beta1, beta2, epsilon, wd, clipNorm, batchSequences, sequenceLength, threads, seed);
    }

    public TrainConfig withClipNorm(float clip) {
        return new TrainConfig(learningRate, beta1, beta2, epsilon, weightDecay, clip, batchSequences, sequenceLength, threads, seed);
    }

    public TrainConfig withBatch(int sequences, int length) {
        return new TrainConfig(learningRate, beta1, beta2, epsilon, weightDecay, clipNorm, sequences, length, threads, seed);
    }

    public TrainConfig withThreads(int t) {
        return new TrainConfig(learningRate, beta1, beta2, epsilon, weightDecay, clipNorm, batchSequences, sequenceLength, t, seed);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(learningRate, beta1, beta2, epsilon, weightDecay, clipNorm, batchSequences, sequenceLength, threads, s);
    }
}
