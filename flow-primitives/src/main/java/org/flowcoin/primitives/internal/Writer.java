package org.flowcoin.primitives.internal;

import java.nio.ByteBuffer;

/** Little-endian writes that leave the caller's buffer byte order untouched. */
public final class Writer {
    private Writer() {}

    public static void u32(ByteBuffer buf, int v) {
        buf.put((byte) v).put((byte) (v >>> 8)).put((byte) (v >>> 16)).put((byte) (v >>> 24));
    }

    public static void i64(ByteBuffer buf, long v) {
        u32(buf, (int) v);
        u32(buf, (int) (v >>> 32));
    }

    public static void u32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    public static int u32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    public static void i64(byte[] b, int off, long v) {
        u32(b, off, (int) v);
        u32(b, off + 4, (int) (v >>> 32));
    }

    public static long i64(byte[] b, int off) {
        return (u32(b, off) & 0xffff_ffffL) | (long) u32(b, off + 4) << 32;
    }

    public static void compactSize(ByteBuffer buf, long v) {
        if (v < 0) throw new IllegalArgumentException("negative CompactSize");
        if (v < 0xfd) {
            buf.put((byte) v);
        } else if (v <= 0xffff) {
            buf.put((byte) 0xfd).put((byte) v).put((byte) (v >>> 8));
        } else if (v <= 0xffff_ffffL) {
            buf.put((byte) 0xfe);
            u32(buf, (int) v);
        } else {
            buf.put((byte) 0xff);
            i64(buf, v);
        }
    }

    public static void varBytes(ByteBuffer buf, byte[] b) {
        compactSize(buf, b.length);
        buf.put(b);
    }

    public static int varBytesSize(int len) {
        return compactSizeSize(len) + len;
    }

    public static int compactSizeSize(long v) {
        return v < 0xfd ? 1 : v <= 0xffff ? 3 : v <= 0xffff_ffffL ? 5 : 9;
    }
}
