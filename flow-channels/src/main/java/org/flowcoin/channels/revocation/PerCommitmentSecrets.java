package org.flowcoin.channels.revocation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The per-commitment secrets of one channel side, all derived from one 32-byte seed (BOLT-3
 * "Per-commitment Secret Requirements"): secret(I) starts from the seed and, for each bit B of the
 * 48-bit index I from 47 down to 0 that is set, flips bit B of the value and hashes it with
 * SHA-256. Commitment number n uses index {@code MAX_INDEX - n}, so indices count down and a secret
 * determines every secret of a later (smaller) index below it in the tree, never an earlier one.
 *
 * <pre>{@code
 * PerCommitmentSecrets mine = PerCommitmentSecrets.fromSeed(seed);
 * byte[] s0 = mine.secret(PerCommitmentSecrets.MAX_INDEX); // commitment 0
 * }</pre>
 *
 * <p>{@link #toString} never shows the seed.
 */
public final class PerCommitmentSecrets {
    /** Indices are 48 bits: the first commitment uses {@code 2^48 - 1}. */
    public static final int INDEX_BITS = 48;
    /** The index of commitment number 0. */
    public static final long MAX_INDEX = (1L << INDEX_BITS) - 1;
    /** Seed and secret length in bytes. */
    public static final int SECRET_BYTES = 32;

    private final byte[] seed;

    private PerCommitmentSecrets(byte[] seed) {
        this.seed = seed;
    }

    /**
     * @param seed 32 bytes of secret randomness (copied)
     * @throws IllegalArgumentException if {@code seed} is not 32 bytes
     */
    public static PerCommitmentSecrets fromSeed(byte[] seed) {
        if (seed.length != SECRET_BYTES) {
            throw new IllegalArgumentException("seed must be " + SECRET_BYTES + " bytes, not " + seed.length);
        }
        return new PerCommitmentSecrets(seed.clone());
    }

    /**
     * The secret of {@code index}.
     *
     * @throws IllegalArgumentException if {@code index} is outside {@code [0, MAX_INDEX]}
     */
    public byte[] secret(long index) {
        checkIndex(index);
        return derive(seed, INDEX_BITS, index);
    }

    /** The secret of commitment number {@code n} (index {@code MAX_INDEX - n}). */
    public byte[] secretOfCommitment(long n) {
        if (n < 0 || n > MAX_INDEX) throw new IllegalArgumentException("commitment number out of range: " + n);
        return secret(MAX_INDEX - n);
    }

    @Override
    public String toString() {
        return "PerCommitmentSecrets[seed hidden]";
    }

    static void checkIndex(long index) {
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("index must be in [0, 2^48 - 1], not " + index);
        }
    }

    /**
     * BOLT-3's derivation below a known node: from {@code base} (the value at a node whose lowest
     * {@code bits} index bits are zero), flip and hash for each set bit of {@code index} below
     * {@code bits}, highest first.
     */
    static byte[] derive(byte[] base, int bits, long index) {
        byte[] p = base.clone();
        MessageDigest sha256 = sha256();
        for (int b = bits - 1; b >= 0; b--) {
            if (((index >>> b) & 1) != 0) {
                p[b / 8] ^= (byte) (1 << (b % 8));
                p = sha256.digest(p);
            }
        }
        return p;
    }

    static boolean equalSecrets(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    static byte[] copyOf(byte[] secret) {
        return Arrays.copyOf(secret, secret.length);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
