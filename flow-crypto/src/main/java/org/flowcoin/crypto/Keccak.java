package org.flowcoin.crypto;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Original Keccak (padding byte 0x01, as Ethereum's keccak256; not SHA3-256).
 *
 * <pre>{@code
 * byte[] blockHash = Keccak.keccak256d(headerBytes);
 * }</pre>
 */
public final class Keccak {
    private Keccak() {}

    /** Keccak-256 of {@code data}. */
    public static byte[] keccak256(byte[] data) {
        return keccak256(data, 0, data.length);
    }

    /** Keccak-256 of {@code data[off, off+len)}. */
    public static byte[] keccak256(byte[] data, int off, int len) {
        return digest(256, data, off, len);
    }

    /** Keccak-256d(x) = Keccak-256(Keccak-256(x)). */
    public static byte[] keccak256d(byte[] data) {
        return keccak256d(data, 0, data.length);
    }

    /** Keccak-256d of {@code data[off, off+len)}. */
    public static byte[] keccak256d(byte[] data, int off, int len) {
        return keccak256(keccak256(data, off, len));
    }

    /** Keccak-512 of {@code data}. */
    public static byte[] keccak512(byte[] data) {
        return digest(512, data, 0, data.length);
    }

    private static byte[] digest(int bits, byte[] data, int off, int len) {
        KeccakDigest d = new KeccakDigest(bits);
        d.update(data, off, len);
        byte[] out = new byte[bits / 8];
        d.doFinal(out, 0);
        return out;
    }
}
