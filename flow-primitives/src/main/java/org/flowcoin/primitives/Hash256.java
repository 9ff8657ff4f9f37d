package org.flowcoin.primitives;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.flowcoin.crypto.Keccak;

/**
 * A 32-byte hash in raw byte order (the order the hash function produced it). {@link #toHex()} is
 * raw order; {@link #toReversedHex()} exists only for interop with Bitcoin-style tooling.
 *
 * <pre>{@code
 * Hash256 h = Hash256.keccak256d(bytes);
 * String hex = h.toHex();
 * }</pre>
 */
public final class Hash256 implements Comparable<Hash256> {
    public static final int SIZE = 32;
    /** All zeros (the parent of genesis, the null prevout). */
    public static final Hash256 ZERO = new Hash256(new byte[SIZE]);

    private final byte[] bytes;

    private Hash256(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of 32 bytes. */
    public static Hash256 of(byte[] bytes) {
        if (bytes == null || bytes.length != SIZE) throw new IllegalArgumentException("a hash is 32 bytes");
        return new Hash256(bytes.clone());
    }

    /** Parses 64 hex digits in raw byte order; anything else is a {@link DecodeException}. */
    public static Hash256 fromHex(String hex) {
        if (hex.length() != 2 * SIZE) throw DecodeException.of("hash", "must be 64 hex digits");
        try {
            return new Hash256(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw DecodeException.of("hash", "invalid hex");
        }
    }

    public static Hash256 keccak256(byte[] data) {
        return new Hash256(Keccak.keccak256(data));
    }

    public static Hash256 keccak256d(byte[] data) {
        return new Hash256(Keccak.keccak256d(data));
    }

    public static Hash256 keccak256d(byte[] data, int off, int len) {
        return new Hash256(Keccak.keccak256d(data, off, len));
    }

    /** Reads 32 bytes. */
    public static Hash256 read(ByteBuffer buf, String field) {
        if (buf.remaining() < SIZE) throw DecodeException.of(field, "truncated (need 32 bytes)");
        byte[] b = new byte[SIZE];
        buf.get(b);
        return new Hash256(b);
    }

    public void write(ByteBuffer buf) {
        buf.put(bytes);
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Byte {@code i} without copying. */
    public byte get(int i) {
        return bytes[i];
    }

    public boolean isZero() {
        for (byte b : bytes) if (b != 0) return false;
        return true;
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** Hex of the reversed bytes (Bitcoin display order), for interop only. */
    public String toReversedHex() {
        byte[] r = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) r[i] = bytes[SIZE - 1 - i];
        return HexFormat.of().formatHex(r);
    }

    /** The hash read as an unsigned 256-bit little-endian integer (the proof-of-work comparison). */
    public java.math.BigInteger toUnsignedLittleEndian() {
        byte[] be = new byte[SIZE + 1];
        for (int i = 0; i < SIZE; i++) be[SIZE - i] = bytes[i];
        return new java.math.BigInteger(be);
    }

    @Override
    public int compareTo(Hash256 o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash256 h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | bytes[3] << 24;
    }

    @Override
    public String toString() {
        return toHex();
    }
}
