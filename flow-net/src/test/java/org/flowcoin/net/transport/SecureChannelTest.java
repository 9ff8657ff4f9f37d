package org.flowcoin.net.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.net.NetworkMagic;
import org.flowcoin.net.Samples;
import org.junit.jupiter.api.Test;

class SecureChannelTest {
    static final NetworkMagic MAGIC = Samples.MAGIC;
    final SecureRandom random = new SecureRandom();

    /** Two pipes: initiator to responder and back. */
    static final class Link {
        final Pipe i2r = new Pipe();
        final Pipe r2i = new Pipe();
    }

    record Pair(SecureChannel initiator, SecureChannel responder) {}

    Pair connect(Link link, SecureChannel.Options io, SecureChannel.Options ro) throws Exception {
        Future<SecureChannel> r = CompletableFuture.supplyAsync(() -> {
            try {
                return SecureChannel.accept(link.i2r.in, link.r2i.out, MAGIC, ro, random);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        SecureChannel i;
        try {
            i = SecureChannel.initiate(link.r2i.in, link.i2r.out, MAGIC, io, random);
        } catch (IOException e) {
            link.i2r.out.close(); // unblocks a responder waiting for more after a failure
            try {
                r.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException ignored) {
                // the responder fails too; the initiator's error is the one reported
            }
            throw e;
        }
        return new Pair(i, r.get(10, TimeUnit.SECONDS));
    }

    static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && (t instanceof ExecutionException || t instanceof RuntimeException)) t = t.getCause();
        return t;
    }

    @Test
    void handshakeAgreesAndCarriesData() throws Exception {
        Link link = new Link();
        Future<SecureChannel> r = CompletableFuture.supplyAsync(() -> {
            try {
                return SecureChannel.accept(link.i2r.in, link.r2i.out, MAGIC, SecureChannel.Options.anonymous(), random);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        SecureChannel i = SecureChannel.initiate(link.r2i.in, link.i2r.out, MAGIC, SecureChannel.Options.anonymous(), random);
        SecureChannel resp = r.get(10, TimeUnit.SECONDS);
        assertThat(i.transcriptHash()).isEqualTo(resp.transcriptHash());
        byte[] data = Samples.pattern(200_000, 3);
        i.output().write(data);
        i.output().flush();
        assertThat(resp.input().readNBytes(data.length)).isEqualTo(data);
        resp.output().write(new byte[] {1, 2, 3});
        resp.output().flush();
        assertThat(i.input().readNBytes(3)).containsExactly(1, 2, 3);
        // on the wire the data is not in clear: the records differ from the plaintext
        assertThat(i.remoteIdentity()).isEmpty();
    }

    @Test
    void transcriptsDifferPerSession() throws Exception {
        Pair a = connect(new Link(), SecureChannel.Options.anonymous(), SecureChannel.Options.anonymous());
        Pair b = connect(new Link(), SecureChannel.Options.anonymous(), SecureChannel.Options.anonymous());
        assertThat(a.initiator().transcriptHash()).isNotEqualTo(b.initiator().transcriptHash());
    }

    @Test
    void tamperedRecordOnTheWireIsRejected() throws Exception {
        Link link = new Link();
        Pair p = connect(link, SecureChannel.Options.anonymous(), SecureChannel.Options.anonymous());
        link.i2r.interceptor = b -> {
            b[b.length - 20] ^= 1; // a ciphertext byte of the next record
            return b;
        };
        p.initiator().output().write(Samples.pattern(100, 1));
        p.initiator().output().flush();
        assertThatThrownBy(() -> p.responder().input().read())
                .isInstanceOf(TransportException.class)
                .extracting(e -> ((TransportException) e).reason())
                .isEqualTo(TransportException.Reason.RECORD_AUTHENTICATION_FAILED);
    }

    @Test
    void replayedAndReorderedRecordsAreRejected() throws Exception {
        byte[] key = new byte[32];
        random.nextBytes(key);
        RecordCipher tx = new RecordCipher(key);
        byte[] r0 = tx.seal(new byte[] {1}, 0, 1);
        byte[] r1 = tx.seal(new byte[] {2}, 0, 1);
        RecordCipher rx = new RecordCipher(key);
        assertThat(open(rx, r0)).containsExactly(1);
        assertThatThrownBy(() -> open(rx, r0)).isInstanceOf(TransportException.class); // replay
        RecordCipher rx2 = new RecordCipher(key);
        assertThatThrownBy(() -> open(rx2, r1)).isInstanceOf(TransportException.class); // reordered
        // a changed length field is rejected (it is authenticated data)
        RecordCipher rx3 = new RecordCipher(key);
        byte[] bad = r0.clone();
        bad[0]++;
        assertThatThrownBy(() -> rx3.open(Arrays.copyOf(bad, 4), Arrays.copyOfRange(bad, 4, bad.length)))
                .isInstanceOf(TransportException.class);
        assertThatThrownBy(() -> RecordCipher.checkLength(new byte[] {0, 0, 2, 0})).isInstanceOf(TransportException.class);
        assertThatThrownBy(() -> RecordCipher.checkLength(new byte[] {16, 0, 0, 0})).isInstanceOf(TransportException.class);
    }

    static byte[] open(RecordCipher rx, byte[] record) throws TransportException {
        return rx.open(Arrays.copyOf(record, 4), Arrays.copyOfRange(record, 4, record.length));
    }

    @Test
    void recordLayerIsRfc8439ChaCha20Poly1305WithCounterNonce() throws Exception {
        byte[] key = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        RecordCipher tx = new RecordCipher(key);
        tx.seal(new byte[] {9}, 0, 1); // counter 0
        byte[] rec = tx.seal(Samples.pattern(40, 2), 0, 40); // counter 1
        // independent: Bouncy Castle directly, nonce = 00000000 || 01 00 00 00 00 00 00 00, aad = length field
        ChaCha20Poly1305 c = new ChaCha20Poly1305();
        byte[] nonce = new byte[12];
        nonce[4] = 1;
        c.init(true, new AEADParameters(new KeyParameter(key), 128, nonce, new byte[] {56, 0, 0, 0}));
        byte[] out = new byte[56];
        int n = c.processBytes(Samples.pattern(40, 2), 0, 40, out, 0);
        c.doFinal(out, n);
        assertThat(Arrays.copyOfRange(rec, 4, rec.length)).isEqualTo(out);
        assertThat(Arrays.copyOf(rec, 4)).containsExactly(56, 0, 0, 0);
    }

    @Test
    void substitutedEphemeralKeyFailsKeyConfirmation() throws Exception {
        Link link = new Link();
        byte[] mitmPub = new X25519PrivateKeyParameters(random).generatePublicKey().getEncoded();
        link.r2i.interceptor = b -> {
            if (link.r2i.writes == 1 && b.length == SecureChannel.HELLO_SIZE) System.arraycopy(mitmPub, 0, b, 5, 32);
            return b;
        };
        assertThatThrownBy(() -> connect(link, SecureChannel.Options.anonymous(), SecureChannel.Options.anonymous()))
                .satisfies(t -> assertThat(rootCause(t)).isInstanceOf(TransportException.class)
                        .extracting(e -> ((TransportException) e).reason())
                        .isEqualTo(TransportException.Reason.KEY_CONFIRMATION_FAILED));
    }

    @Test
    void lowOrderKeyAndWrongMagicAreRejected() throws Exception {
        Link link = new Link();
        link.r2i.interceptor = b -> {
            if (b.length == SecureChannel.HELLO_SIZE) Arrays.fill(b, 5, 37, (byte) 0);
            return b;
        };
        assertThatThrownBy(() -> connect(link, SecureChannel.Options.anonymous(), SecureChannel.Options.anonymous()))
                .satisfies(t -> assertThat(((TransportException) rootCause(t)).reason()).isEqualTo(TransportException.Reason.WEAK_KEY));
        Link link2 = new Link();
        link2.r2i.interceptor = b -> {
            if (b.length == SecureChannel.HELLO_SIZE) b[0] ^= 1;
            return b;
        };
        assertThatThrownBy(() -> connect(link2, SecureChannel.Options.anonymous(), SecureChannel.Options.anonymous()))
                .satisfies(t -> assertThat(((TransportException) rootCause(t)).reason()).isEqualTo(TransportException.Reason.BAD_HELLO));
    }

    @Test
    void identitiesAreProvedAndChecked() throws Exception {
        Ed25519PrivateKey alice = Ed25519PrivateKey.fromSeed(Samples.pattern(32, 1));
        Ed25519PrivateKey bob = Ed25519PrivateKey.fromSeed(Samples.pattern(32, 2));
        Ed25519PrivateKey mallory = Ed25519PrivateKey.fromSeed(Samples.pattern(32, 3));
        Pair ok = connect(new Link(),
                new SecureChannel.Options(Optional.of(alice), Optional.of(bob.publicKey())),
                new SecureChannel.Options(Optional.of(bob), Optional.of(alice.publicKey())));
        assertThat(ok.initiator().remoteIdentity()).contains(bob.publicKey());
        assertThat(ok.responder().remoteIdentity()).contains(alice.publicKey());
        // the initiator expects bob but mallory answers
        assertThatThrownBy(() -> connect(new Link(),
                new SecureChannel.Options(Optional.of(alice), Optional.of(bob.publicKey())),
                new SecureChannel.Options(Optional.of(mallory), Optional.empty())))
                .satisfies(t -> assertThat(((TransportException) rootCause(t)).reason()).isEqualTo(TransportException.Reason.IDENTITY_REJECTED));
        // an anonymous peer where an identity is required
        assertThatThrownBy(() -> connect(new Link(),
                new SecureChannel.Options(Optional.empty(), Optional.of(bob.publicKey())),
                SecureChannel.Options.anonymous()))
                .satisfies(t -> assertThat(((TransportException) rootCause(t)).reason()).isEqualTo(TransportException.Reason.IDENTITY_REJECTED));
        assertThat(new SecureChannel.Options(Optional.of(alice), Optional.empty()).toString()).doesNotContain(
                HexFormat.of().formatHex(Samples.pattern(32, 1)));
    }
}
