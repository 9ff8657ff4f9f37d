package org.flowcoin.primitives.consensus;

import java.math.BigInteger;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.pow.CompactTarget;
import org.flowcoin.primitives.pow.Difficulty;

/**
 * Proof-of-work arithmetic in one place: the effective target a header must meet (HDR-14) and the
 * work it adds to its chain for fork choice (docs/spec/validation.md §6).
 *
 * <p>A block's work is the expected number of hashes for its <em>effective</em> target,
 * 2^256 / (min(powLimit, target &lt;&lt; boost) + 1), not for its nominal nbits target. A claimed boost
 * makes a header cheaper to find, so it must add correspondingly less work: otherwise a branch of
 * headers with fake boosts (rejected only once both losses are recomputed) would gain fork-choice
 * weight 2^boost times faster than honest hashing, and could force a node into expensive
 * evaluations at a fraction of the cost of a real block.
 *
 * <pre>{@code
 * BigInteger w = ChainWork.blockWork(chain, header);
 * }</pre>
 */
public final class ChainWork {
    private ChainWork() {}

    /**
     * min(powLimit, target &lt;&lt; boost(prev_val_loss, val_loss)).
     *
     * @throws IllegalArgumentException if nbits does not encode a valid target
     */
    public static BigInteger effectiveTarget(ChainParams c, BlockHeader h) {
        CompactTarget.Decoded d = CompactTarget.decode(h.nbits());
        if (!d.isValidTarget()) throw new IllegalArgumentException("nbits does not encode a valid target");
        return Difficulty.effectiveTarget(d.value(), c.boost(h.prevValLossBits(), h.valLossBits()), c.powLimit());
    }

    /** The work a header adds: expected hashes for its effective target. */
    public static BigInteger blockWork(ChainParams c, BlockHeader h) {
        return Difficulty.work(effectiveTarget(c, h));
    }
}
