package org.flowcoin.crypto.internal.ed25519;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Ed25519 verification under the consensus rules (docs/spec/crypto.md, "Ed25519"): single
 * verification by a Straus double-scalar multiplication, batch verification by a random linear
 * combination evaluated with one Straus multi-scalar multiplication. Both check the same cofactored
 * equation after the same decode rules, so they agree on every input.
 */
public final class Verifier {
    /** Window of the fixed base table: 64 odd multiples of B. */
    static final int BASE_W = 8;
    /** Window for variable points: 8 odd multiples. */
    static final int VAR_W = 5;

    static final Ge.P3 BASE = new Ge.P3();
    static final Ge.Precomp[] BASE_TABLE = new Ge.Precomp[1 << (BASE_W - 2)];

    static {
        byte[] enc = HexFormat.of().parseHex("5866666666666666666666666666666666666666666666666666666666666666");
        if (!Ge.decode(BASE, enc, 0)) throw new ExceptionInInitializerError("base point");
        long[] odd = Ge.oddMultiples(BASE, BASE_TABLE.length);
        Ge.P1P1 t = new Ge.P1P1();
        Ge.P3 p = new Ge.P3();
        for (int i = 0; i < BASE_TABLE.length; i++) {
            Ge.add(t, Ge.P3.identity(), odd, i * Ge.CACHED_LIMBS);
            Ge.toP3(p, t);
            BASE_TABLE[i] = new Ge.Precomp();
            Ge.toPrecomp(BASE_TABLE[i], p);
        }
    }

    private Verifier() {}

    /** A signature that passed every decode rule, ready for the equation check. */
    public static final class Prepared {
        final Ge.P3 a = new Ge.P3();
        final Ge.P3 r = new Ge.P3();
        BigInteger s;
        BigInteger k;
    }

    /**
     * Applies the cheap rules (lengths, canonical S, canonical A and R, A and R not of small order)
     * and computes k = SHA-512(R || A || M) mod L.
     *
     * @return null if any rule rejects the input
     */
    public static Prepared prepare(byte[] publicKey, byte[] message, byte[] signature) {
        return prepare(publicKey, message, signature, null);
    }

    /**
     * As {@link #prepare(byte[], byte[], byte[])}, hashing with {@code sha512} (reset and reused;
     * a batch passes one instance for all its items) or, if null, a fresh SHA-512 instance.
     */
    public static Prepared prepare(byte[] publicKey, byte[] message, byte[] signature, MessageDigest sha512) {
        if (publicKey == null || publicKey.length != 32) return null;
        if (signature == null || signature.length != 64 || message == null) return null;
        if (!Scalar.isCanonical(signature, 32)) return null;
        Prepared p = new Prepared();
        if (Ge.isSmallOrderEncoding(publicKey, 0) || Ge.isSmallOrderEncoding(signature, 0)) return null;
        if (!Ge.decode2(p.a, publicKey, 0, p.r, signature, 0)) return null;
        MessageDigest sha = sha512 != null ? sha512 : newSha512();
        sha.reset();
        sha.update(signature, 0, 32);
        sha.update(publicKey);
        sha.update(message);
        p.k = Scalar.reduce512(sha.digest());
        p.s = Scalar.fromBytes(signature, 32, 32);
        return p;
    }

    /** Single verification: all rules and [8]([S]B - R - [k]A) = identity. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        Prepared p = prepare(publicKey, message, signature);
        return p != null && checkSingle(p);
    }

    /** The cofactored equation alone, for an item that passed {@link #prepare}. */
    public static boolean checkPrepared(Prepared p) {
        return checkSingle(p);
    }

    static boolean checkSingle(Prepared p) {
        Ge.P3 negA = new Ge.P3();
        negA.set(p.a);
        Fe.neg(negA.x, negA.x);
        Fe.neg(negA.t, negA.t);
        long[] aTable = Ge.oddMultiples(negA, 1 << (VAR_W - 2));
        byte[] sNaf = Scalar.slide(Scalar.toBytes(p.s), BASE_W);
        byte[] kNaf = Scalar.slide(Scalar.toBytes(p.k), VAR_W);

        Ge.P1P1 t = new Ge.P1P1();
        Ge.P3 u = Ge.P3.identity();
        int i = 255;
        while (i >= 0 && sNaf[i] == 0 && kNaf[i] == 0) i--;
        for (; i >= 0; i--) {
            Ge.dbl(t, u);
            int ds = sNaf[i], dk = kNaf[i];
            if (ds > 0) {
                Ge.toP3(u, t);
                Ge.madd(t, u, BASE_TABLE[ds >> 1]);
            } else if (ds < 0) {
                Ge.toP3(u, t);
                Ge.msub(t, u, BASE_TABLE[(-ds) >> 1]);
            }
            if (dk > 0) {
                Ge.toP3(u, t);
                Ge.add(t, u, aTable, (dk >> 1) * Ge.CACHED_LIMBS);
            } else if (dk < 0) {
                Ge.toP3(u, t);
                Ge.sub(t, u, aTable, ((-dk) >> 1) * Ge.CACHED_LIMBS);
            }
            if (i > 0) Ge.toP2(u, t);
            else Ge.toP3(u, t);
        }
        return timesEightMinusIsIdentity(u, p.r);
    }

