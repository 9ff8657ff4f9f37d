package org.flowcoin.pot;

import java.util.Optional;
import org.flowcoin.primitives.tx.OutPoint;

/** Read access to a set of unspent outputs: what transaction validation needs and nothing more. */
@FunctionalInterface
public interface UtxoView {
    /** The unspent output at {@code p}, if any. */
    Optional<Coin> get(OutPoint p);
}
