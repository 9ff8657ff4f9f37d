package org.flowcoin.net;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.flowcoin.primitives.ChainParams;

/**
 * The 4 bytes that start every frame of one network, in wire order. The value comes from the
 * network's chain parameters; nothing here picks a network.
 *
 * <pre>{@code
 * NetworkMagic regtest = NetworkMagic.of(ChainParams.regtest());
 * }</pre>
 */
public final class NetworkMagic {
    /** Size of the magic on the wire. */
    public static final int SIZE = 4;

    private final byte[] bytes;

    private NetworkMagic(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of 4 wire-order bytes. */
    public static NetworkMagic of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != SIZE) throw new IllegalArgumentException("magic must be 4 bytes");
        return new NetworkMagic(bytes.clone());
    }

    /** The magic of a chain: {@link ChainParams#magicBytes()}. */
    public static NetworkMagic of(ChainParams params) {
        return of(params.magicBytes());
    }

    /** Parses 8 hex digits in wire order. */
    public static NetworkMagic ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    /** The 4 wire-order bytes (a copy). */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The byte at {@code i} (0..3). */
    public byte get(int i) {
        return bytes[i];
    }

    /** True if {@code buf[off..off+4)} equals this magic. */
    public boolean matches(byte[] buf, int off) {
        return buf[off] == bytes[0] && buf[off + 1] == bytes[1] && buf[off + 2] == bytes[2] && buf[off + 3] == bytes[3];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkMagic m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "NetworkMagic[" + HexFormat.of().formatHex(bytes) + "]";
    }
}
