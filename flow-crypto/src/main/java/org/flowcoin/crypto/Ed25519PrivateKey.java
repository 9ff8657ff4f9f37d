package org.flowcoin.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * An Ed25519 private key (its 32-byte seed). Never printed; wipe with {@link #destroy()}.
 *
 * <p>Key derivation and signing use the JDK's own Ed25519 (RFC 8032, the SunEC provider, written
 * to run in constant time), so this module needs no third-party library. Verification, with the
 * consensus rules, is this SDK's own code ({@link Ed25519}).
 */
public final class Ed25519PrivateKey {
    private final byte[] seed;
    private final Ed25519PublicKey publicKey;
    private volatile boolean destroyed;

    private Ed25519PrivateKey(byte[] seed) {
        this.seed = seed;
        this.publicKey = Ed25519PublicKey.of(publicKeyOf(seed));
    }

    /** A key from a 32-byte seed (copied). */
    public static Ed25519PrivateKey fromSeed(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != Ed25519.SEED_SIZE) {
            throw new IllegalArgumentException("Ed25519 seed must be 32 bytes");
        }
        return new Ed25519PrivateKey(seed.clone());
    }

    /** A fresh random key. */
    public static Ed25519PrivateKey generate(SecureRandom random) {
        byte[] seed = new byte[Ed25519.SEED_SIZE];
        random.nextBytes(seed);
        return new Ed25519PrivateKey(seed);
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** Signs {@code message} (RFC 8032, deterministic). */
    public byte[] sign(byte[] message) {
        checkLive();
        try {
            PrivateKey k = KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(k);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's Ed25519 is unavailable", e);
        }
    }

    /**
     * A·B for the seed's clamped scalar, encoded (RFC 8032 section 5.1.5). The JDK exposes this only
     * through key-pair generation, so the generator is handed the seed as its "random" bytes: it
     * draws exactly one 32-byte private key from its source.
     */
    static byte[] publicKeyOf(byte[] seed) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(NamedParameterSpec.ED25519, new SeedSource(seed));
            EdECPoint p = ((EdECPublicKey) g.generateKeyPair().getPublic()).getPoint();
            byte[] out = new byte[Ed25519.PUBLIC_KEY_SIZE];
            byte[] y = p.getY().toByteArray(); // big-endian, at most 32 bytes plus a sign byte
            for (int i = 0; i < y.length && i < 32; i++) out[i] = y[y.length - 1 - i];
            if (p.isXOdd()) out[31] |= (byte) 0x80;
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's Ed25519 is unavailable", e);
        }
    }

    /** Yields the seed as its bytes, once; anything else is a misuse. */
    private static final class SeedSource extends SecureRandom {
        private final byte[] seed;
        private boolean used;

        SeedSource(byte[] seed) {
            super(new byte[0]); // no system entropy is drawn
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (used || bytes.length != seed.length) throw new IllegalStateException("unexpected draw from the seed source");
            used = true;
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }

    /** A copy of the seed; the caller owns (and should wipe) it. */
    public byte[] seedBytes() {
        checkLive();
        return seed.clone();
    }

    /** Overwrites the seed; the key is unusable afterwards. */
    public void destroy() {
        Arrays.fill(seed, (byte) 0);
        destroyed = true;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    private void checkLive() {
        if (destroyed) throw new IllegalStateException("key destroyed");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519PrivateKey other && MessageDigest.isEqual(seed, other.seed);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "Ed25519PrivateKey[redacted, public=" + publicKey.toHex() + "]";
    }
}
