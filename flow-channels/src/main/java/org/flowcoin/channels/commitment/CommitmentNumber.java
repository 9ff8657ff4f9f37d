package org.flowcoin.channels.commitment;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.OptionalLong;

/**
 * The commitment number, hidden in a commitment transaction's lock time and its one input's
 * sequence (BOLT-3 "Commitment Transaction"): the 48-bit number is XORed with an obscuring factor
 * known only to the two parties, its upper 24 bits go into the low 24 bits of the sequence under
 * the marker byte {@code 0x80}, its lower 24 bits into the low 24 bits of the lock time under the
 * marker byte {@code 0x20}. An outsider sees neither how many payments the channel made nor which
 * commitments belong together; the parties recover the number of a broadcast commitment at once
 * (to find the revocation secret for a penalty).
 *
 * <p>Consensus effect: the sequence has bit 31 set (no relative lock) and is not final, and a lock
 * time of {@code 0x20xxxxxx} is a Unix time in 1987, so the lock time never delays the transaction.
 */
public final class CommitmentNumber {
    private CommitmentNumber() {}

    /** Commitment numbers are 48 bits. */
    public static final long MAX = (1L << 48) - 1;
    static final int LOCKTIME_MARKER = 0x20;
    static final int SEQUENCE_MARKER = 0x80;

    /**
     * The obscuring factor: the low 48 bits of SHA-256(opener's payment basepoint || accepter's
     * payment basepoint), read big-endian (BOLT-3, unchanged, with this chain's 32-byte keys).
     */
    public static long obscuringFactor(byte[] openerPaymentBasepoint, byte[] accepterPaymentBasepoint) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        sha256.update(openerPaymentBasepoint);
        byte[] h = sha256.digest(accepterPaymentBasepoint);
        long f = 0;
        for (int i = 26; i < 32; i++) f = (f << 8) | (h[i] & 0xff);
        return f;
    }

    /** The lock time of commitment {@code n}. */
    public static int lockTime(long n, long factor) {
        long obscured = obscure(n, factor);
        return (LOCKTIME_MARKER << 24) | (int) (obscured & 0xffffff);
    }

    /** The input sequence of commitment {@code n}. */
    public static int sequence(long n, long factor) {
        long obscured = obscure(n, factor);
        return (SEQUENCE_MARKER << 24) | (int) ((obscured >>> 24) & 0xffffff);
    }

    /**
     * The commitment number a transaction's lock time and sequence carry, or empty when they do
     * not have the markers of a commitment transaction (a cooperative close, say).
     */
    public static OptionalLong recover(int lockTime, int sequence, long factor) {
        checkFactor(factor);
        if ((lockTime >>> 24) != LOCKTIME_MARKER || (sequence >>> 24) != SEQUENCE_MARKER) return OptionalLong.empty();
        long obscured = ((long) (sequence & 0xffffff) << 24) | (lockTime & 0xffffff);
        return OptionalLong.of(obscured ^ factor);
    }

    private static long obscure(long n, long factor) {
        if (n < 0 || n > MAX) throw new IllegalArgumentException("commitment number must be in [0, 2^48 - 1], not " + n);
        checkFactor(factor);
        return n ^ factor;
    }

    private static void checkFactor(long factor) {
        if (factor < 0 || factor > MAX) throw new IllegalArgumentException("obscuring factor is 48 bits");
    }
}
