package org.flowcoin.net.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.InvalidKeyException;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

/** The JDK-backed X25519 and HKDF against RFC 7748 / RFC 5869 vectors and Bouncy Castle. */
class JdkCryptoTest {
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void rfc7748Vectors() throws Exception {
        // RFC 7748 section 5.2, first vector; section 6.1 (Alice's public key)
        assertThat(JdkCrypto.x25519(hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
                hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")))
                .isEqualTo(hex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"));
        assertThat(JdkCrypto.x25519Public(hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")))
                .isEqualTo(hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
    }

    @Test
    void agreesWithBouncyCastleIncludingNonCanonicalU() throws Exception {
        Random r = new Random(7748);
        for (int i = 0; i < 300; i++) {
            byte[] k = new byte[32], u = new byte[32];
            r.nextBytes(k);
            r.nextBytes(u);
            if (i % 3 == 0) u[31] |= (byte) 0x80; // the top bit is ignored
            if (i % 50 == 1) { // u >= p = 2^255 - 19
                java.util.Arrays.fill(u, (byte) 0xff);
                u[0] = (byte) (0xee + r.nextInt(17));
            }
            byte[] bc = new byte[32];
            boolean ok = X25519.calculateAgreement(k, 0, u, 0, bc, 0);
            if (!ok) continue;
            assertThat(JdkCrypto.x25519(k, u)).as("case %d", i).isEqualTo(bc);
            byte[] pub = new byte[32];
            X25519.scalarMultBase(k, 0, pub, 0);
            assertThat(JdkCrypto.x25519Public(k)).isEqualTo(pub);
        }
    }

    @Test
    void smallOrderPointIsRefused() {
        assertThatThrownBy(() -> JdkCrypto.x25519(new byte[32], new byte[32])).isInstanceOf(InvalidKeyException.class);
        byte[] one = new byte[32];
        one[0] = 1;
        assertThatThrownBy(() -> JdkCrypto.x25519(hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"), one))
                .isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void hkdfMatchesRfc5869AndBouncyCastle() {
        // RFC 5869 test case 1 (first 32 bytes of the 42-byte OKM)
        byte[] okm = JdkCrypto.hkdfSha256(hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), hex("000102030405060708090a0b0c"),
                hex("f0f1f2f3f4f5f6f7f8f9"));
        assertThat(okm).isEqualTo(hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"));
        Random r = new Random(5869);
        for (int i = 0; i < 100; i++) {
            byte[] ikm = new byte[32], salt = new byte[32], info = new byte[1 + r.nextInt(40)];
            r.nextBytes(ikm);
            r.nextBytes(salt);
            r.nextBytes(info);
            HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
            g.init(new HKDFParameters(ikm, salt, info));
            byte[] bc = new byte[32];
            g.generateBytes(bc, 0, 32);
            assertThat(JdkCrypto.hkdfSha256(ikm, salt, info)).isEqualTo(bc);
        }
    }
}
