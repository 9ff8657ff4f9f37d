package org.flowcoin.primitives.internal;

import java.nio.ByteBuffer;
import org.flowcoin.primitives.DecodeException;

/** Field-named little-endian reads over a buffer; every failure is a {@link DecodeException}. */
public final class Reader {
    /** Bitcoin's MAX_SIZE: no CompactSize in the protocol may exceed it. */
    public static final long MAX_COMPACT_SIZE = 0x0200_0000L;

    private Reader() {}

    private static void need(ByteBuffer buf, int n, String field) {
        if (buf.remaining() < n) throw DecodeException.of(field, "truncated (need " + n + " bytes, have " + buf.remaining() + ")");
    }

    public static int u8(ByteBuffer buf, String field) {
        need(buf, 1, field);
        return buf.get() & 0xff;
    }

    public static int u32(ByteBuffer buf, String field) {
        need(buf, 4, field);
        return rawU32(buf);
    }

    public static long i64(ByteBuffer buf, String field) {
        need(buf, 8, field);
        return (rawU32(buf) & 0xffff_ffffL) | (long) rawU32(buf) << 32;
    }

    private static int rawU32(ByteBuffer buf) {
        return (buf.get() & 0xff) | (buf.get() & 0xff) << 8 | (buf.get() & 0xff) << 16 | (buf.get() & 0xff) << 24;
    }

    public static byte[] bytes(ByteBuffer buf, int n, String field) {
        need(buf, n, field);
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }

    /**
     * Reads a minimally encoded CompactSize no larger than {@code max} (itself at most
     * {@link #MAX_COMPACT_SIZE}).
     */
    public static int compactSize(ByteBuffer buf, String field, long max) {
        int first = u8(buf, field);
        long v;
        if (first < 0xfd) {
            v = first;
        } else if (first == 0xfd) {
            need(buf, 2, field);
            v = (buf.get() & 0xff) | (buf.get() & 0xff) << 8;
            if (v < 0xfd) throw DecodeException.of(field, "non-minimal CompactSize");
        } else if (first == 0xfe) {
            need(buf, 4, field);
            v = rawU32(buf) & 0xffff_ffffL;
            if (v <= 0xffff) throw DecodeException.of(field, "non-minimal CompactSize");
        } else {
            v = i64(buf, field);
            if (Long.compareUnsigned(v, 0xffff_ffffL) <= 0) throw DecodeException.of(field, "non-minimal CompactSize");
        }
        if (Long.compareUnsigned(v, Math.min(max, MAX_COMPACT_SIZE)) > 0) {
            throw DecodeException.of(field, "value " + Long.toUnsignedString(v) + " exceeds the limit " + Math.min(max, MAX_COMPACT_SIZE));
        }
        return (int) v;
    }

    /** A count of items of at least {@code minItemSize} bytes each: rejected if the bytes cannot hold them. */
    public static int count(ByteBuffer buf, String field, long max, int minItemSize) {
        int n = compactSize(buf, field, max);
        if ((long) n * minItemSize > buf.remaining()) {
            throw DecodeException.of(field, "count " + n + " needs at least " + (long) n * minItemSize + " bytes, " + buf.remaining() + " remain");
        }
        return n;
    }

    /** A CompactSize-prefixed byte string no longer than {@code max}. */
    public static byte[] varBytes(ByteBuffer buf, String field, long max) {
        int n = compactSize(buf, field + " length", max);
        return bytes(buf, n, field);
    }

    public static void end(ByteBuffer buf, String what) {
        if (buf.hasRemaining()) throw DecodeException.of(what, buf.remaining() + " trailing bytes");
    }
}
