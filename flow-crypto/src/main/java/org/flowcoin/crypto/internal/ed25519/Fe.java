package org.flowcoin.crypto.internal.ed25519;

import java.math.BigInteger;

/**
 * Arithmetic in GF(2^255 - 19) on five 51-bit limbs held in a {@code long[5]}.
 *
 * <p>Invariant: every operation except {@link #addLazy} leaves limbs below 2^51 + 2^18 ("reduced").
 * {@link #mul} and {@link #sq} accept limbs below 2^52 + 2^19, so the sum of two reduced elements
 * may feed them (or {@link #sub}) without a carry pass; a lazy sum must never be added again.
 * Outputs may alias inputs. Variable time is not a concern for any caller: this
 * field code is only used for signature verification, which handles public data.
 */
public final class Fe {
    static final long M = (1L << 51) - 1;

    static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

    private Fe() {}

    public static long[] create() {
        return new long[5];
    }

    public static long[] one() {
        return new long[] {1, 0, 0, 0, 0};
    }

    static long[] fromBigInteger(BigInteger v) {
        BigInteger x = v.mod(P);
        long[] r = new long[5];
        for (int i = 0; i < 5; i++) {
            r[i] = x.shiftRight(51 * i).longValue() & M;
        }
        return r;
    }

    public static void copy(long[] r, long[] a) {
        System.arraycopy(a, 0, r, 0, 5);
    }

    /** Loads 32 little-endian bytes, ignoring bit 255 (the caller handles the sign bit). */
    public static void fromBytes(long[] r, byte[] b, int off) {
        long l0 = le64(b, off), l1 = le64(b, off + 8), l2 = le64(b, off + 16), l3 = le64(b, off + 24);
        r[0] = l0 & M;
        r[1] = ((l0 >>> 51) | (l1 << 13)) & M;
        r[2] = ((l1 >>> 38) | (l2 << 26)) & M;
        r[3] = ((l2 >>> 25) | (l3 << 39)) & M;
        r[4] = (l3 >>> 12) & M;
    }

    /** True iff the 255-bit little-endian value at {@code off} (bit 255 ignored) is below p. */
    public static boolean isCanonical(byte[] b, int off) {
        long[] t = new long[5];
        fromBytes(t, b, off);
        return !(t[4] == M && t[3] == M && t[2] == M && t[1] == M && t[0] >= M - 18);
    }

    /** Fully reduces and writes 32 little-endian bytes. */
    public static void toBytes(byte[] out, int off, long[] a) {
        long[] h = new long[5];
        copy(h, a);
        carry(h);
        carry(h);
        // h < 2^255 + small; subtract p once if h >= p.
        long q = (h[0] + 19) >>> 51;
        q = (h[1] + q) >>> 51;
        q = (h[2] + q) >>> 51;
        q = (h[3] + q) >>> 51;
        q = (h[4] + q) >>> 51;
        h[0] += 19 * q;
        long c;
        c = h[0] >>> 51; h[0] &= M; h[1] += c;
        c = h[1] >>> 51; h[1] &= M; h[2] += c;
        c = h[2] >>> 51; h[2] &= M; h[3] += c;
        c = h[3] >>> 51; h[3] &= M; h[4] += c;
        h[4] &= M;
        long l0 = h[0] | (h[1] << 51);
        long l1 = (h[1] >>> 13) | (h[2] << 38);
        long l2 = (h[2] >>> 26) | (h[3] << 25);
        long l3 = (h[3] >>> 39) | (h[4] << 12);
        put64(out, off, l0);
        put64(out, off + 8, l1);
        put64(out, off + 16, l2);
        put64(out, off + 24, l3);
    }

    public static byte[] toBytes(long[] a) {
        byte[] out = new byte[32];
        toBytes(out, 0, a);
        return out;
    }

    public static boolean isZero(long[] a) {
        byte[] b = toBytes(a);
        int acc = 0;
        for (byte x : b) acc |= x;
        return acc == 0;
    }

    /** The "sign" of a field element: the low bit of its canonical encoding. */
    public static int isNegative(long[] a) {
        return toBytes(a)[0] & 1;
    }

    public static boolean equal(long[] a, long[] b) {
        long[] t = new long[5];
        sub(t, a, b);
        return isZero(t);
    }

    private static void carry(long[] h) {
        long c;
        c = h[0] >>> 51; h[0] &= M; h[1] += c;
        c = h[1] >>> 51; h[1] &= M; h[2] += c;
        c = h[2] >>> 51; h[2] &= M; h[3] += c;
        c = h[3] >>> 51; h[3] &= M; h[4] += c;
        c = h[4] >>> 51; h[4] &= M; h[0] += 19 * c;
    }

