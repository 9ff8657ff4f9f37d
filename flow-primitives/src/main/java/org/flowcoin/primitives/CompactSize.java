package org.flowcoin.primitives;

import java.nio.ByteBuffer;
import org.flowcoin.primitives.internal.Reader;
import org.flowcoin.primitives.internal.Writer;

/**
 * Bitcoin's CompactSize integer, minimally encoded: {@code < 0xfd} one byte; {@code 0xfd} + u16;
 * {@code 0xfe} + u32; {@code 0xff} + u64 (little-endian). Decoding rejects non-minimal forms and
 * values above {@link #MAX} (0x02000000).
 *
 * <pre>{@code
 * CompactSize.write(buf, items.size());
 * int n = CompactSize.read(buf, "input count", 10_000);
 * }</pre>
 */
public final class CompactSize {
    public static final long MAX = Reader.MAX_COMPACT_SIZE;

    private CompactSize() {}

    public static int size(long v) {
        if (v < 0) throw new IllegalArgumentException("negative CompactSize");
        return Writer.compactSizeSize(v);
    }

    public static void write(ByteBuffer buf, long v) {
        Writer.compactSize(buf, v);
    }

    /** Reads a minimal CompactSize no larger than {@code max}; failures name {@code field}. */
    public static int read(ByteBuffer buf, String field, long max) {
        return Reader.compactSize(buf, field, max);
    }
}
