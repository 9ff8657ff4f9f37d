package org.flowcoin.crypto.internal.ed25519;

import java.math.BigInteger;

/**
 * Scalars modulo the group order L = 2^252 + 27742317777372353535851937790883648493, as 32-byte
 * little-endian strings, and their signed sliding-window (wNAF-like) digit expansions.
 *
 * <p>Only used on public values (verification), so BigInteger's variable time is acceptable.
 */
public final class Scalar {
    public static final BigInteger L =
            BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

    private static final byte[] L_BYTES = toBytes(L);

    private Scalar() {}

    /** True iff the 32 little-endian bytes at {@code off} encode a value below L. */
    public static boolean isCanonical(byte[] s, int off) {
        for (int i = 31; i >= 0; i--) {
            int a = s[off + i] & 0xFF, b = L_BYTES[i] & 0xFF;
            if (a != b) return a < b;
        }
        return false; // equal to L
    }

    /** Little-endian bytes to a non-negative integer. */
    public static BigInteger fromBytes(byte[] s, int off, int len) {
        byte[] be = new byte[len];
        for (int i = 0; i < len; i++) be[i] = s[off + len - 1 - i];
        return new BigInteger(1, be);
    }

    /** A non-negative integer below 2^256 as 32 little-endian bytes. */
    public static byte[] toBytes(BigInteger v) {
        byte[] be = v.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < be.length && i < 32; i++) le[i] = be[be.length - 1 - i];
        return le;
    }

    /** A 64-byte little-endian digest reduced mod L. */
    public static BigInteger reduce512(byte[] h) {
        return fromBytes(h, 0, 64).mod(L);
    }

    /**
     * Width-w non-adjacent form: digits d[0..255], each zero or odd with |d| < 2^(w-1), at most one
     * non-zero digit in any w consecutive positions, and sum d[i] 2^i equal to the scalar. The
     * scalar (32 little-endian bytes) must be below 2^254 so the final carry fits; values mod L and
     * 128-bit coefficients always are.
     */
    public static byte[] slide(byte[] a, int w) {
        long[] x = new long[5];
        for (int i = 0; i < 32; i++) x[i >> 3] |= (a[i] & 0xFFL) << (8 * (i & 7));
        byte[] naf = new byte[256];
        int width = 1 << w, mask = width - 1, half = width >> 1;
        int carry = 0;
        int pos = 0;
        while (pos < 256) {
            int idx = pos >> 6, bit = pos & 63;
            long buf = bit < 64 - w ? x[idx] >>> bit : (x[idx] >>> bit) | (x[idx + 1] << (64 - bit));
            int window = carry + (int) (buf & mask);
            if ((window & 1) == 0) {
                pos++;
                continue;
            }
            if (window < half) {
                carry = 0;
                naf[pos] = (byte) window;
            } else {
                carry = 1;
                naf[pos] = (byte) (window - width);
            }
            pos += w;
        }
        return naf;
    }

    /**
     * Signed radix-2^c digits of a scalar below 2^253: out[i] in [-2^(c-1), 2^(c-1)] with
     * sum out[i] 2^(c i) equal to the scalar; {@code out.length} windows must cover 254 bits.
     */
    public static void signedRadix(byte[] a, int c, int[] out) {
        long[] x = new long[5];
        for (int i = 0; i < 32; i++) x[i >> 3] |= (a[i] & 0xFFL) << (8 * (i & 7));
        int mask = (1 << c) - 1, half = 1 << (c - 1);
        int carry = 0;
        for (int w = 0; w < out.length; w++) {
            int pos = w * c;
            int digit = carry;
            if (pos < 256) {
                int idx = pos >> 6, bit = pos & 63;
                long buf = x[idx] >>> bit;
                if (bit + c > 64) buf |= x[idx + 1] << (64 - bit);
                digit += (int) (buf & mask);
            }
            carry = digit > half ? 1 : 0;
            if (carry != 0) digit -= 1 << c;
            out[w] = digit;
        }
        if (carry != 0) throw new IllegalArgumentException("scalar too large for the windows");
    }
}
