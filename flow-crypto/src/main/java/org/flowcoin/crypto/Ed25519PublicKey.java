package org.flowcoin.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** An Ed25519 public key: its 32-byte encoding (not checked for validity until used). */
public final class Ed25519PublicKey {
    private final byte[] encoded;

    private Ed25519PublicKey(byte[] encoded) {
        this.encoded = encoded;
    }

    /** Wraps a copy of a 32-byte encoding. */
    public static Ed25519PublicKey of(byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length != Ed25519.PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("Ed25519 public key must be 32 bytes");
        }
        return new Ed25519PublicKey(encoded.clone());
    }

    /** Consensus verification of {@code signature} over {@code message}. */
    public boolean verify(byte[] message, byte[] signature) {
        return Ed25519.verify(encoded, message, signature);
    }

    public byte[] toByteArray() {
        return encoded.clone();
    }

    public String toHex() {
        return HexFormat.of().formatHex(encoded);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519PublicKey other && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + toHex() + "]";
    }
}
