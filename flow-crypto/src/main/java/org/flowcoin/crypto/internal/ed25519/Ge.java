package org.flowcoin.crypto.internal.ed25519;

import java.math.BigInteger;

/**
 * Points of edwards25519 (-x^2 + y^2 = 1 + d x^2 y^2) and their group law, variable time.
 *
 * <p>Representations (Hisil-Wong-Carter-Dawson extended coordinates):
 * <ul>
 *   <li>{@link P3}: extended (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z; also used as projective (X:Y:Z).
 *   <li>{@link P1P1}: "completed" ((X:Z),(Y:T)), the output of an addition or doubling.
 *   <li>{@link Cached}: (Y+X, Y-X, Z, 2dT), the right operand of an addition, packed as 20 limbs
 *       (tables of them are packed into one array for cache locality).
 *   <li>{@link Precomp}: affine (y+x, y-x, 2dxy), for fixed tables (saves one multiplication).
 * </ul>
 */
public final class Ge {
    private Ge() {}

    static final long[] D;
    static final long[] D2;
    static final long[] SQRT_M1;

    static {
        BigInteger p = Fe.P;
        BigInteger d = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(p)).mod(p);
        D = Fe.fromBigInteger(d);
        D2 = Fe.fromBigInteger(d.shiftLeft(1));
        SQRT_M1 = Fe.fromBigInteger(BigInteger.TWO.modPow(p.subtract(BigInteger.ONE).shiftRight(2), p));
    }

    /** Extended coordinates. */
    public static final class P3 {
        public final long[] x = new long[5], y = new long[5], z = new long[5], t = new long[5];

        public static P3 identity() {
            P3 r = new P3();
            r.y[0] = 1;
            r.z[0] = 1;
            return r;
        }

        public void set(P3 o) {
            Fe.copy(x, o.x);
            Fe.copy(y, o.y);
            Fe.copy(z, o.z);
            Fe.copy(t, o.t);
        }
    }

    /** Completed coordinates; carries one scratch element for the group law. */
    public static final class P1P1 {
        public final long[] x = new long[5], y = new long[5], z = new long[5], t = new long[5];
        final long[] tmp = new long[5];

        /** True iff this is the neutral element (x = 0, y = 1). */
        public boolean isIdentity() {
            return Fe.isZero(x) && Fe.equal(y, t);
        }
    }

    /** Addition-ready form of a point. */
    public static final class Cached {
        final long[] v = new long[CACHED_LIMBS];
    }

    /** Offsets of the coordinates inside a packed cached point. */
    static final int YPX = 0, YMX = 5, CZ = 10, T2D = 15, CACHED_LIMBS = 20;

    /** Affine addition-ready form, for precomputed tables. */
    public static final class Precomp {
        final long[] ypx = new long[5], ymx = new long[5], xy2d = new long[5];
    }

    /**
     * Decodes a 32-byte encoding (RFC 8032 section 5.1.3) with the strict rules: y must be below p
     * and "-0" (x = 0 with the sign bit set) is rejected.
     *
     * @return false (leaving {@code r} unspecified) if the bytes encode no curve point or are
     *     non-canonical
     */
    public static boolean decode(P3 r, byte[] s, int off) {
        Decoding d = new Decoding();
        if (!d.start(r, s, off)) return false;
        Fe.pow22523(r.x, r.x);
        return d.finish(r);
    }

    /**
     * Decodes two encodings at once, interleaving their square-root exponentiations (two
     * independent dependency chains keep the multiplier busy). Same rules as {@link #decode}.
     *
     * @return true iff both decode
     */
    public static boolean decode2(P3 r1, byte[] s1, int off1, P3 r2, byte[] s2, int off2) {
        Decoding d1 = new Decoding(), d2 = new Decoding();
        if (!d1.start(r1, s1, off1) || !d2.start(r2, s2, off2)) return false;
        Fe.pow22523x2(r1.x, r1.x, r2.x, r2.x);
        return d1.finish(r1) && d2.finish(r2);
    }

    /** The steps of RFC 8032 5.1.3 around the exponentiation; r.x carries u v^7 in between. */
    private static final class Decoding {
        final long[] u = new long[5], v = new long[5], v3 = new long[5];
        int sign;

        boolean start(P3 r, byte[] s, int off) {
            if (!Fe.isCanonical(s, off)) return false;
            sign = (s[off + 31] >>> 7) & 1;
            long[] y = r.y, x = r.x;
            Fe.fromBytes(y, s, off);
            Fe.sq(u, y);
            Fe.mul(v, u, D);
            Fe.sub(u, u, Fe.one()); // u = y^2 - 1
            Fe.add(v, v, Fe.one()); // v = d y^2 + 1
            Fe.sq(v3, v);
            Fe.mul(v3, v3, v); // v^3
            Fe.sq(x, v3);
            Fe.mul(x, x, v);
            Fe.mul(x, x, u); // u v^7
            return true;
        }

        boolean finish(P3 r) {
            long[] x = r.x, vxx = new long[5], check = new long[5];
            Fe.mul(x, x, v3);
            Fe.mul(x, x, u); // x = u v^3 (u v^7)^((p-5)/8)
            Fe.sq(vxx, x);
            Fe.mul(vxx, vxx, v);
            Fe.sub(check, vxx, u);
            if (!Fe.isZero(check)) {
                Fe.add(check, vxx, u);
                if (!Fe.isZero(check)) return false;
                Fe.mul(x, x, SQRT_M1);
            }
            boolean xZero = Fe.isZero(x);
            if (xZero && sign == 1) return false;
            if (Fe.isNegative(x) != sign) Fe.neg(x, x);
            Fe.copy(r.z, Fe.one());
            Fe.mul(r.t, x, r.y);
            return true;
        }
    }

    /** Canonical 32-byte encoding. */
    public static byte[] encode(P3 p) {
        long[] zi = new long[5], x = new long[5], y = new long[5];
        Fe.invert(zi, p.z);
        Fe.mul(x, p.x, zi);
        Fe.mul(y, p.y, zi);
        byte[] s = Fe.toBytes(y);
        s[31] |= (byte) (Fe.isNegative(x) << 7);
        return s;
    }

    public static void toCached(Cached r, P3 p) {
        toCached(r.v, 0, p);
    }

    /** Writes p's cached form at {@code v[off..off+20)}. */
    static void toCached(long[] v, int off, P3 p) {
        long[] t = new long[5];
        Fe.addLazy(t, p.y, p.x);
        System.arraycopy(t, 0, v, off + YPX, 5);
        Fe.sub(t, p.y, p.x);
        System.arraycopy(t, 0, v, off + YMX, 5);
        System.arraycopy(p.z, 0, v, off + CZ, 5);
        Fe.mul(t, p.t, D2);
        System.arraycopy(t, 0, v, off + T2D, 5);
    }

    /** Affine precomputed form (one inversion). */
    static void toPrecomp(Precomp r, P3 p) {
        long[] zi = new long[5], x = new long[5], y = new long[5];
        Fe.invert(zi, p.z);
        Fe.mul(x, p.x, zi);
        Fe.mul(y, p.y, zi);
        Fe.add(r.ypx, y, x);
        Fe.sub(r.ymx, y, x);
        Fe.mul(r.xy2d, x, y);
        Fe.mul(r.xy2d, r.xy2d, D2);
    }

    public static void toP3(P3 r, P1P1 p) {
        Fe.mul(r.x, p.x, p.t);
        Fe.mul(r.y, p.y, p.z);
        Fe.mul(r.z, p.z, p.t);
        Fe.mul(r.t, p.x, p.y);
    }

    /** Projective part only (X:Y:Z); r.t is left stale. For a following doubling. */
    public static void toP2(P3 r, P1P1 p) {
        Fe.mul(r.x, p.x, p.t);
        Fe.mul(r.y, p.y, p.z);
        Fe.mul(r.z, p.z, p.t);
    }

    /** r = 2p, reading only p's projective part. */
    public static void dbl(P1P1 r, P3 p) {
        Fe.sq(r.x, p.x);
        Fe.sq(r.z, p.y);
        Fe.sq2(r.t, p.z);
        Fe.addLazy(r.y, p.x, p.y);
        Fe.sq(r.tmp, r.y);
        Fe.addLazy(r.y, r.z, r.x);
        Fe.sub(r.z, r.z, r.x);
        Fe.sub(r.x, r.tmp, r.y);
        Fe.sub(r.t, r.t, r.z);
    }

    /** r = p + q. */
    public static void add(P1P1 r, P3 p, Cached q) {
        add(r, p, q.v, 0);
    }

    /** r = p - q. */
    public static void sub(P1P1 r, P3 p, Cached q) {
        sub(r, p, q.v, 0);
    }

    /** r = p + q for the cached point packed at {@code q[off..off+20)}. */
    static void add(P1P1 r, P3 p, long[] q, int off) {
        Fe.addLazy(r.x, p.y, p.x);
        Fe.sub(r.y, p.y, p.x);
        Fe.mul(r.z, r.x, q, off + YPX);
        Fe.mul(r.y, r.y, q, off + YMX);
        Fe.mul(r.t, p.t, q, off + T2D);
        Fe.mul(r.x, p.z, q, off + CZ);
        Fe.add(r.tmp, r.x, r.x);
        Fe.sub(r.x, r.z, r.y);
        Fe.addLazy(r.y, r.z, r.y);
        Fe.addLazy(r.z, r.tmp, r.t);
        Fe.sub(r.t, r.tmp, r.t);
    }

    /** r = p - q for the cached point packed at {@code q[off..off+20)}. */
    static void sub(P1P1 r, P3 p, long[] q, int off) {
        Fe.addLazy(r.x, p.y, p.x);
        Fe.sub(r.y, p.y, p.x);
        Fe.mul(r.z, r.x, q, off + YMX);
        Fe.mul(r.y, r.y, q, off + YPX);
        Fe.mul(r.t, p.t, q, off + T2D);
        Fe.mul(r.x, p.z, q, off + CZ);
        Fe.add(r.tmp, r.x, r.x);
        Fe.sub(r.x, r.z, r.y);
        Fe.addLazy(r.y, r.z, r.y);
        Fe.sub(r.z, r.tmp, r.t);
        Fe.addLazy(r.t, r.tmp, r.t);
    }

    /** r = p + q for an affine precomputed q. */
    static void madd(P1P1 r, P3 p, Precomp q) {
        Fe.addLazy(r.x, p.y, p.x);
        Fe.sub(r.y, p.y, p.x);
        Fe.mul(r.z, r.x, q.ypx);
        Fe.mul(r.y, r.y, q.ymx);
        Fe.mul(r.t, q.xy2d, p.t);
        Fe.add(r.tmp, p.z, p.z);
        Fe.sub(r.x, r.z, r.y);
        Fe.addLazy(r.y, r.z, r.y);
        Fe.addLazy(r.z, r.tmp, r.t);
        Fe.sub(r.t, r.tmp, r.t);
    }

    /** r = p - q for an affine precomputed q. */
    static void msub(P1P1 r, P3 p, Precomp q) {
        Fe.addLazy(r.x, p.y, p.x);
        Fe.sub(r.y, p.y, p.x);
        Fe.mul(r.z, r.x, q.ymx);
        Fe.mul(r.y, r.y, q.ypx);
        Fe.mul(r.t, q.xy2d, p.t);
        Fe.add(r.tmp, p.z, p.z);
        Fe.sub(r.x, r.z, r.y);
        Fe.addLazy(r.y, r.z, r.y);
        Fe.sub(r.z, r.tmp, r.t);
        Fe.addLazy(r.t, r.tmp, r.t);
    }

    /** True iff [8]p is the identity, i.e. p lies in the torsion subgroup. */
    public static boolean hasSmallOrder(P3 p) {
        P1P1 r = new P1P1();
        P3 s = new P3();
        dbl(r, p);
        toP2(s, r);
        dbl(r, s);
        toP2(s, r);
        dbl(r, s);
        return r.isIdentity();
    }

    /**
     * The canonical encodings of the eight points of small order (the torsion subgroup), derived at
     * class initialisation as the multiples of one point of order 8.
     */
    private static final byte[][] SMALL_ORDER_ENCODINGS = smallOrderEncodings();

    private static byte[][] smallOrderEncodings() {
        P3 t8 = new P3();
        byte[] enc = java.util.HexFormat.of().parseHex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a");
        if (!decode(t8, enc, 0) || !hasSmallOrder(t8)) throw new ExceptionInInitializerError("torsion point");
        byte[][] out = new byte[8][];
        Cached c = new Cached();
        toCached(c, t8);
        P3 acc = P3.identity();
        P1P1 t = new P1P1();
        for (int i = 0; i < 8; i++) {
            out[i] = encode(acc);
            add(t, acc, c);
            toP3(acc, t);
        }
        if (!isIdentity(acc)) throw new ExceptionInInitializerError("torsion order");
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < i; j++) {
                if (java.util.Arrays.equals(out[i], out[j])) throw new ExceptionInInitializerError("torsion order");
            }
        }
        return out;
    }

    /**
     * True iff the 32 bytes at {@code off} are the canonical encoding of a point of small order.
     * For bytes that {@link #decode} accepts this is exactly {@link #hasSmallOrder} of the point (a
     * canonical encoding names one point); any other encoding of a small-order point is
     * non-canonical or "-0" and rejected by {@link #decode}.
     */
    public static boolean isSmallOrderEncoding(byte[] s, int off) {
        for (byte[] e : SMALL_ORDER_ENCODINGS) {
            if (java.util.Arrays.equals(e, 0, 32, s, off, off + 32)) return true;
        }
        return false;
    }

    /** True iff p (in extended or projective form) is the identity. */
    public static boolean isIdentity(P3 p) {
        return Fe.isZero(p.x) && Fe.equal(p.y, p.z);
    }

    /** Odd multiples p, 3p, ..., (2n-1)p in cached form, packed: entry i at offset 20 i. */
    public static long[] oddMultiples(P3 p, int n) {
        long[] table = new long[n * CACHED_LIMBS];
        P1P1 t = new P1P1();
        P3 p2 = new P3(), acc = new P3();
        Cached c2 = new Cached();
        dbl(t, p);
        toP3(p2, t);
        toCached(c2, p2);
        acc.set(p);
        toCached(table, 0, acc);
        for (int i = 1; i < n; i++) {
            add(t, acc, c2);
            toP3(acc, t);
            toCached(table, i * CACHED_LIMBS, acc);
        }
        return table;
    }
}
