package org.flowcoin.wallet;

import java.util.Objects;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.tx.OutPoint;

/**
 * An output the wallet can spend (or watch).
 *
 * @param outpoint where it is
 * @param value    haruki
 * @param script   its locking script (a v1 policy script hash)
 * @param path     the owner key that controls it
 * @param height   the block that confirmed it, or {@link #UNCONFIRMED}
 * @param coinbase whether it is a coinbase output (matures after the chain's maturity)
 */
public record Coin(OutPoint outpoint, long value, Script script, KeyPath path, int height, boolean coinbase) {
    /** Height of a coin seen only in the mempool. */
    public static final int UNCONFIRMED = -1;

    public Coin {
        Objects.requireNonNull(outpoint, "outpoint");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(path, "path");
        if (value < 0) throw new IllegalArgumentException("negative value");
    }

    public boolean isConfirmed() {
        return height != UNCONFIRMED;
    }

    /** Confirmations at chain height {@code tip} (0 when unconfirmed). */
    public int depth(int tip) {
        return isConfirmed() ? tip - height + 1 : 0;
    }
}
