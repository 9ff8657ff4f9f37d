package org.flowcoin.crypto;

import org.flowcoin.crypto.internal.ed25519.Verifier;

/**
 * Ed25519 (RFC 8032, SHA-512) under FlowCoin's consensus verification rules (docs/spec/crypto.md,
 * section "Ed25519"): canonical S (S &lt; L), canonical encodings of A and R (y &lt; p, no "-0"),
 * A and R not of small order, and the cofactored equation [8][S]B = [8]R + [8][k]A with
 * k = SHA-512(R || A || M) mod L. {@link Ed25519BatchVerifier} checks the same rules and always
 * agrees with {@link #verify}.
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

    /**
     * Verifies {@code signature} over {@code message} under the consensus rules. Never throws:
     * null or wrong-length inputs and every rule violation give {@code false}.
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        return Verifier.verify(publicKey, message, signature);
    }
}
