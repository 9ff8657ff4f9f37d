package org.flowcoin.channels.wire;

import org.flowcoin.channels.ChannelException;
import org.flowcoin.channels.ChannelException.Reason;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.WitnessProgram;

/**
 * The channel messages settled so far (docs/spec/channels.md, section 10), after BOLT-2 with this
 * chain's sizes: 32-byte channel ids, Ed25519 signatures of 64 bytes, hash-lock revocation (a
 * revocation sends the old secret and the revocation hash of the commitment after next). Messages
 * that carry an onion ({@code update_add_htlc}) follow with the onion.
 *
 * <pre>{@code
 * byte[] wire = ChannelMessage.encode(new ChannelMessage.RevokeAndAck(channelId, secret, nextHash));
 * ChannelMessage m = ChannelMessage.decode(wire);   // throws ChannelException
 * }</pre>
 */
public sealed interface ChannelMessage {
    /** Channel ids, secrets, hashes and preimages are 32 bytes; signatures 64. */
    int ID_BYTES = 32;
    int SIGNATURE_BYTES = 64;
    /** Upper bound on one encoded message (BOLT-8's maximum message size). */
    int MAX_BYTES = 65_535;
    /** The most HTLC signatures one commitment_signed may carry (BOLT-2's 2 x 483 HTLCs bound). */
    int MAX_HTLC_SIGNATURES = 966;

    byte[] channelId();

    /** {@code update_fulfill_htlc} (type 130): the preimage that settles HTLC {@code id}. */
    record UpdateFulfillHtlc(byte[] channelId, long id, byte[] preimage) implements ChannelMessage {
        public UpdateFulfillHtlc {
            channelId = fixed(channelId, ID_BYTES, "channel id");
            preimage = fixed(preimage, ID_BYTES, "preimage");
            if (id < 0) throw new IllegalArgumentException("HTLC id must not be negative");
        }
    }

    /** {@code update_fail_htlc} (type 131): HTLC {@code id} failed; {@code reason} is the encrypted error for the payer. */
    record UpdateFailHtlc(byte[] channelId, long id, byte[] reason) implements ChannelMessage {
        public UpdateFailHtlc {
            channelId = fixed(channelId, ID_BYTES, "channel id");
            if (id < 0) throw new IllegalArgumentException("HTLC id must not be negative");
            if (reason.length > 0xffff) throw new IllegalArgumentException("reason longer than 65535 bytes");
            reason = reason.clone();
        }
    }

    /** {@code commitment_signed} (type 132): the sender's signature of the receiver's next commitment and of its HTLC transactions. */
    record CommitmentSigned(byte[] channelId, byte[] signature, List<byte[]> htlcSignatures) implements ChannelMessage {
        public CommitmentSigned {
            channelId = fixed(channelId, ID_BYTES, "channel id");
            signature = fixed(signature, SIGNATURE_BYTES, "signature");
            if (htlcSignatures.size() > MAX_HTLC_SIGNATURES) throw new IllegalArgumentException("too many HTLC signatures");
            List<byte[]> copy = new ArrayList<>();
            for (byte[] s : htlcSignatures) copy.add(fixed(s, SIGNATURE_BYTES, "HTLC signature"));
            htlcSignatures = List.copyOf(copy);
        }
    }

    /**
     * {@code revoke_and_ack} (type 133): the secret of the sender's previous commitment (revoking
     * it) and the revocation hash of its commitment after the next.
     */
    record RevokeAndAck(byte[] channelId, byte[] perCommitmentSecret, byte[] nextRevocationHash) implements ChannelMessage {
        public RevokeAndAck {
            channelId = fixed(channelId, ID_BYTES, "channel id");
            perCommitmentSecret = fixed(perCommitmentSecret, ID_BYTES, "per-commitment secret");
            nextRevocationHash = fixed(nextRevocationHash, ID_BYTES, "revocation hash");
        }

        @Override
        public String toString() {
            return "RevokeAndAck[secret hidden]";
        }
    }

    /**
     * {@code shutdown} (type 38): start a cooperative close paying the sender to {@code script},
     * which must be a standard output (a v0 key-hash or v1 script-hash program), so that the close
     * relays.
     */
    record Shutdown(byte[] channelId, Script script) implements ChannelMessage {
        public Shutdown {
            channelId = fixed(channelId, ID_BYTES, "channel id");
            var program = WitnessProgram.parse(script);
            boolean standard = program.isPresent()
                    && ((program.get().version() == 0 && program.get().program().length == 20)
                        || (program.get().version() == 1 && program.get().program().length == 32));
            if (!standard) throw new IllegalArgumentException("shutdown script must be a v0 key-hash or v1 script-hash output");
        }
    }