    public static void add(long[] r, long[] a, long[] b) {
        long h0 = a[0] + b[0], h1 = a[1] + b[1], h2 = a[2] + b[2], h3 = a[3] + b[3], h4 = a[4] + b[4];
        long c;
        c = h0 >>> 51; h0 &= M; h1 += c;
        c = h1 >>> 51; h1 &= M; h2 += c;
        c = h2 >>> 51; h2 &= M; h3 += c;
        c = h3 >>> 51; h3 &= M; h4 += c;
        c = h4 >>> 51; h4 &= M; h0 += 19 * c;
        r[0] = h0; r[1] = h1; r[2] = h2; r[3] = h3; r[4] = h4;
    }

    /** r = a + b without a carry pass: for reduced a, b only, and only to feed mul, sq or sub. */
    public static void addLazy(long[] r, long[] a, long[] b) {
        r[0] = a[0] + b[0];
        r[1] = a[1] + b[1];
        r[2] = a[2] + b[2];
        r[3] = a[3] + b[3];
        r[4] = a[4] + b[4];
    }

    // 4p in limbs; larger than any lazy limb, so a + 4p - b stays positive.
    private static final long FOUR_P0 = 4 * (M - 18);
    private static final long FOUR_P = 4 * M;

    /** r = a - b, reduced; a and b may be lazy sums. */
    public static void sub(long[] r, long[] a, long[] b) {
        long h0 = a[0] + FOUR_P0 - b[0], h1 = a[1] + FOUR_P - b[1], h2 = a[2] + FOUR_P - b[2];
        long h3 = a[3] + FOUR_P - b[3], h4 = a[4] + FOUR_P - b[4];
        long c;
        c = h0 >>> 51; h0 &= M; h1 += c;
        c = h1 >>> 51; h1 &= M; h2 += c;
        c = h2 >>> 51; h2 &= M; h3 += c;
        c = h3 >>> 51; h3 &= M; h4 += c;
        c = h4 >>> 51; h4 &= M; h0 += 19 * c;
        r[0] = h0; r[1] = h1; r[2] = h2; r[3] = h3; r[4] = h4;
    }

    public static void neg(long[] r, long[] a) {
        sub(r, new long[5], a);
    }

    /**
     * r = a * b. Operands are pre-shifted (a by 7 bits, b by 6) so that each 64x64-bit product
     * splits exactly at bit 51 of the true product: the high word (Math.multiplyHigh) is
     * (a*b) >> 51 and the low word is ((a*b) mod 2^51) << 13. With limbs below 2^52 (any sum of two
     * reduced elements), a << 7 < 2^59 and 19 * b << 6 < 2^62.3 stay positive; each high word is
     * below 2^57.3, a column of five below 2^59.6, and 19 * h4 + l0 below 2^64 (the carries below
     * are unsigned).
     */
    public static void mul(long[] r, long[] a, long[] b) {
        mul(r, a, b, 0);
    }

    /** r = a * b where b is the five limbs at {@code b[bo..bo+5)} (packed point tables). */
    public static void mul(long[] r, long[] a, long[] b, int bo) {
        long a0 = a[0] << 7, a1 = a[1] << 7, a2 = a[2] << 7, a3 = a[3] << 7, a4 = a[4] << 7;
        long b0 = b[bo] << 6, b1 = b[bo + 1] << 6, b2 = b[bo + 2] << 6, b3 = b[bo + 3] << 6, b4 = b[bo + 4] << 6;
        long b1_19 = 19 * b1, b2_19 = 19 * b2, b3_19 = 19 * b3, b4_19 = 19 * b4;
        long l0 = (a0 * b0 >>> 13) + (a1 * b4_19 >>> 13) + (a2 * b3_19 >>> 13) + (a3 * b2_19 >>> 13)
                + (a4 * b1_19 >>> 13);
        long h0 = Math.multiplyHigh(a0, b0) + Math.multiplyHigh(a1, b4_19) + Math.multiplyHigh(a2, b3_19)
                + Math.multiplyHigh(a3, b2_19) + Math.multiplyHigh(a4, b1_19);
        long l1 = (a0 * b1 >>> 13) + (a1 * b0 >>> 13) + (a2 * b4_19 >>> 13) + (a3 * b3_19 >>> 13)
                + (a4 * b2_19 >>> 13);
        long h1 = Math.multiplyHigh(a0, b1) + Math.multiplyHigh(a1, b0) + Math.multiplyHigh(a2, b4_19)
                + Math.multiplyHigh(a3, b3_19) + Math.multiplyHigh(a4, b2_19);
        long l2 = (a0 * b2 >>> 13) + (a1 * b1 >>> 13) + (a2 * b0 >>> 13) + (a3 * b4_19 >>> 13)
                + (a4 * b3_19 >>> 13);
        long h2 = Math.multiplyHigh(a0, b2) + Math.multiplyHigh(a1, b1) + Math.multiplyHigh(a2, b0)
                + Math.multiplyHigh(a3, b4_19) + Math.multiplyHigh(a4, b3_19);
        long l3 = (a0 * b3 >>> 13) + (a1 * b2 >>> 13) + (a2 * b1 >>> 13) + (a3 * b0 >>> 13)
                + (a4 * b4_19 >>> 13);
        long h3 = Math.multiplyHigh(a0, b3) + Math.multiplyHigh(a1, b2) + Math.multiplyHigh(a2, b1)
                + Math.multiplyHigh(a3, b0) + Math.multiplyHigh(a4, b4_19);
        long l4 = (a0 * b4 >>> 13) + (a1 * b3 >>> 13) + (a2 * b2 >>> 13) + (a3 * b1 >>> 13)
                + (a4 * b0 >>> 13);
        long h4 = Math.multiplyHigh(a0, b4) + Math.multiplyHigh(a1, b3) + Math.multiplyHigh(a2, b2)
                + Math.multiplyHigh(a3, b1) + Math.multiplyHigh(a4, b0);
        reduce(r, l0 + 19 * h4, l1 + h0, l2 + h1, l3 + h2, l4 + h3);
    }

