package org.flowcoin.net;

import java.util.Arrays;
import java.util.Objects;

/**
 * Streaming frame decoder: feed it bytes as they arrive, take complete frames out with {@link #next()}.
 * Bytes that do not start with the network magic are skipped until the magic is found again
 * (counted by {@link #discardedBytes()}). A header with a bad command or an oversized length, or a
 * frame with a wrong checksum, makes {@code next()} throw; the decoder has then already moved past
 * the bad bytes, so the caller may either disconnect or keep going.
 *
 * <p>Memory grows only with bytes actually fed, never with a length field: a header announcing a
 * 40 MiB payload costs nothing until the payload arrives.
 *
 * <pre>{@code
 * FrameDecoder dec = new FrameDecoder(magic);
 * dec.feed(bytes, 0, n);
 * for (Frame f; (f = dec.next()) != null; ) handle(f);
 * }</pre>
 */
public final class FrameDecoder {
    private final NetworkMagic magic;
    private byte[] buf = new byte[4096];
    private int start;
    private int end;
    private long discarded;

    public FrameDecoder(NetworkMagic magic) {
        this.magic = Objects.requireNonNull(magic, "magic");
    }

    /** Appends {@code len} bytes of {@code b} from {@code off}. */
    public void feed(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (end + len > buf.length) {
            int live = end - start;
            if (live + len <= buf.length && start > 0) {
                System.arraycopy(buf, start, buf, 0, live);
            } else {
                long want = Math.max((long) live + len, 2L * buf.length);
                if (want > Integer.MAX_VALUE - 16) want = (long) live + len;
                byte[] nb = new byte[(int) want];
                System.arraycopy(buf, start, nb, 0, live);
                buf = nb;
            }
            start = 0;
            end = live;
        }
        System.arraycopy(b, off, buf, end, len);
        end += len;
    }

    /** Appends all of {@code b}. */
    public void feed(byte[] b) {
        feed(b, 0, b.length);
    }

    /**
     * The next complete frame, or {@code null} if more bytes are needed.
     *
     * @throws NetDecodeException for a bad command field, an oversized length or a wrong checksum
     *     (the offending bytes have been skipped)
     */
    public Frame next() throws NetDecodeException {
        int m = findMagic();
        if (m < 0) {
            // keep the last 3 bytes: they may be the start of a magic
            int keep = Math.min(end - start, NetworkMagic.SIZE - 1);
            discarded += (end - start) - keep;
            start = end - keep;
            return null;
        }
        discarded += m - start;
        start = m;
        if (end - start < Frame.HEADER_SIZE) return null;
        byte[] header = Arrays.copyOfRange(buf, start, start + Frame.HEADER_SIZE);
        String command;
        int len;
        try {
            command = Frame.parseCommand(header, NetworkMagic.SIZE);
            len = Frame.checkedLength(header, command);
        } catch (NetDecodeException e) {
            // skip this magic and rescan from the next byte
            start += 1;
            discarded += 1;
            throw e;
        }
        if (end - start - Frame.HEADER_SIZE < len) return null;
        int p = start + Frame.HEADER_SIZE;
        try {
            Frame.verifyChecksum(header, buf, p, len);
        } catch (NetDecodeException e) {
            start = p + len;
            discarded += Frame.HEADER_SIZE + (long) len;
            throw e;
        }
        byte[] payload = Arrays.copyOfRange(buf, p, p + len);
        start = p + len;
        if (start == end) {
            start = 0;
            end = 0;
            if (buf.length > 1 << 20) buf = new byte[4096]; // give back a large frame's buffer
        }
        return Frame.wrap(magic, command, payload);
    }

    private int findMagic() {
        byte m0 = magic.get(0);
        for (int i = start; i + NetworkMagic.SIZE <= end; i++) {
            if (buf[i] == m0 && magic.matches(buf, i)) return i;
        }
        return -1;
    }

    /** Bytes skipped so far: garbage before a magic and the bytes of rejected frames. */
    public long discardedBytes() {
        return discarded;
    }

    /** Bytes fed but not yet returned as a frame or discarded. */
    public int bufferedBytes() {
        return end - start;
    }
}
