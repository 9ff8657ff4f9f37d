package org.flowcoin.crypto.internal.ed25519;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Field, scalar and group arithmetic against BigInteger and algebraic identities. */
class Ed25519InternalsTest {
    static final BigInteger P = Fe.P;
    static final long M = Fe.M;

    static BigInteger value(long[] f) {
        BigInteger v = BigInteger.ZERO;
        for (int i = 4; i >= 0; i--) v = v.shiftLeft(51).add(BigInteger.valueOf(f[i]));
        return v;
    }

    /** Random limbs, sometimes at the largest values the invariant allows (reduced or lazy). */
    static long[] randomFe(Random r, boolean lazy) {
        long max = lazy ? (1L << 52) + (1L << 19) - 1 : M + (1L << 18);
        long[] f = new long[5];
        for (int i = 0; i < 5; i++) {
            switch (r.nextInt(4)) {
                case 0 -> f[i] = max;
                case 1 -> f[i] = 0;
                default -> f[i] = Math.floorMod(r.nextLong(), max + 1);
            }
        }
        return f;
    }

    static void checkReduced(long[] f) {
        for (long l : f) assertThat(l).isBetween(0L, M + (1L << 18));
    }

    @Test
    void fieldOperationsMatchBigInteger() {
        Random r = new Random(1);
        int n = Math.max(20000, Integer.getInteger("flow.fuzz.iterations", 20000));
        long[] out = new long[5];
        for (int i = 0; i < n; i++) {
            long[] a = randomFe(r, r.nextBoolean()), b = randomFe(r, r.nextBoolean());
            BigInteger va = value(a), vb = value(b);
            Fe.mul(out, a, b);
            checkReduced(out);
            assertThat(value(out).mod(P)).isEqualTo(va.multiply(vb).mod(P));
            Fe.sq(out, a);
            checkReduced(out);
            assertThat(value(out).mod(P)).isEqualTo(va.multiply(va).mod(P));
            Fe.sub(out, a, b);
            checkReduced(out);
            assertThat(value(out).mod(P)).isEqualTo(va.subtract(vb).mod(P));
            long[] ra = randomFe(r, false), rb = randomFe(r, false);
            Fe.add(out, ra, rb);
            checkReduced(out);
            assertThat(value(out).mod(P)).isEqualTo(value(ra).add(value(rb)).mod(P));
            assertThat(new BigInteger(1, reverse(Fe.toBytes(a)))).isEqualTo(va.mod(P));
        }
    }

    @Test
    void inversionSquareRootExponentAndEncoding() {
        Random r = new Random(2);
        long[] out = new long[5];
        BigInteger e = BigInteger.ONE.shiftLeft(252).subtract(BigInteger.valueOf(3));
        for (int i = 0; i < 200; i++) {
            long[] a = randomFe(r, false);
            BigInteger va = value(a).mod(P);
            Fe.invert(out, a);
            assertThat(value(out).mod(P)).isEqualTo(va.signum() == 0 ? BigInteger.ZERO : va.modInverse(P));
            Fe.pow22523(out, a);
            assertThat(value(out).mod(P)).isEqualTo(va.modPow(e, P));
            byte[] enc = Fe.toBytes(a);
            long[] back = new long[5];
            Fe.fromBytes(back, enc, 0);
            assertThat(value(back)).isEqualTo(va);
            assertThat(Fe.isCanonical(enc, 0)).isTrue();
        }
        for (int t = 0; t < 19; t++) {
            assertThat(Fe.isCanonical(reverse32(P.add(BigInteger.valueOf(t))), 0)).isFalse();
        }
        assertThat(Fe.isCanonical(reverse32(P.subtract(BigInteger.ONE)), 0)).isTrue();
    }

