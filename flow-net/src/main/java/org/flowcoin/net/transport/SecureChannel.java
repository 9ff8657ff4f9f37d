package org.flowcoin.net.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.flowcoin.crypto.Ed25519;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.crypto.Ed25519PublicKey;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.net.NetworkMagic;

/**
 * The optional encrypted transport (docs/spec/p2p.md §5): an ephemeral X25519 exchange, keys derived
 * with HKDF-SHA256 over the transcript, ChaCha20-Poly1305 records with per-direction keys and counters,
 * and a key-confirmation step in which each side proves, under the new keys, that it saw the same
 * transcript; optionally each side also signs the transcript with a long-term Ed25519 identity.
 * After {@link #initiate} or {@link #accept} returns, {@link #input()} and {@link #output()} carry
 * the ordinary framed byte stream.
 *
 * <pre>{@code
 * SecureChannel ch = SecureChannel.initiate(socket.getInputStream(), socket.getOutputStream(),
 *         magic, SecureChannel.Options.anonymous(), new SecureRandom());
 * ch.output().write(frameBytes);
 * ch.output().flush();
 * }</pre>
 */
public final class SecureChannel {
    static final int VERSION = 1;
    static final int HELLO_SIZE = 4 + 1 + 32;
    static final byte[] TRANSCRIPT_LABEL = "flowcoin-p2p-transport-v1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] AUTH_LABEL = "flowcoin-p2p-auth-v1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] INFO_I2R = "flowcoin i2r".getBytes(StandardCharsets.US_ASCII);
    static final byte[] INFO_R2I = "flowcoin r2i".getBytes(StandardCharsets.US_ASCII);
    static final byte ROLE_INITIATOR = 1;
    static final byte ROLE_RESPONDER = 2;

    /**
     * Identity settings of one side: an optional own Ed25519 identity to prove, and an optional
     * identity the peer must prove.
     */
    public record Options(Optional<Ed25519PrivateKey> identity, Optional<Ed25519PublicKey> expectedPeer) {
        public Options {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(expectedPeer, "expectedPeer");
        }

        /** No identities: encryption and key confirmation only. */
        public static Options anonymous() {
            return new Options(Optional.empty(), Optional.empty());
        }

        @Override
        public String toString() {
            return "Options[identity=" + identity.map(k -> k.publicKey().toHex()).orElse("none")
                    + ", expectedPeer=" + expectedPeer.map(Ed25519PublicKey::toHex).orElse("any") + "]";
        }
    }

    private final InputStream rawIn;
    private final OutputStream rawOut;
    private final RecordCipher sendCipher;
    private final RecordCipher recvCipher;
    private final byte[] transcriptHash;
    private final Ed25519PublicKey remoteIdentity;
    private final RecordInput input = new RecordInput();
    private final RecordOutput output = new RecordOutput();

    private SecureChannel(InputStream in, OutputStream out, RecordCipher send, RecordCipher recv, byte[] th, Ed25519PublicKey remote) {
        this.rawIn = in;
        this.rawOut = out;
        this.sendCipher = send;
        this.recvCipher = recv;
        this.transcriptHash = th;
        this.remoteIdentity = remote;
    }

    /** Runs the handshake as the connecting side. */
    public static SecureChannel initiate(InputStream in, OutputStream out, NetworkMagic magic, Options options, SecureRandom random)
            throws IOException {
        return handshake(in, out, magic, options, random, true);
    }

    /** Runs the handshake as the accepting side. */
    public static SecureChannel accept(InputStream in, OutputStream out, NetworkMagic magic, Options options, SecureRandom random)
            throws IOException {
        return handshake(in, out, magic, options, random, false);
    }

    private static SecureChannel handshake(InputStream in, OutputStream out, NetworkMagic magic, Options options,
                                           SecureRandom random, boolean initiator) throws IOException {
        byte[] eph = new byte[32];
        random.nextBytes(eph);
        byte[] myHello = new byte[HELLO_SIZE];
        System.arraycopy(magic.toByteArray(), 0, myHello, 0, 4);
        myHello[4] = VERSION;
        System.arraycopy(JdkCrypto.x25519Public(eph), 0, myHello, 5, 32);
        byte[] peerHello;
        if (initiator) {
            out.write(myHello);
            out.flush();
            peerHello = readHello(in, magic);
        } else {
            peerHello = readHello(in, magic);
            out.write(myHello);
            out.flush();
        }
        byte[] helloI = initiator ? myHello : peerHello;
        byte[] helloR = initiator ? peerHello : myHello;

        byte[] shared;
        try {
            shared = JdkCrypto.x25519(eph, Arrays.copyOfRange(peerHello, 5, 37));
        } catch (java.security.InvalidKeyException e) {
            throw new TransportException(TransportException.Reason.WEAK_KEY, "key agreement gave the zero secret");
        } finally {
            Arrays.fill(eph, (byte) 0);
        }
        byte[] th = Keccak.keccak256(concat(TRANSCRIPT_LABEL, helloI, helloR));
        byte[] kI2R = hkdf(shared, th, INFO_I2R);
        byte[] kR2I = hkdf(shared, th, INFO_R2I);
        Arrays.fill(shared, (byte) 0);
        RecordCipher send = new RecordCipher(initiator ? kI2R : kR2I);
        RecordCipher recv = new RecordCipher(initiator ? kR2I : kI2R);
        Arrays.fill(kI2R, (byte) 0);
        Arrays.fill(kR2I, (byte) 0);

        byte myRole = initiator ? ROLE_INITIATOR : ROLE_RESPONDER;
        byte peerRole = initiator ? ROLE_RESPONDER : ROLE_INITIATOR;
        byte[] fin = finished(myRole, th, options.identity());
        byte[] rec = send.seal(fin, 0, fin.length);
        out.write(rec);
        out.flush();

        byte[] lf = readFully(in, RecordCipher.LENGTH_SIZE);
        byte[] ct = readFully(in, RecordCipher.checkLength(lf));
        byte[] peerFin;
        try {
            peerFin = recv.open(lf, ct);
        } catch (TransportException e) {
            throw new TransportException(TransportException.Reason.KEY_CONFIRMATION_FAILED, "peer did not derive the same keys");
        }
        Ed25519PublicKey remote = checkFinished(peerFin, peerRole, th, options.expectedPeer());
        return new SecureChannel(in, out, send, recv, th, remote);
    }

    static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info) {
        return JdkCrypto.hkdfSha256(ikm, salt, info);
    }

    /** role (1) || transcript hash (32) || flags (1; bit 0: identity follows) || [public key (32) || signature (64)]. */
    static byte[] finished(byte role, byte[] th, Optional<Ed25519PrivateKey> identity) {
        byte[] f = new byte[1 + 32 + 1 + (identity.isPresent() ? 96 : 0)];
        f[0] = role;
        System.arraycopy(th, 0, f, 1, 32);
        if (identity.isPresent()) {
            f[33] = 1;
            System.arraycopy(identity.get().publicKey().toByteArray(), 0, f, 34, 32);
            System.arraycopy(identity.get().sign(authMessage(role, th)), 0, f, 66, 64);
        }
        return f;
    }

    static byte[] authMessage(byte role, byte[] th) {
        return concat(AUTH_LABEL, new byte[] {role}, th);
    }

    private static Ed25519PublicKey checkFinished(byte[] f, byte role, byte[] th, Optional<Ed25519PublicKey> expected)
            throws TransportException {
        boolean shape = (f.length == 34 && f[33] == 0) || (f.length == 130 && f[33] == 1);
        if (!shape || f[0] != role || !MessageDigest.isEqual(Arrays.copyOfRange(f, 1, 33), th)) {
            throw new TransportException(TransportException.Reason.KEY_CONFIRMATION_FAILED, "finished message does not match the transcript");
        }
        Ed25519PublicKey remote = null;
        if (f[33] == 1) {
            byte[] pub = Arrays.copyOfRange(f, 34, 66);
            byte[] sig = Arrays.copyOfRange(f, 66, 130);
            if (!Ed25519.verify(pub, authMessage(role, th), sig)) {
                throw new TransportException(TransportException.Reason.IDENTITY_REJECTED, "identity signature invalid");
            }
            remote = Ed25519PublicKey.of(pub);
        }
        if (expected.isPresent() && !expected.get().equals(remote)) {
            throw new TransportException(TransportException.Reason.IDENTITY_REJECTED, "peer is not the expected identity");
        }
        return remote;
    }

    private static byte[] readHello(InputStream in, NetworkMagic magic) throws IOException {
        byte[] h = readFully(in, HELLO_SIZE);
        if (!magic.matches(h, 0) || h[4] != VERSION) throw new TransportException(TransportException.Reason.BAD_HELLO, "wrong magic or version");
        return h;
    }

    static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) throw new EOFException("connection closed");
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    /** Keccak-256 of the two hellos: unique per session, bound into the keys and the confirmations. */
    public byte[] transcriptHash() {
        return transcriptHash.clone();
    }

    /** The identity the peer proved, if it sent one. */
    public Optional<Ed25519PublicKey> remoteIdentity() {
        return Optional.ofNullable(remoteIdentity);
    }

    /** Decrypted bytes from the peer. Not for concurrent readers. */
    public InputStream input() {
        return input;
    }

    /** Bytes to the peer, sealed into records on {@code flush()} or every 64 KiB. Not for concurrent writers. */
    public OutputStream output() {
        return output;
    }

    private final class RecordInput extends InputStream {
        private byte[] buf = new byte[0];
        private int pos;

        private boolean fill() throws IOException {
            while (pos == buf.length) {
                byte[] lf = rawIn.readNBytes(RecordCipher.LENGTH_SIZE);
                if (lf.length == 0) return false;
                if (lf.length != RecordCipher.LENGTH_SIZE) throw new EOFException("truncated record");
                byte[] ct = readFully(rawIn, RecordCipher.checkLength(lf));
                buf = recvCipher.open(lf, ct);
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? buf[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) return 0;
            if (!fill()) return -1;
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return buf.length - pos;
        }

        @Override
        public void close() throws IOException {
            rawIn.close();
        }
    }

    private final class RecordOutput extends OutputStream {
        private final byte[] buf = new byte[RecordCipher.MAX_PLAINTEXT];
        private int n;

        @Override
        public void write(int b) throws IOException {
            if (n == buf.length) sealBuffer();
            buf[n++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            while (len > 0) {
                if (n == buf.length) sealBuffer();
                int k = Math.min(len, buf.length - n);
                System.arraycopy(b, off, buf, n, k);
                n += k;
                off += k;
                len -= k;
            }
        }

        private void sealBuffer() throws IOException {
            if (n == 0) return;
            rawOut.write(sendCipher.seal(buf, 0, n));
            n = 0;
        }

        @Override
        public void flush() throws IOException {
            sealBuffer();
            rawOut.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
            rawOut.close();
        }
    }

    @Override
    public String toString() {
        return "SecureChannel[remote=" + (remoteIdentity == null ? "anonymous" : remoteIdentity.toHex()) + "]";
    }
}
