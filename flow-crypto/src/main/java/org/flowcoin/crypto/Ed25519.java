package org.flowcoin.crypto;

import java.util.Objects;

/**
 * Ed25519 (RFC 8032, SHA-512) under FlowCoin's consensus verification rules (docs/spec/crypto.md).
 *
 * <pre>{@code
 * Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(seed);
 * byte[] sig = key.sign(message);
 * boolean ok = Ed25519.verify(key.publicKey().toByteArray(), message, sig);
 * }</pre>
 */
public final class Ed25519 {
    public static final int SEED_SIZE = 32;
    public static final int PUBLIC_KEY_SIZE = 32;
    public static final int SIGNATURE_SIZE = 64;

    private Ed25519() {}

    /** Verifies {@code sig} over {@code message} under the consensus rules; never throws for bad input. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        Objects.requireNonNull(message, "message");
        if (publicKey == null || publicKey.length != PUBLIC_KEY_SIZE) return false;
        if (signature == null || signature.length != SIGNATURE_SIZE) return false;
        return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    }
}
