package org.flowcoin.moe.ggml;

import java.util.List;
import java.util.Objects;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.LossResult;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelWeights;

/**
 * The model evaluated by ggml on the CPU with N threads (not canonical: see
 * {@code docs/spec/numerics.md}, "ggml backend policy").
 *
 * <p>The logits come from ggml (see {@link GgmlForward}); the per-position cross-entropy is then
 * computed in Java in double precision with {@code StrictMath} ({@code lse - z[target]} with max
 * subtraction), and the mean is the double sum in position order divided once and rounded to float,
 * so that the loss adds no thread-dependent reduction of its own. Sequences are evaluated one after
 * another; the threads work inside each ggml operation.
 *
 * <pre>{@code
 * LossEvaluator ev = new GgmlEvaluator(Runtime.getRuntime().availableProcessors());
 * float loss = ev.meanLoss(weights, sequences);
 * }</pre>
 */
public final class GgmlEvaluator implements LossEvaluator {
    private final Ggml ggml;
    private final int threads;

    /**
     * @throws GgmlUnavailableException if ggml cannot be used here
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public GgmlEvaluator(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
        this.ggml = Ggml.load();
        this.threads = threads;
    }

    /** Threads ggml uses per operation. */
    public int threads() {
        return threads;
    }

    @Override
    public LossResult evaluate(ModelWeights weights, List<byte[]> sequences) {
        Objects.requireNonNull(weights, "weights");
        long total = 0;
        for (byte[] sq : sequences) {
            Objects.requireNonNull(sq, "sequence");
            if (sq.length > MAX_SEQUENCE_LENGTH) throw new IllegalArgumentException("sequence longer than " + MAX_SEQUENCE_LENGTH);
            total += Math.max(0, sq.length - 1);
        }
        if (total == 0) throw new IllegalArgumentException("no predicted position: every sequence is shorter than 2 bytes");
        GgmlForward fw = new GgmlForward(ggml, weights, threads);
        double sum = 0;
        for (byte[] sq : sequences) {
            if (sq.length < 2) continue;
            float[] z = fw.logits(sq);
            for (int t = 0; t + 1 < sq.length; t++) sum += (float) crossEntropy(z, t * ModelConfig.VOCAB, sq[t + 1] & 0xff);
        }
        return new LossResult((float) (sum / total), total);
    }

    /** Cross-entropy of one row of logits in double: log(sum exp(z - max)) + max - z[target]. */
    static double crossEntropy(float[] z, int off, int target) {
        double m = z[off];
        for (int i = 1; i < ModelConfig.VOCAB; i++) m = Math.max(m, z[off + i]);
        double s = 0;
        for (int i = 0; i < ModelConfig.VOCAB; i++) s += StrictMath.exp(z[off + i] - m);
        return StrictMath.log(s) + m - z[off + target];
    }

    @Override
    public float[] logits(ModelWeights weights, byte[] sequence) {
        Objects.requireNonNull(weights, "weights");
        if (sequence.length == 0) return new float[0];
        if (sequence.length > MAX_SEQUENCE_LENGTH) throw new IllegalArgumentException("sequence longer than " + MAX_SEQUENCE_LENGTH);
        return new GgmlForward(ggml, weights, threads).logits(sequence);
    }

    @Override
    public String name() {
        return "ggml";
    }

    @Override
    public boolean canonical() {
        return false;
    }

    @Override
    public String toString() {
        return "GgmlEvaluator[" + ggml.version() + ", threads=" + threads + "]";
    }
}
