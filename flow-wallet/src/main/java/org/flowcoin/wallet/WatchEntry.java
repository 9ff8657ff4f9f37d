package org.flowcoin.wallet;

import java.util.HexFormat;
import java.util.Objects;
import org.flowcoin.crypto.Ed25519PublicKey;

/**
 * One exported owner public key and where it sits in the HD tree: enough, with the wallet's
 * policy, to rebuild the address and its script in a watch-only wallet.
 *
 * <p>Text form (one line, as {@code flow wallet export} writes it):
 * {@code account/change/index <64 hex digits>}.
 *
 * <pre>{@code
 * WatchEntry e = WatchEntry.parse("0/0/3 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
 * }</pre>
 */
public record WatchEntry(KeyPath path, Ed25519PublicKey ownerKey) {
    public WatchEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(ownerKey, "ownerKey");
    }

    /** Parses the text form; throws IllegalArgumentException with the reason. */
    public static WatchEntry parse(String line) {
        String[] parts = line.strip().split(" ");
        if (parts.length != 2) throw new IllegalArgumentException("expected 'account/change/index pubkey'");
        String[] idx = parts[0].split("/", -1);
        if (idx.length != 3) throw new IllegalArgumentException("expected account/change/index");
        int[] v = new int[3];
        for (int i = 0; i < 3; i++) {
            if (!idx[i].matches("0|[1-9][0-9]{0,9}")) throw new IllegalArgumentException("bad index " + idx[i]);
            long x = Long.parseLong(idx[i]);
            if (x > Integer.MAX_VALUE) throw new IllegalArgumentException("index out of range");
            v[i] = (int) x;
        }
        if (!parts[1].matches("[0-9a-f]{64}")) throw new IllegalArgumentException("public key must be 64 lower-case hex digits");
        return new WatchEntry(new KeyPath(v[0], v[1], v[2]), Ed25519PublicKey.of(HexFormat.of().parseHex(parts[1])));
    }

    /** The text form. */
    public String toLine() {
        return path + " " + HexFormat.of().formatHex(ownerKey.toByteArray());
    }
}
