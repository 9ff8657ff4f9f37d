package org.flowcoin.net.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A one-way in-memory byte pipe whose writes pass through an interceptor (the test's "network"). */
final class Pipe {
    private static final byte[] EOF = new byte[0];
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    volatile UnaryOperator<byte[]> interceptor = UnaryOperator.identity();
    /** Number of write calls so far (a write of a whole record is one call). */
    volatile int writes;

    final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            byte[] chunk = java.util.Arrays.copyOfRange(b, off, off + len);
            writes++;
            byte[] t = interceptor.apply(chunk);
            if (t != null && t.length > 0) queue.add(t);
        }

        @Override
        public void close() {
            queue.add(EOF);
        }
    };

    final InputStream in = new InputStream() {
        private byte[] cur = new byte[0];
        private int pos;
        private boolean eof;

        private boolean fill() throws IOException {
            while (pos == cur.length) {
                if (eof) return false;
                try {
                    byte[] next = queue.poll(10, TimeUnit.SECONDS);
                    if (next == null) throw new IOException("pipe read timed out");
                    if (next == EOF) {
                        eof = true;
                        return false;
                    }
                    cur = next;
                    pos = 0;
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? cur[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (!fill()) return -1;
            int n = Math.min(len, cur.length - pos);
            System.arraycopy(cur, pos, b, off, n);
            pos += n;
            return n;
        }
    };
}
