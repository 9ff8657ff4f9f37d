package org.flowcoin.pot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.flowcoin.primitives.tx.OutPoint;

/**
 * The UTXO effect of a block, built as an overlay over a base view that is never written: coins the
 * block spends from the base, and outputs it creates that are still unspent at its end. An output
 * created and spent inside the same block appears in neither, so applying ({@link UtxoSet#apply})
 * and reverting ({@link UtxoSet#revert}) are exact inverses whatever the order of spends in the
 * block: the base set is untouched until the whole block is valid, and returns to its exact earlier
 * state on disconnection. (The bug this replaces: undo that re-added every spent coin after
 * removing every created one resurrected an output created by transaction A and spent by B of the
 * same block.)
 *
 * <pre>{@code
 * UtxoChanges c = new UtxoChanges(utxos);
 * Coin spent = c.spend(outPoint);          // null when missing or already spent
 * c.create(new OutPoint(txid, 0), coin);
 * utxos.apply(c);                           // only once the block is valid
 * }</pre>
 */
public final class UtxoChanges implements UtxoView {
    private final UtxoView base;
    private final Map<OutPoint, Coin> spentFromBase = new LinkedHashMap<>();
    private final Map<OutPoint, Coin> created = new LinkedHashMap<>();

    public UtxoChanges(UtxoView base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /** Changes read back from undo data: no base, so only {@link UtxoSet#revert} may use them. */
    static UtxoChanges of(Map<OutPoint, Coin> spentFromBase, Map<OutPoint, Coin> created) {
        UtxoChanges c = new UtxoChanges(p -> Optional.empty());
        c.spentFromBase.putAll(spentFromBase);
        c.created.putAll(created);
        return c;
    }

    @Override
    public Optional<Coin> get(OutPoint p) {
        Coin c = created.get(p);
        if (c != null) return Optional.of(c);
        if (spentFromBase.containsKey(p)) return Optional.empty();
        return base.get(p);
    }

    /** Spends {@code p}; returns the coin, or null when it is missing or already spent. */
    public Coin spend(OutPoint p) {
        Coin c = created.remove(p);
        if (c != null) return c;
        if (spentFromBase.containsKey(p)) return null;
        Optional<Coin> b = base.get(p);
        if (b.isEmpty()) return null;
        spentFromBase.put(p, b.get());
        return b.get();
    }

    /**
     * Adds an output.
     *
     * @return false (and changes nothing) when an unspent output already exists at {@code p}
     */
    public boolean create(OutPoint p, Coin c) {
        if (get(p).isPresent()) return false;
        created.put(p, c);
        return true;
    }

    /** Coins spent from the base, in spend order. */
    public Map<OutPoint, Coin> spentFromBase() {
        return Collections.unmodifiableMap(spentFromBase);
    }

    /** Outputs created and still unspent, in creation order. */
    public Map<OutPoint, Coin> created() {
        return Collections.unmodifiableMap(created);
    }
}