    /** {@code closing_signed} (type 39): the sender's fee proposal and its signature of the close. */
    record ClosingSigned(byte[] channelId, long feeHaruki, byte[] signature) implements ChannelMessage {
        public ClosingSigned {
            channelId = fixed(channelId, ID_BYTES, "channel id");
            signature = fixed(signature, SIGNATURE_BYTES, "signature");
            if (feeHaruki < 0) throw new IllegalArgumentException("fee must not be negative");
        }
    }

    /**
     * {@code open_channel} (type 32): the opener's proposal. Keys are static for the channel (no
     * per-commitment key tweaking; see section 1.1); {@code firstRevocationHash} is that of the
     * opener's commitment 0.
     */
    record OpenChannel(byte[] chainHash, byte[] channelId, long fundingHaruki, long pushHaruki, long dustLimit,
                       long channelReserve, long htlcMinimum, long feeratePerKw, int toSelfDelay, int maxAcceptedHtlcs,
                       byte[] fundingKey, byte[] paymentKey, byte[] delayedKey, byte[] htlcKey, byte[] firstRevocationHash)
            implements ChannelMessage {
        public OpenChannel {
            chainHash = fixed(chainHash, ID_BYTES, "chain hash");
            channelId = fixed(channelId, ID_BYTES, "temporary channel id");
            if (fundingHaruki <= 0 || pushHaruki < 0 || pushHaruki > fundingHaruki || dustLimit < 0 || channelReserve < 0
                    || htlcMinimum < 0 || feeratePerKw < 0 || feeratePerKw > 0xffffffffL) {
                throw new IllegalArgumentException("amounts out of range");
            }
            checkLimits(toSelfDelay, maxAcceptedHtlcs);
            fundingKey = fixed(fundingKey, ID_BYTES, "funding key");
            paymentKey = fixed(paymentKey, ID_BYTES, "payment key");
            delayedKey = fixed(delayedKey, ID_BYTES, "delayed key");
            htlcKey = fixed(htlcKey, ID_BYTES, "HTLC key");
            firstRevocationHash = fixed(firstRevocationHash, ID_BYTES, "revocation hash");
        }
    }

    /** {@code accept_channel} (type 33): the accepter's terms and keys for the channel proposed under {@code channelId}. */
    record AcceptChannel(byte[] channelId, long dustLimit, long channelReserve, long htlcMinimum, int minimumDepth,
                         int toSelfDelay, int maxAcceptedHtlcs, byte[] fundingKey, byte[] paymentKey, byte[] delayedKey,
                         byte[] htlcKey, byte[] firstRevocationHash) implements ChannelMessage {
        public AcceptChannel {
            channelId = fixed(channelId, ID_BYTES, "temporary channel id");
            if (dustLimit < 0 || channelReserve < 0 || htlcMinimum < 0 || minimumDepth < 0) {
                throw new IllegalArgumentException("amounts out of range");
            }
            checkLimits(toSelfDelay, maxAcceptedHtlcs);
            fundingKey = fixed(fundingKey, ID_BYTES, "funding key");
            paymentKey = fixed(paymentKey, ID_BYTES, "payment key");
            delayedKey = fixed(delayedKey, ID_BYTES, "delayed key");
            htlcKey = fixed(htlcKey, ID_BYTES, "HTLC key");
            firstRevocationHash = fixed(firstRevocationHash, ID_BYTES, "revocation hash");
        }
    }

    /** {@code funding_created} (type 34): the funding outpoint and the opener's signature of the accepter's commitment 0. */
    record FundingCreated(byte[] channelId, byte[] fundingTxid, int fundingOutputIndex, byte[] signature) implements ChannelMessage {
        public FundingCreated {
            channelId = fixed(channelId, ID_BYTES, "temporary channel id");
            fundingTxid = fixed(fundingTxid, ID_BYTES, "funding txid");
            if (fundingOutputIndex < 0 || fundingOutputIndex > 0xffff) throw new IllegalArgumentException("output index is 16 bits");
            signature = fixed(signature, SIGNATURE_BYTES, "signature");
        }
    }

