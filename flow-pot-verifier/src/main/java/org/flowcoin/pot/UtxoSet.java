package org.flowcoin.pot;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.tx.OutPoint;

/**
 * The set of unspent outputs, ordered by (txid, index) so that its serialization is canonical and
 * two sets can be compared byte for byte.
 *
 * <pre>{@code
 * Optional<Coin> c = state.utxos().get(outPoint);
 * }</pre>
 */
public final class UtxoSet implements UtxoView {
    private final TreeMap<OutPoint, Coin> coins = new TreeMap<>((a, b) -> {
        int c = a.txid().compareTo(b.txid());
        return c != 0 ? c : Integer.compareUnsigned(a.index(), b.index());
    });

    @Override
    public Optional<Coin> get(OutPoint p) {
        return Optional.ofNullable(coins.get(p));
    }

    public int size() {
        return coins.size();
    }

    /** An independent copy. */
    public UtxoSet copy() {
        UtxoSet u = new UtxoSet();
        u.coins.putAll(coins);
        return u;
    }

    /** Read-only view, ordered. */
    public Map<OutPoint, Coin> asMap() {
        return Collections.unmodifiableMap(coins);
    }

    /**
     * Applies a block's changes computed against this set (and nothing else since).
     *
     * @throws IllegalStateException if the changes were not computed against this set's current state
     */
    void apply(UtxoChanges c) {
        for (Map.Entry<OutPoint, Coin> e : c.spentFromBase().entrySet()) {
            if (!e.getValue().equals(coins.get(e.getKey()))) throw new IllegalStateException("spent coin " + e.getKey() + " is not in the set");
        }
        for (OutPoint p : c.created().keySet()) if (coins.containsKey(p)) throw new IllegalStateException("created output " + p + " already exists");
        for (OutPoint p : c.spentFromBase().keySet()) coins.remove(p);
        coins.putAll(c.created());
    }

    /** The exact inverse of {@link #apply} (disconnection). */
    void revert(UtxoChanges c) {
        for (OutPoint p : c.created().keySet()) {
            if (coins.remove(p) == null) throw new IllegalStateException("created output " + p + " is not in the set");
        }
        for (Map.Entry<OutPoint, Coin> e : c.spentFromBase().entrySet()) {
            if (coins.putIfAbsent(e.getKey(), e.getValue()) != null) throw new IllegalStateException("spent coin " + e.getKey() + " is already back");
        }
    }

    void write(DataOutputStream o) throws IOException {
        o.writeInt(coins.size());
        for (Map.Entry<OutPoint, Coin> e : coins.entrySet()) {
            o.write(e.getKey().txid().toByteArray());
            o.writeInt(e.getKey().index());
            e.getValue().write(o);
        }
    }

    static UtxoSet read(DataInputStream in) throws IOException {
        UtxoSet u = new UtxoSet();
        int n = in.readInt();
        if (n < 0) throw new IOException("bad UTXO count in state file");
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[32];
            in.readFully(id);
            int idx = in.readInt();
            if (u.coins.put(new OutPoint(Hash256.of(id), idx), Coin.read(in)) != null) throw new IOException("state file repeats an outpoint");
        }
        return u;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UtxoSet u && coins.equals(u.coins);
    }

    @Override
    public int hashCode() {
        return coins.hashCode();
    }

    @Override
    public String toString() {
        return "UtxoSet[" + coins.size() + " coins]";
    }
}
