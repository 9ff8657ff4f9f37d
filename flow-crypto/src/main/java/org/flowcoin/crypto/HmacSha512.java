package org.flowcoin.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA512 (RFC 2104 with SHA-512, as used by SLIP-0010 and BIP-39's PBKDF2).
 *
 * <pre>{@code
 * byte[] i = HmacSha512.mac("ed25519 seed".getBytes(StandardCharsets.US_ASCII), seed);
 * }</pre>
 *
 * <p>Instances hold a keyed MAC for repeated use (not thread-safe); {@link #mac(byte[], byte[])}
 * is the one-shot form.
 */
public final class HmacSha512 {
    /** Output length in bytes. */
    public static final int LENGTH = 64;

    private final Mac mac;

    private HmacSha512(byte[] key) {
        Objects.requireNonNull(key, "key");
        try {
            mac = Mac.getInstance("HmacSHA512");
            // SecretKeySpec rejects an empty key; HMAC defines it as all-zero padding, which a
            // one-byte zero key also produces (keys are zero-padded to the block size).
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA512"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 unavailable", e);
        }
    }

    /** A MAC keyed with a copy of {@code key}. */
    public static HmacSha512 withKey(byte[] key) {
        return new HmacSha512(key);
    }

    /** One-shot HMAC-SHA512(key, data). */
    public static byte[] mac(byte[] key, byte[] data) {
        return new HmacSha512(key).update(data).doFinal();
    }

    /** Absorbs {@code data}. */
    public HmacSha512 update(byte[] data) {
        mac.update(data);
        return this;
    }

    /** Absorbs {@code data[off, off+len)}. */
    public HmacSha512 update(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        mac.update(data, off, len);
        return this;
    }

    /** Finishes and resets to the keyed initial state. */
    public byte[] doFinal() {
        return mac.doFinal();
    }

    /** Finishes into {@code out[off, off+64)} and resets. */
    public void doFinal(byte[] out, int off) {
        Objects.checkFromIndexSize(off, LENGTH, out.length);
        try {
            mac.doFinal(out, off);
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * PBKDF2 (RFC 8018) with HMAC-SHA512 as the PRF.
     *
     * <pre>{@code
     * byte[] seed = HmacSha512.pbkdf2(passwordBytes, saltBytes, 2048, 64);   // BIP-39
     * }</pre>
     *
     * @param iterations at least 1
     * @param length output length in bytes, 1..2^20
     */
    public static byte[] pbkdf2(byte[] password, byte[] salt, int iterations, int length) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(salt, "salt");
        if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1");
        if (length < 1 || length > (1 << 20)) throw new IllegalArgumentException("length must be 1..2^20");
        HmacSha512 prf = new HmacSha512(password);
        byte[] out = new byte[length];
        byte[] u = new byte[LENGTH];
        byte[] t = new byte[LENGTH];
        byte[] counter = new byte[4];
        for (int block = 1, off = 0; off < length; block++, off += LENGTH) {
            counter[0] = (byte) (block >>> 24);
            counter[1] = (byte) (block >>> 16);
            counter[2] = (byte) (block >>> 8);
            counter[3] = (byte) block;
            prf.update(salt).update(counter).doFinal(u, 0);
            System.arraycopy(u, 0, t, 0, LENGTH);
            for (int i = 1; i < iterations; i++) {
                prf.update(u).doFinal(u, 0);
                for (int j = 0; j < LENGTH; j++) t[j] ^= u[j];
            }
            System.arraycopy(t, 0, out, off, Math.min(LENGTH, length - off));
        }
        java.util.Arrays.fill(u, (byte) 0);
        java.util.Arrays.fill(t, (byte) 0);
        return out;
    }

    @Override
    public String toString() {
        return "HmacSha512[key redacted]";
    }
}
