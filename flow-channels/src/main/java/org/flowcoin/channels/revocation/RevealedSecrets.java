package org.flowcoin.channels.revocation;

import org.flowcoin.channels.ChannelException;
import static org.flowcoin.channels.revocation.PerCommitmentSecrets.INDEX_BITS;
import static org.flowcoin.channels.revocation.PerCommitmentSecrets.MAX_INDEX;
import static org.flowcoin.channels.revocation.PerCommitmentSecrets.SECRET_BYTES;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.flowcoin.channels.ChannelException.Reason;

/**
 * The counterparty's revealed per-commitment secrets in BOLT-3's compact storage: 49 slots, slot b
 * holding the latest revealed secret whose index has exactly b trailing zero bits (index 0 in slot
 * 48). Every earlier secret derives from one of them, so any revealed secret can be recomputed
 * (for a penalty transaction) from at most 49 x 32 bytes, and each new secret is checked against
 * the slots below its own as it arrives: a secret that was not generated from the counterparty's
 * seed is refused at once or, at the latest, when the secret above it in the tree arrives.
 *
 * <p>Secrets must arrive in order: index {@code 2^48 - 1} first, then each one less (commitment
 * numbers 0, 1, 2, ...). Not thread-safe. {@link #toString} shows no secret.
 */
public final class RevealedSecrets {
    private static final int SLOTS = INDEX_BITS + 1;
    private static final byte ENCODING_VERSION = 1;

    private final byte[][] secrets = new byte[SLOTS][];
    private final long[] indices = new long[SLOTS];
    /** Secrets revealed so far; the next one must carry index {@code MAX_INDEX - count}. */
    private long count;

    /** An empty store: nothing revealed yet. */
    public RevealedSecrets() {}

    /** How many secrets have been revealed (the next commitment number to be revoked). */
    public long count() {
        return count;
    }

    /** The index the next revealed secret must carry; -1 once every index has been revealed. */
    public long nextIndex() {
        return MAX_INDEX - count;
    }

    /**
     * Checks and stores the secret of {@code index}.
     *
     * @throws ChannelException {@code WRONG_LENGTH}, {@code OUT_OF_ORDER},
     *     {@code EXHAUSTED}, or {@code NOT_DERIVABLE} when it does not derive the stored secrets it
     *     must (then this store is unchanged)
     */
    public void insert(long index, byte[] secret) throws ChannelException {
        if (secret.length != SECRET_BYTES) {
            throw new ChannelException(Reason.WRONG_LENGTH, "a secret is " + SECRET_BYTES + " bytes, not " + secret.length);
        }
        if (count > MAX_INDEX) throw new ChannelException(Reason.EXHAUSTED, "every index has been revealed");
        if (index != nextIndex()) {
            throw new ChannelException(Reason.OUT_OF_ORDER, "expected the secret of index " + nextIndex() + ", got " + index);
        }
        int slot = slotOf(index);
        for (int b = 0; b < slot; b++) {
            if (secrets[b] == null) continue; // cannot happen for in-order inserts; decode checks the same
            if (!PerCommitmentSecrets.equalSecrets(PerCommitmentSecrets.derive(secret, slot, indices[b]), secrets[b])) {
                throw new ChannelException(Reason.NOT_DERIVABLE,
                        "the secret of index " + index + " does not derive the stored secret of index " + indices[b]);
            }
        }
        secrets[slot] = PerCommitmentSecrets.copyOf(secret);
        indices[slot] = index;
        count++;
    }

    /**
     * The revealed secret of {@code index}, recomputed from the slots; empty if it has not been
     * revealed (yet).
     *
     * @throws IllegalArgumentException if {@code index} is outside {@code [0, 2^48 - 1]}
     */
    public Optional<byte[]> secret(long index) {
        PerCommitmentSecrets.checkIndex(index);
        for (int b = 0; b < SLOTS; b++) {
            if (secrets[b] == null) continue;
            long mask = b == 64 ? 0 : ~((1L << b) - 1);
            if ((index & mask) == indices[b]) return Optional.of(PerCommitmentSecrets.derive(secrets[b], b, index));
        }
        return Optional.empty();
    }

