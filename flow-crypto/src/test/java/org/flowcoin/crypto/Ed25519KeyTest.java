package org.flowcoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Keys, signing, cross-checks against Bouncy Castle, and secret hygiene. */
class Ed25519KeyTest {
    @Test
    void singleVerificationAgreesWithBouncyCastleOnRandomSignatures() {
        Random r = new Random(42);
        int n = Math.max(200, Integer.getInteger("flow.fuzz.iterations", 20000) / 40);
        for (int i = 0; i < n; i++) {
            byte[] seed = new byte[32];
            r.nextBytes(seed);
            byte[] msg = new byte[r.nextInt(300)];
            r.nextBytes(msg);
            Ed25519PrivateKey k = Ed25519PrivateKey.fromSeed(seed);
            byte[] pub = k.publicKey().toByteArray();
            byte[] sig = k.sign(msg);
            if (i % 2 == 1) {
                // corrupt one random bit of (pub || sig || msg)
                int which = r.nextInt(3);
                byte[] t = which == 0 ? pub : which == 1 || msg.length == 0 ? sig : msg;
                t[r.nextInt(t.length)] ^= (byte) (1 << r.nextInt(8));
            }
            boolean bc = org.bouncycastle.math.ec.rfc8032.Ed25519.verify(sig, 0, pub, 0, msg, 0, msg.length);
            assertThat(Ed25519.verify(pub, msg, sig)).as("case %d", i).isEqualTo(bc).isEqualTo(i % 2 == 0);
        }
    }

    @Test
    void wrongLengthsAndNullsGiveFalseNeverAnException() {
        Ed25519PrivateKey k = Ed25519PrivateKey.generate(new SecureRandom());
        byte[] msg = {1, 2, 3};
        byte[] sig = k.sign(msg);
        byte[] pub = k.publicKey().toByteArray();
        assertThat(Ed25519.verify(pub, msg, sig)).isTrue();
        for (int len : new int[] {0, 1, 31, 33, 64}) {
            assertThat(Ed25519.verify(new byte[len], msg, sig)).isFalse();
        }
        for (int len : new int[] {0, 32, 63, 65, 128}) {
            assertThat(Ed25519.verify(pub, msg, new byte[len])).isFalse();
        }
        assertThat(Ed25519.verify(null, msg, sig)).isFalse();
        assertThat(Ed25519.verify(pub, null, sig)).isFalse();
        assertThat(Ed25519.verify(pub, msg, null)).isFalse();
        assertThat(k.publicKey().verify(msg, sig)).isTrue();
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(7);
        int n = Math.max(500, Integer.getInteger("flow.fuzz.iterations", 20000) / 20);
        for (int i = 0; i < n; i++) {
            byte[] pub = new byte[32], sig = new byte[64], msg = new byte[r.nextInt(10)];
            r.nextBytes(pub);
            r.nextBytes(sig);
            if (r.nextBoolean()) sig[63] &= 0x0f; // often a canonical S, so the equation is reached
            assertThat(Ed25519.verify(pub, msg, sig)).isFalse();
        }
    }

    @Test
    void signingIsDeterministicAndMatchesBouncyCastle() {
        byte[] seed = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        Ed25519PrivateKey k = Ed25519PrivateKey.fromSeed(seed);
        byte[] msg = "flow".getBytes();
        byte[] bc = new byte[64];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, msg, 0, msg.length, bc, 0);
        assertThat(k.sign(msg)).isEqualTo(bc).isEqualTo(k.sign(msg));
    }

    /**
     * The JDK-backed key derivation and signing against Bouncy Castle's, an independent
     * implementation: seeds with every high and low bit pattern (public keys whose x is odd and
     * even, y with leading zero bytes) and messages of every length 0..300.
     */
    @Test
    void keysAndSignaturesMatchBouncyCastleOnRandomSeeds() {
        Random r = new Random(8032);
        int xOdd = 0;
        for (int i = 0; i < 600; i++) {
            byte[] seed = new byte[32];
            if (i == 1) java.util.Arrays.fill(seed, (byte) 0xff);
            else if (i > 1) r.nextBytes(seed);
            byte[] pub = new byte[32];
            org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pub, 0);
            Ed25519PrivateKey k = Ed25519PrivateKey.fromSeed(seed);
            assertThat(k.publicKey().toByteArray()).as("seed %d", i).isEqualTo(pub);
            if ((pub[31] & 0x80) != 0) xOdd++;
            byte[] msg = new byte[i % 301];
            r.nextBytes(msg);
            byte[] bc = new byte[64];
            org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, msg, 0, msg.length, bc, 0);
            assertThat(k.sign(msg)).as("seed %d", i).isEqualTo(bc);
            assertThat(Ed25519.verify(k.publicKey().toByteArray(), msg, bc)).isTrue();
        }
        assertThat(xOdd).isBetween(200, 400); // both signs of x were exercised
    }

    @Test
    void privateKeyIsRedactedAndWipedOnDestroy() throws Exception {
        byte[] seed = new byte[32];
        new Random(3).nextBytes(seed);
        Ed25519PrivateKey k = Ed25519PrivateKey.fromSeed(seed);
        String hexSeed = HexFormat.of().formatHex(seed);
        assertThat(k.toString()).doesNotContain(hexSeed).doesNotContain(hexSeed.substring(0, 8)).contains("redacted");
        assertThat(k.seedBytes()).isEqualTo(seed);
        assertThat(k).isEqualTo(Ed25519PrivateKey.fromSeed(seed));
        seed[0] ^= 1; // the key holds its own copy
        assertThat(k.seedBytes()).isNotEqualTo(seed);

        Field f = Ed25519PrivateKey.class.getDeclaredField("seed");
        f.setAccessible(true);
        byte[] inner = (byte[]) f.get(k);
        k.destroy();
        assertThat(k.isDestroyed()).isTrue();
        assertThat(inner).containsOnly((byte) 0);
        assertThatThrownBy(k::seedBytes).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> k.sign(new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThat(k.toString()).doesNotContain(hexSeed);
    }

    @Test
    void badSeedAndKeyLengthsAreRejected() {
        assertThatThrownBy(() -> Ed25519PrivateKey.fromSeed(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ed25519PublicKey.of(new byte[33])).isInstanceOf(IllegalArgumentException.class);
        Ed25519PublicKey p = Ed25519PublicKey.of(new byte[32]);
        assertThat(p.toHex()).isEqualTo("00".repeat(32));
        assertThat(p).isEqualTo(Ed25519PublicKey.of(new byte[32]));
    }
}