    /** {@code funding_signed} (type 35): the accepter's signature of the opener's commitment 0, under the final channel id. */
    record FundingSigned(byte[] channelId, byte[] signature) implements ChannelMessage {
        public FundingSigned {
            channelId = fixed(channelId, ID_BYTES, "channel id");
            signature = fixed(signature, SIGNATURE_BYTES, "signature");
        }
    }

    /** {@code channel_ready} (type 36): the funding is deep enough; the revocation hash of the sender's commitment 1. */
    record ChannelReady(byte[] channelId, byte[] nextRevocationHash) implements ChannelMessage {
        public ChannelReady {
            channelId = fixed(channelId, ID_BYTES, "channel id");
            nextRevocationHash = fixed(nextRevocationHash, ID_BYTES, "revocation hash");
        }
    }

    /** The message's type number. */
    static int type(ChannelMessage m) {
        return switch (m) {
            case OpenChannel o -> 32;
            case AcceptChannel a -> 33;
            case FundingCreated f -> 34;
            case FundingSigned f -> 35;
            case ChannelReady r -> 36;
            case Shutdown s -> 38;
            case ClosingSigned c -> 39;
            case UpdateFulfillHtlc f -> 130;
            case UpdateFailHtlc f -> 131;
            case CommitmentSigned c -> 132;
            case RevokeAndAck r -> 133;
        };
    }