    /**
     * The canonical encoding: version byte 1, the count as 8 bytes big-endian, then the 32-byte
     * secret of each filled slot in slot order (which slots are filled, and their indices, follow
     * from the count alone).
     */
    public byte[] encode() {
        int filled = 0;
        for (byte[] s : secrets) if (s != null) filled++;
        ByteBuffer out = ByteBuffer.allocate(1 + 8 + filled * SECRET_BYTES);
        out.put(ENCODING_VERSION).putLong(count);
        for (byte[] s : secrets) if (s != null) out.put(s);
        return out.array();
    }

    /**
     * Decodes {@link #encode}'s bytes (untrusted: a file on disk) and checks every stored secret
     * against the ones it must derive, as the inserts did.
     *
     * @throws ChannelException {@code MALFORMED} for a wrong version, count, length, or
     *     secrets that do not derive each other
     */
    public static RevealedSecrets decode(byte[] bytes) throws ChannelException {
        if (bytes.length < 9 || bytes[0] != ENCODING_VERSION) {
            throw new ChannelException(Reason.MALFORMED, "not a version-1 revealed-secrets encoding");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        long count = in.getLong();
        if (count < 0 || count > MAX_INDEX + 1) throw new ChannelException(Reason.MALFORMED, "count out of range: " + count);
        RevealedSecrets r = new RevealedSecrets();
        r.count = count;
        long[] expected = expectedSlots(count);
        int filled = 0;
        for (long e : expected) if (e >= 0) filled++;
        if (in.remaining() != (long) filled * SECRET_BYTES) {
            throw new ChannelException(Reason.MALFORMED,
                    "count " + count + " needs " + filled + " secrets, the encoding has " + in.remaining() + " bytes for them");
        }
        for (int b = 0; b < SLOTS; b++) {
            if (expected[b] < 0) continue;
            byte[] s = new byte[SECRET_BYTES];
            in.get(s);
            r.secrets[b] = s;
            r.indices[b] = expected[b];
        }
        // The checks the inserts made: a slot's secret derives every lower slot inside its subtree.
        for (int j = 1; j < SLOTS; j++) {
            if (r.secrets[j] == null) continue;
            long mask = ~((1L << j) - 1);
            for (int i = 0; i < j; i++) {
                if (r.secrets[i] == null || (r.indices[i] & mask) != r.indices[j]) continue;
                if (!PerCommitmentSecrets.equalSecrets(PerCommitmentSecrets.derive(r.secrets[j], j, r.indices[i]), r.secrets[i])) {
                    throw new ChannelException(Reason.MALFORMED,
                            "stored secret of index " + r.indices[j] + " does not derive that of index " + r.indices[i]);
                }
            }
        }
        return r;
    }

    @Override
    public String toString() {
        return "RevealedSecrets[count=" + count + ", secrets hidden]";
    }

    /** Slot of an index: its number of trailing zero bits, 48 for index 0. */
    static int slotOf(long index) {
        return index == 0 ? INDEX_BITS : Long.numberOfTrailingZeros(index);
    }

    /**
     * For {@code count} in-order inserts, the index each slot holds (-1 if empty): the smallest
     * revealed index, at least {@code MAX_INDEX - count + 1}, with exactly that many trailing zeros.
     */
    static long[] expectedSlots(long count) {
        long[] slots = new long[SLOTS];
        java.util.Arrays.fill(slots, -1);
        if (count == 0) return slots;
        long lowest = MAX_INDEX - count + 1;
        for (int b = 0; b < INDEX_BITS; b++) {
            long step = 1L << b;
            long c = ((lowest + step - 1) >>> b) << b; // lowest multiple of 2^b at or above it
            if (((c >>> b) & 1) == 0) c += step;       // exactly b trailing zeros: an odd multiple
            if (c <= MAX_INDEX) slots[b] = c;
        }
        if (lowest == 0) slots[INDEX_BITS] = 0;
        return slots;
    }
}
