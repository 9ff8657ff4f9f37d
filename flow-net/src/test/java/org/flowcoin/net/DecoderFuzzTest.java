package org.flowcoin.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.flowcoin.net.message.Message;
import org.flowcoin.net.message.MessageCodec;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated frames and payloads: the decoders may only return a value or throw
 * {@link NetDecodeException}, and never allocate far more than the input they were given.
 * CI runs {@code flow.fuzz.iterations} (parent POM default) per test; a long run:
 * {@code ./mvnw -B -o verify -pl flow-net -am -Dtest=org.flowcoin.net.DecoderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false -Dflow.fuzz.iterations=5000000}.
 */
class DecoderFuzzTest {
    static final int ITERATIONS = Integer.getInteger("flow.fuzz.iterations", 20_000);
    static final long SEED = Long.getLong("flow.fuzz.seed", 0x5eedf10eL);

    static final List<Message> SAMPLES = List.copyOf(Samples.all().values());

    /** Bytes allocated by the current thread, or -1 where the JVM does not say. */
    // reflection: the module under test does not read java.management
    static final Object BEAN = threadBean();
    static final Method ALLOCATED = allocatedMethod();

    static Object threadBean() {
        try {
            return Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static Method allocatedMethod() {
        try {
            Class<?> c = Class.forName("com.sun.management.ThreadMXBean");
            Method m = c.getMethod("getCurrentThreadAllocatedBytes");
            m.invoke(BEAN);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static long allocated() {
        try {
            return ALLOCATED == null ? -1 : (long) ALLOCATED.invoke(BEAN);
        } catch (ReflectiveOperationException e) {
            return -1;
        }
    }

    static byte[] mutate(byte[] in, SplittableRandom r) {
        byte[] b = in.clone();
        int ops = 1 + r.nextInt(4);
        for (int k = 0; k < ops; k++) {
            switch (r.nextInt(7)) {
                case 0 -> { if (b.length > 0) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8)); }
                case 1 -> { if (b.length > 0) b[r.nextInt(b.length)] = (byte) r.nextInt(256); }
                case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1));
                case 3 -> { // insert random bytes
                    int at = r.nextInt(b.length + 1);
                    byte[] ins = new byte[1 + r.nextInt(9)];
                    r.nextBytes(ins);
                    byte[] n = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(ins, 0, n, at, ins.length);
                    System.arraycopy(b, at, n, at + ins.length, b.length - at);
                    b = n;
                }
                case 4 -> { // large-count prefixes where lengths usually sit
                    if (b.length > 5) {
                        int at = r.nextInt(b.length - 4);
                        byte[][] big = {{(byte) 0xff, -1, -1, -1}, {(byte) 0xfe, -1, -1, -1}, {(byte) 0xfd, -1, -1, 0}, {-1, -1, -1, 0x7f}};
                        System.arraycopy(big[r.nextInt(big.length)], 0, b, at, 4);
                    }
                }
                case 5 -> { if (b.length > 1) { int at = r.nextInt(b.length); b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, at + 1, b.length)); } }
                default -> { if (b.length > 0) { int a = r.nextInt(b.length); int c = r.nextInt(b.length); byte t = b[a]; b[a] = b[c]; b[c] = t; } }
            }
        }
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] n = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, n, a.length, b.length);
        return n;
    }

    /** Iterations before allocation is checked: first-time linkage (string concatenation, lambdas) allocates. */
    static final int WARMUP = 300;

    static void checkAllocation(int iteration, long before, long inputSize, String what) {
        if (before < 0 || iteration < WARMUP) return;
        long used = allocated() - before;
        long bound = (1 << 20) + 64 * inputSize;
        if (used > bound) fail(what + ": allocated " + used + " bytes for " + inputSize + " input bytes");
    }

    @Test
    void mutatedPayloadsOnlyThrowTheDecodeException() {
        SplittableRandom r = new SplittableRandom(SEED);
        int decoded = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            Message m = SAMPLES.get(r.nextInt(SAMPLES.size()));
            byte[] p = mutate(m.toPayload(), r);
            String cmd = r.nextInt(10) == 0 ? Command.values()[r.nextInt(Command.values().length)].wireName() : m.command().wireName();
            long before = allocated();
            try {
                Message out = MessageCodec.decode(cmd, p);
                decoded++;
                // whatever decodes re-encodes to the same bytes (strict, canonical codecs)
                assertThat(out.toPayload()).as(cmd).isEqualTo(p);
            } catch (NetDecodeException expected) {
                // fine
            } catch (RuntimeException e) {
                fail("iteration " + i + " " + cmd + ": " + e, e);
            }
            checkAllocation(i, before, p.length, cmd);
        }
        assertThat(decoded).isPositive();
    }

    @Test
    void randomPayloadsOnlyThrowTheDecodeException() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        for (int i = 0; i < ITERATIONS; i++) {
            Command c = Command.values()[r.nextInt(Command.values().length)];
            byte[] p = new byte[r.nextInt(Math.min(c.maxPayload(), 600) + 1)];
            r.nextBytes(p);
            if (p.length > 0 && r.nextBoolean()) p[0] = (byte) (0xfd + r.nextInt(3)); // a CompactSize prefix
            long before = allocated();
            try {
                MessageCodec.decode(c.wireName(), p);
            } catch (NetDecodeException expected) {
                // fine
            } catch (RuntimeException e) {
                fail(c + ": " + e, e);
            }
            checkAllocation(i, before, p.length, c.wireName());
        }
    }

    @Test
    void mutatedStreamsOnlyThrowTheDecodeExceptionAndBufferOnlyWhatArrived() {
        SplittableRandom r = new SplittableRandom(SEED + 2);
        int frames = 0;
        for (int i = 0; i < Math.max(1, ITERATIONS / 10); i++) {
            List<byte[]> parts = new ArrayList<>();
            for (int k = 0; k < 1 + r.nextInt(4); k++) {
                byte[] f = MessageCodec.encode(Samples.MAGIC, SAMPLES.get(r.nextInt(SAMPLES.size())));
                parts.add(r.nextInt(3) == 0 ? mutate(f, r) : f);
                if (r.nextInt(4) == 0) {
                    byte[] g = new byte[r.nextInt(50)];
                    r.nextBytes(g);
                    parts.add(g);
                }
            }
            byte[] stream = parts.stream().reduce(new byte[0], DecoderFuzzTest::concat);
            FrameDecoder dec = new FrameDecoder(Samples.MAGIC);
            long before = allocated();
            int off = 0;
            while (off < stream.length) {
                int n = Math.min(stream.length - off, 1 + r.nextInt(64));
                dec.feed(stream, off, n);
                off += n;
                while (true) {
                    try {
                        Frame f = dec.next();
                        if (f == null) break;
                        frames++;
                        try {
                            MessageCodec.decode(f);
                        } catch (NetDecodeException expected) {
                            // fine
                        }
                    } catch (NetDecodeException expected) {
                        // the decoder moved past the bad bytes; keep going
                    } catch (RuntimeException e) {
                        fail("stream " + i + ": " + e, e);
                    }
                }
                assertThat(dec.bufferedBytes()).isLessThanOrEqualTo(off);
            }
            checkAllocation(i, before, stream.length, "stream");
        }
        assertThat(frames).isPositive();
    }

    @Test
    void oversizedLengthFieldsNeverAllocate() throws Exception {
        SplittableRandom r = new SplittableRandom(SEED + 3);
        for (int i = 0; i < Math.max(1, ITERATIONS / 10); i++) {
            Command c = Command.values()[r.nextInt(Command.values().length)];
            byte[] f = Frame.of(Samples.MAGIC, c.wireName(), new byte[0]).toByteArray();
            long len = c.maxPayload() + 1L + r.nextLong(0xffffffffL - c.maxPayload());
            for (int k = 0; k < 4; k++) f[16 + k] = (byte) (len >>> (8 * k));
            FrameDecoder dec = new FrameDecoder(Samples.MAGIC);
            long before = allocated();
            dec.feed(f);
            try {
                dec.next();
                fail("accepted length " + len + " for " + c);
            } catch (NetDecodeException e) {
                assertThat(e.reason()).isEqualTo(NetDecodeException.Reason.OVERSIZED);
            }
            checkAllocation(i, before, 0, "oversized " + c);
        }
    }
}