    /** {@code u16 type} then the fields, big-endian; lengths as u16. */
    static byte[] encode(ChannelMessage m) {
        ByteBuffer b = ByteBuffer.allocate(MAX_BYTES);
        if (m instanceof OpenChannel o) b.putShort((short) 32).put(o.chainHash()).put(o.channelId());
        else b.putShort((short) type(m)).put(m.channelId());
        switch (m) {
            case OpenChannel o -> b.putLong(o.fundingHaruki()).putLong(o.pushHaruki()).putLong(o.dustLimit())
                    .putLong(o.channelReserve()).putLong(o.htlcMinimum()).putInt((int) o.feeratePerKw())
                    .putShort((short) o.toSelfDelay()).putShort((short) o.maxAcceptedHtlcs())
                    .put(o.fundingKey()).put(o.paymentKey()).put(o.delayedKey()).put(o.htlcKey()).put(o.firstRevocationHash());
            case AcceptChannel a -> b.putLong(a.dustLimit()).putLong(a.channelReserve()).putLong(a.htlcMinimum())
                    .putInt(a.minimumDepth()).putShort((short) a.toSelfDelay()).putShort((short) a.maxAcceptedHtlcs())
                    .put(a.fundingKey()).put(a.paymentKey()).put(a.delayedKey()).put(a.htlcKey()).put(a.firstRevocationHash());
            case FundingCreated f -> b.put(f.fundingTxid()).putShort((short) f.fundingOutputIndex()).put(f.signature());
            case FundingSigned f -> b.put(f.signature());
            case ChannelReady r -> b.put(r.nextRevocationHash());
            case Shutdown s -> b.putShort((short) s.script().size()).put(s.script().toByteArray());
            case ClosingSigned c -> b.putLong(c.feeHaruki()).put(c.signature());
            case UpdateFulfillHtlc f -> b.putLong(f.id()).put(f.preimage());
            case UpdateFailHtlc f -> b.putLong(f.id()).putShort((short) f.reason().length).put(f.reason());
            case CommitmentSigned c -> {
                b.put(c.signature()).putShort((short) c.htlcSignatures().size());
                for (byte[] s : c.htlcSignatures()) b.put(s);
            }
            case RevokeAndAck r -> b.put(r.perCommitmentSecret()).put(r.nextRevocationHash());
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    /**
     * Decodes one whole message. Every length is checked against the bytes present before
     * anything is allocated; trailing bytes, unknown types and out-of-range numbers are refused.
     */
    static ChannelMessage decode(byte[] bytes) throws ChannelException {
        if (bytes.length > MAX_BYTES) throw new ChannelException(Reason.MALFORMED_MESSAGE, "message longer than " + MAX_BYTES + " bytes");
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int type = u16(b);
        byte[] chainHash = type == 32 ? take(b, ID_BYTES) : null;
        byte[] id = take(b, ID_BYTES);
        ChannelMessage m;
        try {
            m = decodeBody(type, chainHash, id, b);
        } catch (IllegalArgumentException e) {
            throw new ChannelException(Reason.MALFORMED_MESSAGE, "invalid message type " + type + ": " + e.getMessage());
        }
        if (b.hasRemaining()) throw new ChannelException(Reason.MALFORMED_MESSAGE, b.remaining() + " trailing bytes after message type " + type);
        return m;
    }

    private static ChannelMessage decodeBody(int type, byte[] chainHash, byte[] id, ByteBuffer b) throws ChannelException {
        return switch (type) {
            case 32 -> new OpenChannel(chainHash, id, u64(b), u64(b), u64(b), u64(b), u64(b), u32(b), u16(b), u16(b),
                    take(b, ID_BYTES), take(b, ID_BYTES), take(b, ID_BYTES), take(b, ID_BYTES), take(b, ID_BYTES));
            case 33 -> new AcceptChannel(id, u64(b), u64(b), u64(b), int31(b, "minimum depth"),
                    u16(b), u16(b), take(b, ID_BYTES), take(b, ID_BYTES), take(b, ID_BYTES), take(b, ID_BYTES), take(b, ID_BYTES));
            case 34 -> new FundingCreated(id, take(b, ID_BYTES), u16(b), take(b, SIGNATURE_BYTES));
            case 35 -> new FundingSigned(id, take(b, SIGNATURE_BYTES));
            case 36 -> new ChannelReady(id, take(b, ID_BYTES));
            case 38 -> new Shutdown(id, Script.of(take(b, u16(b))));
            case 39 -> new ClosingSigned(id, nonNegative(u64(b), "fee"), take(b, SIGNATURE_BYTES));
            case 130 -> new UpdateFulfillHtlc(id, nonNegative(u64(b), "HTLC id"), take(b, ID_BYTES));
            case 131 -> new UpdateFailHtlc(id, nonNegative(u64(b), "HTLC id"), take(b, u16(b)));
            case 132 -> {
                byte[] sig = take(b, SIGNATURE_BYTES);
                int n = u16(b);
                if (n > MAX_HTLC_SIGNATURES) throw new ChannelException(Reason.MALFORMED_MESSAGE, n + " HTLC signatures, at most " + MAX_HTLC_SIGNATURES);
                if ((long) n * SIGNATURE_BYTES > b.remaining()) throw new ChannelException(Reason.MALFORMED_MESSAGE, "truncated HTLC signatures");
                List<byte[]> sigs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) sigs.add(take(b, SIGNATURE_BYTES));
                yield new CommitmentSigned(id, sig, sigs);
            }
            case 133 -> new RevokeAndAck(id, take(b, ID_BYTES), take(b, ID_BYTES));
            default -> throw new ChannelException(Reason.MALFORMED_MESSAGE, "unknown channel message type " + type);
        };
    }

    private static byte[] fixed(byte[] v, int n, String what) {
        if (v.length != n) throw new IllegalArgumentException(what + " must be " + n + " bytes, not " + v.length);
        return v.clone();
    }

    private static int u16(ByteBuffer b) throws ChannelException {
        if (b.remaining() < 2) throw new ChannelException(Reason.MALFORMED_MESSAGE, "truncated message");
        return b.getShort() & 0xffff;
    }

    private static long u32(ByteBuffer b) throws ChannelException {
        if (b.remaining() < 4) throw new ChannelException(Reason.MALFORMED_MESSAGE, "truncated message");
        return b.getInt() & 0xffffffffL;
    }

    private static int int31(ByteBuffer b, String what) throws ChannelException {
        long v = u32(b);
        if (v > Integer.MAX_VALUE) throw new ChannelException(Reason.MALFORMED_MESSAGE, what + " out of range");
        return (int) v;
    }

    private static void checkLimits(int toSelfDelay, int maxAcceptedHtlcs) {
        if (toSelfDelay < 1 || toSelfDelay > 0xffff) throw new IllegalArgumentException("to_self_delay must be 1..65535");
        if (maxAcceptedHtlcs < 1 || maxAcceptedHtlcs > 483) throw new IllegalArgumentException("max_accepted_htlcs must be 1..483");
    }

    private static long u64(ByteBuffer b) throws ChannelException {
        if (b.remaining() < 8) throw new ChannelException(Reason.MALFORMED_MESSAGE, "truncated message");
        return b.getLong();
    }

    private static long nonNegative(long v, String what) throws ChannelException {
        if (v < 0) throw new ChannelException(Reason.MALFORMED_MESSAGE, what + " out of range");
        return v;
    }

    private static byte[] take(ByteBuffer b, int n) throws ChannelException {
        if (n > b.remaining()) throw new ChannelException(Reason.MALFORMED_MESSAGE, "truncated message: " + n + " bytes needed, " + b.remaining() + " left");
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }
}