    @Test
    void nafDigitsReconstructTheScalar() {
        Random r = new Random(3);
        for (int i = 0; i < 5000; i++) {
            BigInteger k = new BigInteger(253, r);
            if (i % 5 == 0) k = Scalar.L.subtract(BigInteger.valueOf(r.nextInt(1000)).add(BigInteger.ONE));
            if (i % 7 == 0) k = BigInteger.ONE.shiftLeft(253).subtract(BigInteger.ONE);
            for (int w : new int[] {5, 8}) {
                byte[] naf = Scalar.slide(Scalar.toBytes(k), w);
                BigInteger sum = BigInteger.ZERO;
                int lastNonZero = -w;
                for (int j = 255; j >= 0; j--) {
                    sum = sum.shiftLeft(1).add(BigInteger.valueOf(naf[j]));
                }
                for (int j = 0; j < 256; j++) {
                    if (naf[j] != 0) {
                        assertThat(naf[j] & 1).isEqualTo(1);
                        assertThat(Math.abs(naf[j])).isLessThan(1 << (w - 1));
                        assertThat(j - lastNonZero).isGreaterThanOrEqualTo(w);
                        lastNonZero = j;
                    }
                }
                assertThat(sum).isEqualTo(k);
            }
        }
    }

    @Test
    void scalarCanonicityAndReduction() {
        assertThat(Scalar.isCanonical(Scalar.toBytes(Scalar.L), 0)).isFalse();
        assertThat(Scalar.isCanonical(Scalar.toBytes(Scalar.L.subtract(BigInteger.ONE)), 0)).isTrue();
        assertThat(Scalar.isCanonical(Scalar.toBytes(Scalar.L.add(BigInteger.ONE)), 0)).isFalse();
        byte[] ff = new byte[64];
        java.util.Arrays.fill(ff, (byte) 0xff);
        assertThat(Scalar.reduce512(ff)).isEqualTo(BigInteger.ONE.shiftLeft(512).subtract(BigInteger.ONE).mod(Scalar.L));
    }

    @Test
    void smallOrderPointsAndBasePointOrder() {
        HexFormat hex = HexFormat.of();
        String[] small = {
            "0100000000000000000000000000000000000000000000000000000000000000",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0000000000000000000000000000000000000000000000000000000000000080",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        };
        for (String s : small) {
            Ge.P3 p = new Ge.P3();
            assertThat(Ge.decode(p, hex.parseHex(s), 0)).as(s).isTrue();
            assertThat(Ge.hasSmallOrder(p)).as(s).isTrue();
            assertThat(Ge.isSmallOrderEncoding(hex.parseHex(s), 0)).as(s).isTrue();
            assertThat(hex.formatHex(Ge.encode(p))).isEqualTo(s);
        }
        // "-0": x = 0 with the sign bit set is not a valid encoding.
        for (String s : new String[] {small[0], small[1]}) {
            byte[] b = hex.parseHex(s);
            b[31] |= (byte) 0x80;
            assertThat(Ge.decode(new Ge.P3(), b, 0)).isFalse();
        }
        assertThat(Ge.hasSmallOrder(Verifier.BASE)).isFalse();
        assertThat(hex.formatHex(Ge.encode(Verifier.BASE)))
                .isEqualTo("5866666666666666666666666666666666666666666666666666666666666666");
    }

    @Test
    void decodeEncodeRoundTripsOnRandomPoints() {
        Random r = new Random(4);
        int decoded = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[32];
            r.nextBytes(b);
            Ge.P3 p = new Ge.P3();
            if (Ge.decode(p, b, 0)) {
                decoded++;
                assertThat(Ge.encode(p)).isEqualTo(b);
                assertThat(Ge.isSmallOrderEncoding(b, 0)).isEqualTo(Ge.hasSmallOrder(p)).isFalse();
                // the point satisfies -x^2 + y^2 = 1 + d x^2 y^2 and T = XY/Z
                BigInteger x = value(p.x).mod(P), y = value(p.y).mod(P), d = value(Ge.D).mod(P);
                BigInteger x2 = x.multiply(x), y2 = y.multiply(y);
                assertThat(y2.subtract(x2).mod(P)).isEqualTo(BigInteger.ONE.add(d.multiply(x2).multiply(y2)).mod(P));
            }
        }
        assertThat(decoded).isBetween(800, 1200); // about half of all y are on the curve
    }