    /** r = a^2 (15 products instead of 25), with the same pre-shifted split as {@link #mul}. */
    public static void sq(long[] r, long[] a) {
        long x0 = a[0], x1 = a[1], x2 = a[2], x3 = a[3], x4 = a[4];
        long a0 = x0 << 7, a1 = x1 << 7, a2 = x2 << 7, a3 = x3 << 7, a4 = x4 << 7;
        long d0 = x0 << 8, d1 = x1 << 8, d2 = x2 << 8, d3 = x3 << 8; // 2a << 7
        long r0 = x0 << 6, r1 = x1 << 6, r2 = x2 << 6, r3 = x3 << 6, r4 = x4 << 6;
        long r3_19 = 19 * r3, r4_19 = 19 * r4;
        long l0 = (a0 * r0 >>> 13) + (d1 * r4_19 >>> 13) + (d2 * r3_19 >>> 13);
        long h0 = Math.multiplyHigh(a0, r0) + Math.multiplyHigh(d1, r4_19) + Math.multiplyHigh(d2, r3_19);
        long l1 = (d0 * r1 >>> 13) + (d2 * r4_19 >>> 13) + (a3 * r3_19 >>> 13);
        long h1 = Math.multiplyHigh(d0, r1) + Math.multiplyHigh(d2, r4_19) + Math.multiplyHigh(a3, r3_19);
        long l2 = (d0 * r2 >>> 13) + (a1 * r1 >>> 13) + (d3 * r4_19 >>> 13);
        long h2 = Math.multiplyHigh(d0, r2) + Math.multiplyHigh(a1, r1) + Math.multiplyHigh(d3, r4_19);
        long l3 = (d0 * r3 >>> 13) + (d1 * r2 >>> 13) + (a4 * r4_19 >>> 13);
        long h3 = Math.multiplyHigh(d0, r3) + Math.multiplyHigh(d1, r2) + Math.multiplyHigh(a4, r4_19);
        long l4 = (d0 * r4 >>> 13) + (d1 * r3 >>> 13) + (a2 * r2 >>> 13);
        long h4 = Math.multiplyHigh(d0, r4) + Math.multiplyHigh(d1, r3) + Math.multiplyHigh(a2, r2);
        reduce(r, l0 + 19 * h4, l1 + h0, l2 + h1, l3 + h2, l4 + h3);
    }

    /** r = 2 * a^2, as a lazy sum. */
    public static void sq2(long[] r, long[] a) {
        sq(r, a);
        addLazy(r, r, r);
    }

    /** r = a^(2^n). */
    public static void sqn(long[] r, long[] a, int n) {
        sq(r, a);
        for (int i = 1; i < n; i++) sq(r, r);
    }

    private static void reduce(long[] r, long h0, long h1, long h2, long h3, long h4) {
        long c;
        c = h0 >>> 51; h0 &= M; h1 += c;
        c = h1 >>> 51; h1 &= M; h2 += c;
        c = h2 >>> 51; h2 &= M; h3 += c;
        c = h3 >>> 51; h3 &= M; h4 += c;
        c = h4 >>> 51; h4 &= M; h0 += 19 * c;
        c = h0 >>> 51; h0 &= M; h1 += c;
        r[0] = h0; r[1] = h1; r[2] = h2; r[3] = h3; r[4] = h4;
    }

