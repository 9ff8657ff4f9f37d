package org.flowcoin.channels.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.flowcoin.channels.revocation.RevealedSecrets;
import org.flowcoin.channels.ChannelException;
import org.flowcoin.channels.ChannelException.Reason;
import org.flowcoin.crypto.Keccak;

/**
 * What one side must never forget about a channel (docs/spec/channels.md, section 9): which of its
 * own commitments it has revoked (it must never sign or broadcast those again), the latest
 * commitment numbers, the balances, and the counterparty's revealed secrets (to punish).
 *
 * @param version one more at every change, from 0
 * @param localCommitment the number of this side's current commitment
 * @param revokedLocalBelow every own commitment with a smaller number has been revoked (its secret sent)
 * @param remoteCommitment the number of the counterparty's current commitment
 * @param toLocal this side's balance in haruki
 * @param toRemote the counterparty's balance in haruki
 * @param revealed the counterparty's revealed secrets
 */
public record ChannelState(long version, long localCommitment, long revokedLocalBelow, long remoteCommitment,
                           long toLocal, long toRemote, RevealedSecrets revealed) {
    static final byte[] MAGIC = {'F', 'L', 'C', 'H'};
    static final byte FORMAT = 1;
    private static final int FIXED = 4 + 1 + 6 * 8 + 4;
    private static final int CHECKSUM = 32;
    /** Upper bound on an encoded state (49 slots of secrets and the fixed part). */
    static final int MAX_BYTES = FIXED + 9 + 49 * 32 + CHECKSUM;

    public ChannelState {
        if (version < 0 || localCommitment < 0 || remoteCommitment < 0 || toLocal < 0 || toRemote < 0) {
            throw new IllegalArgumentException("channel state fields must not be negative");
        }
        if (revokedLocalBelow < 0 || revokedLocalBelow > localCommitment) {
            throw new IllegalArgumentException("revokedLocalBelow must be in [0, localCommitment]: the current commitment is never revoked");
        }
    }

    /** A new channel: commitment 0 on both sides, nothing revoked. */
    public static ChannelState opened(long toLocal, long toRemote) {
        return new ChannelState(0, 0, 0, 0, toLocal, toRemote, new RevealedSecrets());
    }

    /** Whether this side may sign or broadcast its commitment {@code n}. */
    public boolean mayUseLocalCommitment(long n) {
        return n >= revokedLocalBelow;
    }

    /** The canonical bytes: magic, format, the fixed fields big-endian, the secrets, then Keccak-256 of all of it. */
    public byte[] encode() {
        byte[] secrets = revealed.encode();
        ByteBuffer b = ByteBuffer.allocate(FIXED + secrets.length + CHECKSUM);
        b.put(MAGIC).put(FORMAT).putLong(version).putLong(localCommitment).putLong(revokedLocalBelow)
                .putLong(remoteCommitment).putLong(toLocal).putLong(toRemote).putInt(secrets.length).put(secrets);
        b.put(Keccak.keccak256(Arrays.copyOf(b.array(), b.position())));
        return b.array();
    }

    /** Decodes and checks {@link #encode}'s bytes (untrusted: a file that may be damaged). */
    public static ChannelState decode(byte[] bytes) throws ChannelException {
        if (bytes.length < FIXED + CHECKSUM || bytes.length > MAX_BYTES) throw corrupt("length " + bytes.length);
        int body = bytes.length - CHECKSUM;
        if (!Arrays.equals(Keccak.keccak256(Arrays.copyOf(bytes, body)), Arrays.copyOfRange(bytes, body, bytes.length))) {
            throw corrupt("checksum mismatch");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, body);
        byte[] magic = new byte[4];
        b.get(magic);
        if (!Arrays.equals(magic, MAGIC) || b.get() != FORMAT) throw corrupt("not a format-1 channel state");
        long version = b.getLong(), local = b.getLong(), revokedBelow = b.getLong(), remote = b.getLong();
        long toLocal = b.getLong(), toRemote = b.getLong();
        int n = b.getInt();
        if (n != b.remaining()) throw corrupt("secrets length " + n + " but " + b.remaining() + " bytes follow");
        byte[] secrets = new byte[n];
        b.get(secrets);
        try {
            return new ChannelState(version, local, revokedBelow, remote, toLocal, toRemote, RevealedSecrets.decode(secrets));
        } catch (ChannelException | IllegalArgumentException e) {
            throw corrupt(e.getMessage());
        }
    }

    private static ChannelException corrupt(String why) {
        return new ChannelException(Reason.CORRUPT, "not a valid channel state: " + why);
    }
}
