package org.flowcoin.net.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.NetDecodeException.Reason;
import org.flowcoin.primitives.Hash256;

/**
 * Bounds-checked little-endian reads and writes for payload codecs. Every read checks what remains
 * first, so decoding never throws anything but {@link NetDecodeException}.
 */
public final class Wire {
    private Wire() {}

    /** Wraps a payload for decoding (little-endian). */
    public static ByteBuffer reader(byte[] payload) {
        return ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A little-endian buffer of exactly {@code size} bytes for encoding. */
    public static ByteBuffer writer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    public static void need(ByteBuffer in, long n, String what) throws NetDecodeException {
        if (in.remaining() < n) throw new NetDecodeException(Reason.TRUNCATED, what);
    }

    public static int u8(ByteBuffer in, String what) throws NetDecodeException {
        need(in, 1, what);
        return in.get() & 0xff;
    }

    public static int u16be(ByteBuffer in, String what) throws NetDecodeException {
        need(in, 2, what);
        return ((in.get() & 0xff) << 8) | (in.get() & 0xff);
    }

    public static int u32(ByteBuffer in, String what) throws NetDecodeException {
        need(in, 4, what);
        return (in.get() & 0xff) | (in.get() & 0xff) << 8 | (in.get() & 0xff) << 16 | (in.get() & 0xff) << 24;
    }

    public static long u64(ByteBuffer in, String what) throws NetDecodeException {
        need(in, 8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) v |= (in.get() & 0xffL) << (8 * i);
        return v;
    }

    public static Hash256 hash(ByteBuffer in) throws NetDecodeException {
        return Hash256.of(bytes(in, Hash256.SIZE, "hash"));
    }

    public static Hash256 hash(byte[] b, int off) {
        return Hash256.of(java.util.Arrays.copyOfRange(b, off, off + Hash256.SIZE));
    }

    public static byte[] bytes(ByteBuffer in, int n, String what) throws NetDecodeException {
        need(in, n, what);
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    /**
     * Reads a minimally encoded CompactSize no larger than {@code max}, and checks that at least
     * {@code value * minElementSize} bytes remain, so a count can never cause an allocation the
     * input cannot back.
     */
    public static int compactSize(ByteBuffer in, long max, int minElementSize, String what) throws NetDecodeException {
        int first = u8(in, what);
        long v;
        if (first < 0xfd) {
            v = first;
        } else if (first == 0xfd) {
            need(in, 2, what);
            v = (in.get() & 0xff) | (in.get() & 0xff) << 8;
            if (v < 0xfd) throw new NetDecodeException(Reason.NON_CANONICAL, what + ": non-minimal CompactSize");
        } else if (first == 0xfe) {
            v = u32(in, what) & 0xffffffffL;
            if (v <= 0xffff) throw new NetDecodeException(Reason.NON_CANONICAL, what + ": non-minimal CompactSize");
        } else {
            v = u64(in, what);
            if (Long.compareUnsigned(v, 0xffffffffL) <= 0) throw new NetDecodeException(Reason.NON_CANONICAL, what + ": non-minimal CompactSize");
        }
        if (Long.compareUnsigned(v, max) > 0) throw new NetDecodeException(Reason.OVERSIZED, what + ": count " + Long.toUnsignedString(v) + " exceeds " + max);
        if (v * (long) minElementSize > in.remaining()) throw new NetDecodeException(Reason.TRUNCATED, what);
        return (int) v;
    }

    public static int compactSizeLength(long v) {
        if (v < 0xfd) return 1;
        if (v <= 0xffff) return 3;
        if (v <= 0xffffffffL) return 5;
        return 9;
    }

    public static void writeCompactSize(ByteBuffer out, long v) {
        if (v < 0xfd) {
            out.put((byte) v);
        } else if (v <= 0xffff) {
            out.put((byte) 0xfd).put((byte) v).put((byte) (v >>> 8));
        } else if (v <= 0xffffffffL) {
            out.put((byte) 0xfe);
            writeU32(out, (int) v);
        } else {
            out.put((byte) 0xff);
            writeU64(out, v);
        }
    }

    public static void writeU32(ByteBuffer out, int v) {
        out.put((byte) v).put((byte) (v >>> 8)).put((byte) (v >>> 16)).put((byte) (v >>> 24));
    }

    public static void writeU64(ByteBuffer out, long v) {
        for (int i = 0; i < 8; i++) out.put((byte) (v >>> (8 * i)));
    }

    public static void writeU16be(ByteBuffer out, int v) {
        out.put((byte) (v >>> 8)).put((byte) v);
    }

    public static void expectEnd(ByteBuffer in, String what) throws NetDecodeException {
        if (in.hasRemaining()) throw new NetDecodeException(Reason.TRAILING_BYTES, what + ": " + in.remaining() + " trailing bytes");
    }
}
