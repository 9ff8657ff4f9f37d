package org.flowcoin.pot;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** zstd frames built by hand (RFC 8878: single segment, content size in the header, raw blocks). */
final class Frames {
    private Frames() {}

    static byte[] raw(byte[] content) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, (byte) 0xa0});
        o.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(content.length).array());
        int pos = 0;
        do {
            int n = Math.min(128 * 1024, content.length - pos);
            int bh = (n << 3) | (pos + n == content.length ? 1 : 0);
            o.write(bh);
            o.write(bh >>> 8);
            o.write(bh >>> 16);
            o.write(content, pos, n);
            pos += n;
        } while (pos < content.length);
        return o.toByteArray();
    }

    static byte[] sparse(long count, long[] idx, int[] bits) {
        ByteBuffer b = ByteBuffer.allocate(9 + 12 * idx.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).putLong(count);
        for (long i : idx) b.putLong(i);
        for (int v : bits) b.putInt(v);
        return b.array();
    }
}