    /** r = z^(p-2) = 1/z (0 for z = 0). */
    public static void invert(long[] r, long[] z) {
        long[] t0 = new long[5], t1 = new long[5], t2 = new long[5], t3 = new long[5];
        sq(t0, z);
        sqn(t1, t0, 2);
        mul(t1, z, t1);
        mul(t0, t0, t1);
        sq(t2, t0);
        mul(t1, t1, t2);
        sqn(t2, t1, 5);
        mul(t1, t2, t1);
        sqn(t2, t1, 10);
        mul(t2, t2, t1);
        sqn(t3, t2, 20);
        mul(t2, t3, t2);
        sqn(t2, t2, 10);
        mul(t1, t2, t1);
        sqn(t2, t1, 50);
        mul(t2, t2, t1);
        sqn(t3, t2, 100);
        mul(t2, t3, t2);
        sqn(t2, t2, 50);
        mul(t1, t2, t1);
        sqn(t1, t1, 5);
        mul(r, t1, t0);
    }

    /** r = z^((p-5)/8) = z^(2^252 - 3), the exponent used by square roots. */
    public static void pow22523(long[] r, long[] z) {
        long[] t0 = new long[5], t1 = new long[5], t2 = new long[5];
        sq(t0, z);
        sqn(t1, t0, 2);
        mul(t1, z, t1);
        mul(t0, t0, t1);
        sq(t0, t0);
        mul(t0, t1, t0);
        sqn(t1, t0, 5);
        mul(t0, t1, t0);
        sqn(t1, t0, 10);
        mul(t1, t1, t0);
        sqn(t2, t1, 20);
        mul(t1, t2, t1);
        sqn(t1, t1, 10);
        mul(t0, t1, t0);
        sqn(t1, t0, 50);
        mul(t1, t1, t0);
        sqn(t2, t1, 100);
        mul(t1, t2, t1);
        sqn(t1, t1, 50);
        mul(t0, t1, t0);
        sqn(t0, t0, 2);
        mul(r, t0, z);
    }

    /** pow22523 of two inputs with the two chains interleaved step by step. */
    public static void pow22523x2(long[] r1, long[] z1, long[] r2, long[] z2) {
        long[] a0 = new long[5], a1 = new long[5], a2 = new long[5];
        long[] b0 = new long[5], b1 = new long[5], b2 = new long[5];
        sq(a0, z1); sq(b0, z2);
        sqn2(a1, a0, b1, b0, 2);
        mul(a1, z1, a1); mul(b1, z2, b1);
        mul(a0, a0, a1); mul(b0, b0, b1);
        sq(a0, a0); sq(b0, b0);
        mul(a0, a1, a0); mul(b0, b1, b0);
        sqn2(a1, a0, b1, b0, 5);
        mul(a0, a1, a0); mul(b0, b1, b0);
        sqn2(a1, a0, b1, b0, 10);
        mul(a1, a1, a0); mul(b1, b1, b0);
        sqn2(a2, a1, b2, b1, 20);
        mul(a1, a2, a1); mul(b1, b2, b1);
        sqn2(a1, a1, b1, b1, 10);
        mul(a0, a1, a0); mul(b0, b1, b0);
        sqn2(a1, a0, b1, b0, 50);
        mul(a1, a1, a0); mul(b1, b1, b0);
        sqn2(a2, a1, b2, b1, 100);
        mul(a1, a2, a1); mul(b1, b2, b1);
        sqn2(a1, a1, b1, b1, 50);
        mul(a0, a1, a0); mul(b0, b1, b0);
        sqn2(a0, a0, b0, b0, 2);
        mul(r1, a0, z1); mul(r2, b0, z2);
    }

    private static void sqn2(long[] r1, long[] a1, long[] r2, long[] a2, int n) {
        sq(r1, a1);
        sq(r2, a2);
        for (int i = 1; i < n; i++) {
            sq(r1, r1);
            sq(r2, r2);
        }
    }

    private static long le64(byte[] b, int off) {
        return (b[off] & 0xFFL)
                | (b[off + 1] & 0xFFL) << 8
                | (b[off + 2] & 0xFFL) << 16
                | (b[off + 3] & 0xFFL) << 24
                | (b[off + 4] & 0xFFL) << 32
                | (b[off + 5] & 0xFFL) << 40
                | (b[off + 6] & 0xFFL) << 48
                | (b[off + 7] & 0xFFL) << 56;
    }

    private static void put64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) b[off + i] = (byte) (v >>> (8 * i));
    }
}
