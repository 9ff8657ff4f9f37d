package org.flowcoin.moe.ggml;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelWeights;

/**
 * Next-byte generation: repeatedly runs the model on the last {@code context} bytes and samples the
 * next byte from the last position's logits.
 *
 * <p>Sampling: temperature 0 takes the arg-max (ties to the lower byte); otherwise
 * {@code p_i ∝ exp((z_i - max) / T)} in double with {@code StrictMath.exp}, and the byte is the first
 * whose cumulative weight exceeds {@code u * total}, {@code u} the next double of a
 * {@link SplittableRandom} seeded with {@code seed}. For a given evaluator the output is a pure
 * function of (weights, prompt, bytes, temperature, seed, context). With a {@link GgmlEvaluator} the
 * steps use a {@link GgmlSession} (key/value cache: one position per step) while prompt and output
 * fit the window; otherwise, and once the window slides, each step evaluates the whole window.
 *
 * <pre>{@code
 * TextGenerator gen = new TextGenerator(new GgmlEvaluator(4), 256);
 * byte[] out = gen.generate(weights, "The ".getBytes(UTF_8), 200, 0.8f, 42L);
 * }</pre>
 */
public final class TextGenerator {
    /** Default context window in bytes. */
    public static final int DEFAULT_CONTEXT = 256;

    private final LossEvaluator evaluator;
    private final int context;

    /**
     * @param evaluator supplies the logits (ggml, or a canonical Java evaluator)
     * @param context window of most recent bytes the model sees, 1 to {@link LossEvaluator#MAX_SEQUENCE_LENGTH}
     */
    public TextGenerator(LossEvaluator evaluator, int context) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        if (context < 1 || context > LossEvaluator.MAX_SEQUENCE_LENGTH) throw new IllegalArgumentException("context out of range");
        this.context = context;
    }

    /**
     * Generates {@code count} bytes following {@code prompt}.
     *
     * @throws IllegalArgumentException for an empty prompt, a negative count, or a temperature that is
     *     negative or not finite
     */
    public byte[] generate(ModelWeights weights, byte[] prompt, int count, float temperature, long seed) {
        Objects.requireNonNull(weights, "weights");
        if (prompt.length == 0) throw new IllegalArgumentException("prompt must not be empty");
        if (count < 0) throw new IllegalArgumentException("count must be >= 0");
        if (!(temperature >= 0) || Float.isInfinite(temperature)) throw new IllegalArgumentException("temperature must be finite and >= 0");
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] text = Arrays.copyOf(prompt, prompt.length + count);
        int len = prompt.length;
        GgmlSession session = evaluator instanceof GgmlEvaluator ge && prompt.length <= context && count > 0
                ? ge.session(weights, context) : null;
        try {
            // With a ggml session, the logits of the newest byte come from its key/value cache while
            // the whole text fits the window; once the window slides, positions shift and every step
            // re-evaluates the window.
            float[] cached = session != null ? session.append(prompt) : null;
            for (int i = 0; i < count; i++) {
                int from = Math.max(0, len - context);
                float[] z = cached != null ? cached : evaluator.logits(weights, Arrays.copyOfRange(text, from, len));
                int row = cached != null ? (cached.length / ModelConfig.VOCAB - 1) * ModelConfig.VOCAB : (len - from - 1) * ModelConfig.VOCAB;
                byte next = (byte) sample(z, row, temperature, rnd);
                text[len++] = next;
                cached = session != null && len <= context && i + 1 < count ? session.append(new byte[] {next}) : null;
            }
        } finally {
            if (session != null) session.close();
        }
        return Arrays.copyOfRange(text, prompt.length, len);
    }

    /** Samples one byte from the logits row at {@code off} (see the class comment). */
    static int sample(float[] z, int off, float temperature, SplittableRandom rnd) {
        int best = 0;
        for (int i = 1; i < ModelConfig.VOCAB; i++) if (z[off + i] > z[off + best]) best = i;
        if (temperature == 0f) return best;
        double m = z[off + best];
        double[] cum = new double[ModelConfig.VOCAB];
        double total = 0;
        for (int i = 0; i < ModelConfig.VOCAB; i++) {
            total += StrictMath.exp((z[off + i] - m) / temperature);
            cum[i] = total;
        }
        double u = rnd.nextDouble() * total;
        for (int i = 0; i < ModelConfig.VOCAB; i++) if (cum[i] > u) return i;
        return best; // unreachable for finite logits: cum[VOCAB-1] == total > u
    }
}
