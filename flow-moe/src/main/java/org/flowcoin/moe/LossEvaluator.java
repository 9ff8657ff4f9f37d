package org.flowcoin.moe;

import java.util.List;

/**
 * Computes the loss of a model on a set of byte sequences.
 *
 * <p>The canonical evaluators ({@link Evaluators#reference(int)}, {@link Evaluators#vector(int)})
 * return the bit-exact loss of {@code docs/spec/model.md} and {@code docs/spec/numerics.md},
 * whatever the CPU, JVM or thread count. Other implementations (ggml) may differ and must say so
 * through {@link #canonical()}.
 *
 * <p>Each sequence of n bytes contributes n - 1 predictions (position t predicts byte t + 1 from
 * bytes 0..t); the loss is their mean over all sequences.
 *
 * <pre>{@code
 * LossEvaluator ev = Evaluators.best(Runtime.getRuntime().availableProcessors());
 * LossResult r = ev.evaluate(weights, List.of(seq1, seq2));
 * }</pre>
 */
public interface LossEvaluator {
    /** Longest accepted sequence. */
    int MAX_SEQUENCE_LENGTH = 1 << 16;

    /**
     * The mean next-byte cross-entropy over all predicted positions.
     *
     * @throws IllegalArgumentException if there is no predicted position at all or a sequence is
     *     longer than {@link #MAX_SEQUENCE_LENGTH}
     */
    LossResult evaluate(ModelWeights weights, List<byte[]> sequences);

    /** Shortcut for {@code evaluate(weights, sequences).loss()}. */
    default float meanLoss(ModelWeights weights, List<byte[]> sequences) {
        return evaluate(weights, sequences).loss();
    }

    /**
     * The logits of every position of one sequence: {@code n * 256} floats, row {@code t} being the
     * prediction for byte {@code t + 1}.
     */
    float[] logits(ModelWeights weights, byte[] sequence);

    /** A short name ("reference", "vector", "ggml", ...). */
    String name();

    /** True when this evaluator gives the canonical bits (consensus may rely on it). */
    boolean canonical();
}
