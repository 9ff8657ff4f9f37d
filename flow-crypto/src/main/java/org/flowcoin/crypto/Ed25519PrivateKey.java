package org.flowcoin.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/** An Ed25519 private key (its 32-byte seed). Never printed; wipe with {@link #destroy()}. */
public final class Ed25519PrivateKey {
    private final byte[] seed;
    private final Ed25519PublicKey publicKey;
    private volatile boolean destroyed;

    private Ed25519PrivateKey(byte[] seed) {
        this.seed = seed;
        byte[] pub = new byte[Ed25519.PUBLIC_KEY_SIZE];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pub, 0);
        this.publicKey = Ed25519PublicKey.of(pub);
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
        byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, message, 0, message.length, sig, 0);
        return sig;
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
