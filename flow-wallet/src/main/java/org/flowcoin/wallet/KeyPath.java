package org.flowcoin.wallet;

import org.flowcoin.crypto.DerivationPath;

/**
 * A wallet key position {@code m/44'/9555'/account'/change'/index'} (all hardened; SLIP-0010
 * ed25519 has no other kind). {@code change} is 0 for receiving addresses and 1 for change.
 *
 * <pre>{@code
 * KeyPath p = new KeyPath(0, KeyPath.EXTERNAL, 5);
 * p.derivationPath().toString();   // "m/44'/9555'/0'/0'/5'"
 * }</pre>
 */
public record KeyPath(int account, int change, int index) implements Comparable<KeyPath> {
    /** The receiving chain. */
    public static final int EXTERNAL = 0;
    /** The change chain. */
    public static final int INTERNAL = 1;

    public KeyPath {
        if (account < 0 || index < 0) throw new IllegalArgumentException("account and index must be 0..2^31-1");
        if (change != EXTERNAL && change != INTERNAL) throw new IllegalArgumentException("change must be 0 or 1");
    }

    public DerivationPath derivationPath() {
        return DerivationPath.flow(account, change, index);
    }

    @Override
    public int compareTo(KeyPath o) {
        int c = Integer.compare(account, o.account);
        if (c == 0) c = Integer.compare(change, o.change);
        return c != 0 ? c : Integer.compare(index, o.index);
    }

    @Override
    public String toString() {
        return account + "/" + change + "/" + index;
    }
}
