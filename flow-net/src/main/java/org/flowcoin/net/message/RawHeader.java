package org.flowcoin.net.message;

import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.BlockHeader;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.net.Limits;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.internal.Wire;

/**
 * A 308-byte serialized block header as carried by {@code headers} and {@code cmpctdelta}. The wire
 * layer reads only the fields it routes by (parent, height, delta hash) and the block hash; full
 * decoding and validation belong to the primitives and the verifier, which read
 * {@link #toByteArray()}.
 *
 * <pre>{@code
 * RawHeader h = RawHeader.of(headerBytes);
 * Hash256 id = h.hash();           // Keccak-256d(bytes 0..243)
 * }</pre>
 */
public final class RawHeader {
    /** Size on the wire. */
    public static final int SIZE = Limits.HEADER_SIZE;
    /** Bytes covered by the block hash and the miner signature. */
    public static final int HASHED_SIZE = 244;

    private final byte[] bytes;

    private RawHeader(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of 308 header bytes. */
    public static RawHeader of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != SIZE) throw new IllegalArgumentException("header must be 308 bytes");
        return new RawHeader(bytes.clone());
    }

    /** The wire form of a primitives header. */
    public static RawHeader of(BlockHeader header) {
        return new RawHeader(header.toByteArray());
    }

    /**
     * Decodes the header with the primitives' codec (field checks are the primitives' and the
     * verifier's business).
     *
     * @throws org.flowcoin.primitives.DecodeException if the primitives reject the bytes
     */
    public BlockHeader toBlockHeader() {
        return BlockHeader.fromBytes(bytes);
    }

    public static RawHeader read(ByteBuffer in) throws NetDecodeException {
        return new RawHeader(Wire.bytes(in, SIZE, "header"));
    }

    public void write(ByteBuffer out) {
        out.put(bytes);
    }

    /** The block hash: Keccak-256d of bytes 0..243. */
    public Hash256 hash() {
        return Hash256.of(Keccak.keccak256d(bytes, 0, HASHED_SIZE));
    }

    /** The parent block hash (bytes 0..31). */
    public Hash256 prevHash() {
        return Wire.hash(bytes, 0);
    }

    /** The delta hash (bytes 64..95, the {@code training_hash} field). */
    public Hash256 deltaHash() {
        return Wire.hash(bytes, 64);
    }

    /** The height (u64 LE at 128). */
    public long height() {
        long v = 0;
        for (int i = 0; i < 8; i++) v |= (bytes[128 + i] & 0xffL) << (8 * i);
        return v;
    }

    /** A copy of the 308 bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawHeader h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "RawHeader[" + HexFormat.of().formatHex(bytes, 0, 8) + "..., height " + Long.toUnsignedString(height()) + "]";
    }
}