    /** True iff [8](u - r) is the identity. */
    private static boolean timesEightMinusIsIdentity(Ge.P3 u, Ge.P3 r) {
        Ge.Cached rc = new Ge.Cached();
        Ge.P1P1 t = new Ge.P1P1();
        Ge.toCached(rc, r);
        Ge.sub(t, u, rc);
        Ge.P3 v = new Ge.P3();
        Ge.toP2(v, t);
        Ge.dbl(t, v);
        Ge.toP2(v, t);
        Ge.dbl(t, v);
        Ge.toP2(v, t);
        Ge.dbl(t, v);
        return t.isIdentity();
    }

    /**
     * Batch equation for prepared items: with random 128-bit z_i, checks
     * [8](-(sum z_i S_i) B + sum z_i R_i + sum (z_i k_i) A_i) = identity.
     * True whenever every item satisfies its own equation; false with overwhelming probability
     * otherwise.
     */
    public static boolean checkBatch(List<Prepared> items, SecureRandom random) {
        int n = items.size();
        if (n == 0) return true;
        if (n == 1) return checkSingle(items.get(0));
        if (n >= PIPPENGER_MIN) return checkBatchPippenger(items, random);
        byte[][] nafs = new byte[2 * n][];
        long[][] tables = new long[2 * n][];
        BigInteger sumS = BigInteger.ZERO;
        byte[] zs = new byte[16 * n];
        random.nextBytes(zs); // one call: some providers cost a system call per request
        for (int j = 0; j < n; j++) {
            Prepared p = items.get(j);
            BigInteger z = Scalar.fromBytes(zs, 16 * j, 16);
            sumS = sumS.add(z.multiply(p.s));
            nafs[2 * j] = Scalar.slide(Scalar.toBytes(z), VAR_W);
            tables[2 * j] = Ge.oddMultiples(p.r, 1 << (VAR_W - 2));
            nafs[2 * j + 1] = Scalar.slide(Scalar.toBytes(z.multiply(p.k).mod(Scalar.L)), VAR_W);
            tables[2 * j + 1] = Ge.oddMultiples(p.a, 1 << (VAR_W - 2));
        }
        byte[] bNaf = Scalar.slide(Scalar.toBytes(Scalar.L.subtract(sumS.mod(Scalar.L)).mod(Scalar.L)), BASE_W);

        int top = 255;
        outer:
        while (top >= 0) {
            if (bNaf[top] != 0) break;
            for (byte[] naf : nafs) if (naf[top] != 0) break outer;
            top--;
        }
        Ge.P1P1 t = new Ge.P1P1();
        Ge.P3 u = Ge.P3.identity();
        boolean inP1P1 = false;
        for (int i = top; i >= 0; i--) {
            if (inP1P1) Ge.toP2(u, t);
            Ge.dbl(t, u);
            int db = bNaf[i];
            if (db > 0) {
                Ge.toP3(u, t);
                Ge.madd(t, u, BASE_TABLE[db >> 1]);
            } else if (db < 0) {
                Ge.toP3(u, t);
                Ge.msub(t, u, BASE_TABLE[(-db) >> 1]);
            }
            for (int j = 0; j < nafs.length; j++) {
                int d = nafs[j][i];
                if (d > 0) {
                    Ge.toP3(u, t);
                    Ge.add(t, u, tables[j], (d >> 1) * Ge.CACHED_LIMBS);
                } else if (d < 0) {
                    Ge.toP3(u, t);
                    Ge.sub(t, u, tables[j], ((-d) >> 1) * Ge.CACHED_LIMBS);
                }
            }
            inP1P1 = true;
        }
        if (!inP1P1) return true; // every coefficient zero
        Ge.toP2(u, t);
        Ge.dbl(t, u);
        Ge.toP2(u, t);
        Ge.dbl(t, u);
        Ge.toP2(u, t);
        Ge.dbl(t, u);
        return t.isIdentity();
    }

    /**
     * From this many signatures on, the bucket method is used (measured on the MSM alone: equal to
     * Straus at about 256 signatures, about 1.25x faster at 1024).
     */
    public static final int PIPPENGER_MIN = 256;