    @Test
    void groupLawIsConsistent() {
        // (2^k)B computed by doubling equals the sum of two copies of (2^(k-1))B computed by addition.
        Ge.P3 p = new Ge.P3();
        p.set(Verifier.BASE);
        Ge.P1P1 t = new Ge.P1P1();
        Ge.Cached c = new Ge.Cached();
        Ge.P3 viaAdd = new Ge.P3(), viaDbl = new Ge.P3();
        for (int k = 0; k < 20; k++) {
            Ge.toCached(c, p);
            Ge.add(t, p, c);
            Ge.toP3(viaAdd, t);
            Ge.dbl(t, p);
            Ge.toP3(viaDbl, t);
            assertThat(Ge.encode(viaAdd)).isEqualTo(Ge.encode(viaDbl));
            // p + p - p = p
            Ge.toCached(c, p);
            Ge.sub(t, viaAdd, c);
            Ge.P3 back = new Ge.P3();
            Ge.toP3(back, t);
            assertThat(Ge.encode(back)).isEqualTo(Ge.encode(p));
            p.set(viaDbl);
        }
        // The fixed table's affine entries match the cached odd multiples.
        long[] odd = Ge.oddMultiples(Verifier.BASE, Verifier.BASE_TABLE.length);
        for (int i = 0; i < Verifier.BASE_TABLE.length; i += 9) {
            Ge.P3 a = new Ge.P3(), b = new Ge.P3();
            Ge.add(t, Ge.P3.identity(), odd, i * Ge.CACHED_LIMBS);
            Ge.toP3(a, t);
            Ge.madd(t, Ge.P3.identity(), Verifier.BASE_TABLE[i]);
            Ge.toP3(b, t);
            assertThat(Ge.encode(a)).isEqualTo(Ge.encode(b));
        }
    }

    @Test
    void signedRadixDigitsReconstructTheScalar() {
        Random r = new Random(5);
        for (int i = 0; i < 3000; i++) {
            BigInteger k = i % 11 == 0 ? BigInteger.ONE.shiftLeft(253).subtract(BigInteger.ONE) : new BigInteger(253, r);
            for (int c : new int[] {5, 7, 8, 9, 10}) {
                int[] d = new int[(253 + c) / c + 1];
                Scalar.signedRadix(Scalar.toBytes(k), c, d);
                BigInteger sum = BigInteger.ZERO;
                for (int w = d.length - 1; w >= 0; w--) {
                    assertThat(d[w]).isBetween(-(1 << (c - 1)), 1 << (c - 1));
                    sum = sum.shiftLeft(c).add(BigInteger.valueOf(d[w]));
                }
                assertThat(sum).isEqualTo(k);
            }
        }
    }

    /** Straus and Pippenger evaluate the same batch equation: they agree on valid and invalid sets. */
    @Test
    void strausAndPippengerAgree() {
        Random r = new Random(6);
        java.security.SecureRandom z = new java.security.SecureRandom();
        for (int n : new int[] {2, 3, 17, 300}) {
            java.util.List<Verifier.Prepared> good = new java.util.ArrayList<>();
            java.util.List<Verifier.Prepared> bad = new java.util.ArrayList<>();
            int badIndex = r.nextInt(n);
            for (int i = 0; i < n; i++) {
                byte[] seed = new byte[32], msg = new byte[1 + r.nextInt(40)];
                r.nextBytes(seed);
                r.nextBytes(msg);
                byte[] pub = new byte[32], sig = new byte[64];
                org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pub, 0);
                org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, msg, 0, msg.length, sig, 0);
                Verifier.Prepared p = Verifier.prepare(pub, msg, sig);
                assertThat(p).isNotNull();
                good.add(p);
                if (i == badIndex) msg[0] ^= 1; // passes the decode rules, fails the equation
                Verifier.Prepared q = Verifier.prepare(pub, msg, sig);
                assertThat(q).isNotNull();
                bad.add(q);
            }
            assertThat(Verifier.checkBatchPippenger(good, z)).as("valid, n=%d", n).isTrue();
            assertThat(Verifier.checkBatchPippenger(bad, z)).as("invalid, n=%d", n).isFalse();
            assertThat(Verifier.checkBatch(good, z)).isTrue();
            assertThat(Verifier.checkBatch(bad, z)).isFalse();
        }
    }

    static byte[] reverse(byte[] le) {
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) be[i] = le[le.length - 1 - i];
        return be;
    }

    static byte[] reverse32(BigInteger v) {
        return Scalar.toBytes(v);
    }
}
