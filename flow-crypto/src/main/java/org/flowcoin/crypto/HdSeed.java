package org.flowcoin.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * A hierarchical-deterministic wallet seed (16..64 bytes; BIP-39 gives 64). Secret: never printed,
 * compared in constant time, wiped by {@link #destroy()}.
 *
 * <pre>{@code
 * HdSeed seed = Mnemonic.parse(words).toSeed("");
 * Slip10Key key = Slip10.derive(seed, DerivationPath.flow(0, 0, 0));
 * seed.destroy();
 * }</pre>
 */
public final class HdSeed {
    /** Smallest accepted seed (128 bits, SLIP-0010/BIP-32). */
    public static final int MIN_LENGTH = 16;
    /** Largest accepted seed (512 bits). */
    public static final int MAX_LENGTH = 64;

    private final byte[] bytes;
    private volatile boolean destroyed;

    private HdSeed(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A seed from a copy of {@code bytes} (16..64 bytes). */
    public static HdSeed of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < MIN_LENGTH || bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("seed must be 16..64 bytes");
        }
        return new HdSeed(bytes.clone());
    }

    /** Takes ownership of {@code bytes} without copying (module-internal). */
    static HdSeed wrap(byte[] bytes) {
        return new HdSeed(bytes);
    }

    /** A copy of the seed; the caller should wipe it. */
    public byte[] bytes() {
        checkLive();
        return bytes.clone();
    }

    /** Seed length in bytes. */
    public int length() {
        return bytes.length;
    }

    byte[] internalBytes() {
        checkLive();
        return bytes;
    }

    /** Overwrites the seed with zeros; the object is unusable afterwards. */
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    private void checkLive() {
        if (destroyed) throw new IllegalStateException("seed destroyed");
    }

    /** Constant-time comparison (for equal lengths). */
    @Override
    public boolean equals(Object o) {
        return o instanceof HdSeed s && java.security.MessageDigest.isEqual(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return bytes.length; // contents are secret
    }

    @Override
    public String toString() {
        return "HdSeed[" + bytes.length + " bytes, redacted]";
    }
}