    /**
     * The same batch equation as {@link #checkBatch}, evaluated with Pippenger's bucket method:
     * signed radix-2^c digits, 2^(c-1) buckets per window, running-sum aggregation.
     */
    static boolean checkBatchPippenger(List<Prepared> items, SecureRandom random) {
        int n = items.size();
        int points = 2 * n + 1;
        byte[][] scalars = new byte[points][];
        long[] cached = new long[points * Ge.CACHED_LIMBS];
        BigInteger sumS = BigInteger.ZERO;
        byte[] zs = new byte[16 * n];
        random.nextBytes(zs);
        for (int j = 0; j < n; j++) {
            Prepared p = items.get(j);
            BigInteger z = Scalar.fromBytes(zs, 16 * j, 16);
            sumS = sumS.add(z.multiply(p.s));
            scalars[2 * j] = Scalar.toBytes(z);
            Ge.toCached(cached, 2 * j * Ge.CACHED_LIMBS, p.r);
            scalars[2 * j + 1] = Scalar.toBytes(z.multiply(p.k).mod(Scalar.L));
            Ge.toCached(cached, (2 * j + 1) * Ge.CACHED_LIMBS, p.a);
        }
        scalars[2 * n] = Scalar.toBytes(Scalar.L.subtract(sumS.mod(Scalar.L)).mod(Scalar.L));
        Ge.toCached(cached, 2 * n * Ge.CACHED_LIMBS, BASE);

        int c = points < 1000 ? 7 : points < 3000 ? 8 : points < 10000 ? 9 : 10;
        int windows = (253 + c) / c + 1; // scalars < 2^253, plus room for the last carry
        byte[][] digits = new byte[points][];
        int[] dig = new int[windows];
        for (int j = 0; j < points; j++) {
            Scalar.signedRadix(scalars[j], c, dig);
            byte[] d = new byte[windows * 2];
            for (int w = 0; w < windows; w++) {
                d[2 * w] = (byte) dig[w];
                d[2 * w + 1] = (byte) (dig[w] >> 8);
            }
            digits[j] = d;
        }
        int nb = 1 << (c - 1);
        Ge.P3[] buckets = new Ge.P3[nb];
        for (int b = 0; b < nb; b++) buckets[b] = new Ge.P3();
        boolean[] used = new boolean[nb];
        Ge.P1P1 t = new Ge.P1P1();
        Ge.P3 acc = Ge.P3.identity(), running = new Ge.P3(), sum = new Ge.P3();
        Ge.Cached tmp = new Ge.Cached();
        for (int w = windows - 1; w >= 0; w--) {
            if (w != windows - 1) {
                for (int i = 0; i < c; i++) {
                    Ge.dbl(t, acc);
                    if (i < c - 1) Ge.toP2(acc, t);
                    else Ge.toP3(acc, t);
                }
            }
            java.util.Arrays.fill(used, false);
            for (int j = 0; j < points; j++) {
                int d = (digits[j][2 * w] & 0xFF) | (digits[j][2 * w + 1] << 8);
                if (d == 0) continue;
                int b = Math.abs(d) - 1;
                if (!used[b]) {
                    used[b] = true;
                    Ge.P3 bk = buckets[b];
                    Ge.P3 id = Ge.P3.identity();
                    if (d > 0) Ge.add(t, id, cached, j * Ge.CACHED_LIMBS);
                    else Ge.sub(t, id, cached, j * Ge.CACHED_LIMBS);
                    Ge.toP3(bk, t);
                } else if (d > 0) {
                    Ge.add(t, buckets[b], cached, j * Ge.CACHED_LIMBS);
                    Ge.toP3(buckets[b], t);
                } else {
                    Ge.sub(t, buckets[b], cached, j * Ge.CACHED_LIMBS);
                    Ge.toP3(buckets[b], t);
                }
            }
            // sum_b (b+1) * bucket[b] = sum over b of the running suffix sums.
            boolean any = false;
            for (int b = nb - 1; b >= 0; b--) {
                if (used[b]) {
                    if (!any) {
                        running.set(buckets[b]);
                        sum.set(buckets[b]);
                        any = true;
                        continue;
                    }
                    Ge.toCached(tmp, buckets[b]);
                    Ge.add(t, running, tmp);
                    Ge.toP3(running, t);
                }
                if (any) {
                    Ge.toCached(tmp, running);
                    Ge.add(t, sum, tmp);
                    Ge.toP3(sum, t);
                }
            }
            if (any) {
                Ge.toCached(tmp, sum);
                Ge.add(t, acc, tmp);
                Ge.toP3(acc, t);
            }
        }
        for (int i = 0; i < 3; i++) {
            Ge.dbl(t, acc);
            Ge.toP2(acc, t);
        }
        return Ge.isIdentity(acc);
    }

    // Never updated: only cloned, which is cheaper than a provider lookup per verification.
    private static final MessageDigest SHA512_PROTOTYPE = lookupSha512();

    /** A fresh SHA-512 instance. */
    public static MessageDigest newSha512() {
        try {
            return (MessageDigest) SHA512_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return lookupSha512();
        }
    }

    private static MessageDigest lookupSha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required by every Java platform", e);
        }
    }
}
