package org.flowcoin.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * A SLIP-0010 ed25519 derivation path: hardened indices only.
 *
 * <p>Syntax (strict): {@code m} followed by zero or more {@code /N'} where N is a decimal number
 * 0..2147483647 without leading zeros or sign, and the hardened marker is exactly {@code '}.
 * No spaces, no trailing slash, at most 255 levels. A component without {@code '} is rejected
 * because ed25519 has no non-hardened derivation.
 *
 * <pre>{@code
 * DerivationPath p = DerivationPath.parse("m/44'/9555'/0'/0'/0'");
 * DerivationPath q = DerivationPath.flow(0, 0, 7);   // m/44'/9555'/0'/0'/7'
 * }</pre>
 */
public final class DerivationPath {
    /** The hardened-index bit. */
    public static final int HARDENED = 0x80000000;
    /** BIP-44 purpose. */
    public static final int PURPOSE = 44;
    /** FlowCoin's BIP-44 coin type. */
    public static final int COIN_TYPE = 9555;
    /** BIP-32's depth limit (a one-byte depth). */
    public static final int MAX_DEPTH = 255;

    private static final DerivationPath MASTER = new DerivationPath(new int[0]);

    private final int[] indices; // raw child indices, hardened bit set

    private DerivationPath(int[] indices) {
        this.indices = indices;
    }

    /** The empty path {@code m}. */
    public static DerivationPath master() {
        return MASTER;
    }

    /** {@code m/44'/9555'/account'/change'/index'}. */
    public static DerivationPath flow(int account, int change, int index) {
        return ofHardened(PURPOSE, COIN_TYPE, account, change, index);
    }

    /**
     * A path of hardened indices given without the hardened bit (each 0..2^31-1).
     *
     * @throws DerivationPathException for a negative index or too many levels
     */
    public static DerivationPath ofHardened(int... indices) {
        if (indices.length > MAX_DEPTH) throw new DerivationPathException("more than " + MAX_DEPTH + " levels");
        int[] raw = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0) throw new DerivationPathException("index out of range at level " + (i + 1));
            raw[i] = indices[i] | HARDENED;
        }
        return new DerivationPath(raw);
    }

    /**
     * Parses the strict syntax above.
     *
     * @throws DerivationPathException for anything else
     */
    public static DerivationPath parse(String s) {
        Objects.requireNonNull(s, "s");
        if (s.length() > 4096) throw new DerivationPathException("path too long");
        if (s.isEmpty() || s.charAt(0) != 'm') throw new DerivationPathException("path must start with 'm'");
        int[] out = new int[8];
        int n = 0;
        int pos = 1;
        while (pos < s.length()) {
            if (s.charAt(pos) != '/') throw new DerivationPathException("expected '/' at position " + pos);
            pos++;
            int start = pos;
            long value = 0;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                value = value * 10 + (s.charAt(pos) - '0');
                if (value > Integer.MAX_VALUE) throw new DerivationPathException("index too large at position " + start);
                pos++;
            }
            if (pos == start) throw new DerivationPathException("expected a decimal index at position " + start);
            if (pos - start > 1 && s.charAt(start) == '0') throw new DerivationPathException("leading zero at position " + start);
            if (pos >= s.length() || s.charAt(pos) != '\'') {
                throw new DerivationPathException("non-hardened index at level " + (n + 1) + " (ed25519 supports hardened derivation only)");
            }
            pos++;
            if (n == MAX_DEPTH) throw new DerivationPathException("more than " + MAX_DEPTH + " levels");
            if (n == out.length) out = Arrays.copyOf(out, n * 2);
            out[n++] = (int) value | HARDENED;
        }
        return new DerivationPath(Arrays.copyOf(out, n));
    }

    /** Number of levels. */
    public int depth() {
        return indices.length;
    }

    /** Raw child index (hardened bit set) at {@code level} (0-based). */
    public int index(int level) {
        return indices[level];
    }

    /** A copy of the raw child indices. */
    public int[] indices() {
        return indices.clone();
    }

    /** This path extended by one hardened index (0..2^31-1). */
    public DerivationPath child(int hardenedIndex) {
        if (hardenedIndex < 0) throw new DerivationPathException("index out of range");
        if (indices.length == MAX_DEPTH) throw new DerivationPathException("more than " + MAX_DEPTH + " levels");
        int[] c = Arrays.copyOf(indices, indices.length + 1);
        c[indices.length] = hardenedIndex | HARDENED;
        return new DerivationPath(c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DerivationPath p && Arrays.equals(indices, p.indices);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(indices);
    }

    /** The canonical string, e.g. {@code m/44'/9555'/0'/0'/0'}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("m");
        for (int i : indices) sb.append('/').append(i & ~HARDENED).append('\'');
        return sb.toString();
    }
}
