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
public final class UtxoSet {
    private final TreeMap<OutPoint, Coin> coins = new TreeMap<>((a, b) -> {
        int c = a.txid().compareTo(b.txid());
        return c != 0 ? c : Integer.compareUnsigned(a.index(), b.index());
    });

    public Optional<Coin> get(OutPoint p) {
        return Optional.ofNullable(coins.get(p));
    }

    public int size() {
        return coins.size();
    }

    /** Read-only view, ordered. */
    public Map<OutPoint, Coin> asMap() {
        return Collections.unmodifiableMap(coins);
    }

    void put(OutPoint p, Coin c) {
        coins.put(p, c);
    }

    Coin remove(OutPoint p) {
        return coins.remove(p);
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
            Hash256 id = Hash256.of(in.readNBytes(32));
            int idx = in.readInt();
            u.coins.put(new OutPoint(id, idx), Coin.read(in));
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
