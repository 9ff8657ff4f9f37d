package org.flowcoin.moe;

import java.util.Locale;

/**
 * The outcome of a canonical evaluation: the mean cross-entropy (nats per predicted byte) and the
 * number of predicted bytes it averages.
 *
 * <pre>{@code
 * LossResult r = evaluator.evaluate(weights, sequences);
 * int headerBits = r.lossBits();   // what a block header's val_loss field holds
 * }</pre>
 *
 * @param loss mean loss in float32
 * @param tokens number of predicted positions averaged
 */
public record LossResult(float loss, long tokens) {
    /** Raw IEEE-754 bit pattern of the loss (as a header stores it). */
    public int lossBits() {
        return Float.floatToRawIntBits(loss);
    }

    /** The bit pattern as 8 lowercase hex digits, most significant first. */
    public String lossBitsHex() {
        return String.format(Locale.ROOT, "%08x", lossBits());
    }
}
