package org.flowcoin.crypto;

import java.util.Arrays;
import java.util.Objects;
import org.flowcoin.crypto.internal.keccak.KeccakBatch;
import org.flowcoin.crypto.internal.keccak.KeccakF1600;
import org.flowcoin.crypto.internal.keccak.KeccakKernel;

/**
 * Original Keccak (padding byte 0x01, as Ethereum's keccak256; not SHA3-256), one-shot and
 * streaming.
 *
 * <p>Keccak-256 has rate 136 bytes (capacity 512), Keccak-512 rate 72 bytes (capacity 1024).
 * Digests are returned in raw byte order (the squeezed bytes as they come out of the sponge).
 *
 * <p>The permutation is chosen when the class is initialised: on CPUs with AVX-512, when the JVM
 * runs with {@code --add-modules jdk.incubator.vector}, a single-state vector permutation (the
 * state as five 512-bit vectors) that is faster than the scalar one, taking over after the first
 * 65,536 permutations of the process (before the JIT has compiled it, vector code is far slower);
 * otherwise the scalar permutation. {@link #useKernel} forces the choice (tests and benchmarks);
 * the library reads no system property. The digest bits are the same on every path.
 *
 * <pre>{@code
 * byte[] blockHash = Keccak.keccak256d(headerBytes);
 *
 * Keccak.Digest d = Keccak.newKeccak256();
 * d.update(part1);
 * d.update(part2);
 * byte[] h = d.digest();   // also resets d
 * }</pre>
 */
public final class Keccak {
    private Keccak() {}

    /** Digest length of Keccak-256 in bytes. */
    public static final int KECCAK256_LENGTH = 32;
    /** Digest length of Keccak-512 in bytes. */
    public static final int KECCAK512_LENGTH = 64;

    /** The one-state Keccak-f[1600] kernels {@link #useKernel} can select. */
    public enum Kernel {
        /** Vector on CPUs with 512-bit vectors (after a scalar warm-up), scalar elsewhere: the default. */
        AUTO,
        /** The scalar permutation. */
        SCALAR,
        /** The vector permutation from the next call on, where {@code jdk.incubator.vector} is readable. */
        VECTOR
    }

    /** Selects the permutation kernel for the whole process; digests are identical with any. */
    public static void useKernel(Kernel k) {
        KeccakKernel.select(k.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The kernel in use or chosen for after the warm-up: {@code "vector"} or {@code "scalar"}. */
    public static String kernelName() {
        return KeccakKernel.name();
    }

    private static final int RATE_256 = 136;
    private static final int RATE_512 = 72;

    // One-shot scratch state per thread: the static API allocates nothing but its output.
    private static final ThreadLocal<long[]> SCRATCH = ThreadLocal.withInitial(() -> new long[25]);

    /** Keccak-256 of {@code data}. */
    public static byte[] keccak256(byte[] data) {
        return keccak256(data, 0, data.length);
    }

    /** Keccak-256 of {@code data[off, off+len)}. */
    public static byte[] keccak256(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        long[] s = sponge(data, off, len, RATE_256);
        byte[] out = new byte[KECCAK256_LENGTH];
        squeeze(s, out, 0, KECCAK256_LENGTH);
        return out;
    }

    /** Keccak-256d(x) = Keccak-256(Keccak-256(x)). */
    public static byte[] keccak256d(byte[] data) {
        return keccak256d(data, 0, data.length);
    }

    /** Keccak-256d of {@code data[off, off+len)}. */
    public static byte[] keccak256d(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        long[] s = sponge(data, off, len, RATE_256);
        // The inner digest is lanes 0..3; feed them straight back as the 32-byte message of the
        // outer hash: padding 0x01 lands in lane 4, the final 0x80 in the last rate lane (16).
        long h0 = s[0], h1 = s[1], h2 = s[2], h3 = s[3];
        Arrays.fill(s, 0L);
        s[0] = h0;
        s[1] = h1;
        s[2] = h2;
        s[3] = h3;
        s[4] = 0x01L;
        s[16] = 0x8000000000000000L;
        KeccakKernel.permute(s);
        byte[] out = new byte[KECCAK256_LENGTH];
        squeeze(s, out, 0, KECCAK256_LENGTH);
        return out;
    }

    /**
     * Keccak-256d of every message, for bulk work such as nonce grinding or hashing a chain of
     * headers: four equal-length messages at a time share one vectorised permutation when the
     * {@code jdk.incubator.vector} module is present (results are identical either way).
     *
     * <pre>{@code
     * byte[][] hashes = Keccak.keccak256dAll(headers);
     * }</pre>
     */
    public static byte[][] keccak256dAll(byte[][] messages) {
        byte[] flat = new byte[KECCAK256_LENGTH * messages.length];
        keccak256dAll(messages, flat);
        byte[][] out = new byte[messages.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOfRange(flat, KECCAK256_LENGTH * i, KECCAK256_LENGTH * (i + 1));
        }
        return out;
    }

    /**
     * Keccak-256d of every message into {@code out}: message i's digest at
     * {@code out[32*i, 32*i+32)}. Allocates nothing per message.
     */
    public static void keccak256dAll(byte[][] messages, byte[] out) {
        Objects.requireNonNull(messages, "messages");
        Objects.checkFromIndexSize(0, KECCAK256_LENGTH * messages.length, out.length);
        for (byte[] m : messages) Objects.requireNonNull(m, "message");
        KeccakBatch.keccak256d(messages, out, Keccak::keccak256dInto);
    }

    private static void keccak256dInto(byte[] message, byte[] out, int off) {
        System.arraycopy(keccak256d(message), 0, out, off, KECCAK256_LENGTH);
    }

    /** Keccak-512 of {@code data}. */
    public static byte[] keccak512(byte[] data) {
        return keccak512(data, 0, data.length);
    }

    /** Keccak-512 of {@code data[off, off+len)}. */
    public static byte[] keccak512(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        long[] s = sponge(data, off, len, RATE_512);
        byte[] out = new byte[KECCAK512_LENGTH];
        squeeze(s, out, 0, KECCAK512_LENGTH);
        return out;
    }

    /** A new streaming Keccak-256 digest. */
    public static Digest newKeccak256() {
        return new Digest(RATE_256, KECCAK256_LENGTH);
    }

    /** A new streaming Keccak-512 digest. */
    public static Digest newKeccak512() {
        return new Digest(RATE_512, KECCAK512_LENGTH);
    }

    private static long[] sponge(byte[] data, int off, int len, int rate) {
        long[] s = SCRATCH.get();
        Arrays.fill(s, 0L);
        int rateLanes = rate >>> 3;
        while (len >= rate) {
            KeccakF1600.absorbBlock(s, data, off, rateLanes);
            KeccakKernel.permute(s);
            off += rate;
            len -= rate;
        }
        KeccakF1600.absorbFinal(s, data, off, len, rate);
        KeccakKernel.permute(s);
        return s;
    }

    private static void squeeze(long[] s, byte[] out, int outOff, int n) {
        for (int i = 0; i < (n >>> 3); i++) {
            KeccakF1600.putLane(out, outOff + 8 * i, s[i]);
        }
    }

    /**
     * A streaming Keccak digest (256 or 512). Not thread-safe. {@link #digest()} returns the hash
     * and resets the digest for reuse.
     *
     * <pre>{@code
     * Keccak.Digest d = Keccak.newKeccak256();
     * d.update(header, 0, 244);
     * byte[] h = d.digest();
     * }</pre>
     */
    public static final class Digest {
        private final int rate;
        private final int length;
        private final long[] state = new long[25];
        private final byte[] buffer;
        private int buffered;

        private Digest(int rate, int length) {
            this.rate = rate;
            this.length = length;
            this.buffer = new byte[rate];
        }

        /** Digest length in bytes (32 or 64). */
        public int digestLength() {
            return length;
        }

        /** Absorbs one byte. */
        public Digest update(byte b) {
            buffer[buffered++] = b;
            if (buffered == rate) {
                KeccakF1600.absorbBlock(state, buffer, 0, rate >>> 3);
                KeccakKernel.permute(state);
                buffered = 0;
            }
            return this;
        }

        /** Absorbs all of {@code data}. */
        public Digest update(byte[] data) {
            return update(data, 0, data.length);
        }

        /** Absorbs {@code data[off, off+len)}. */
        public Digest update(byte[] data, int off, int len) {
            Objects.checkFromIndexSize(off, len, data.length);
            if (buffered > 0) {
                int take = Math.min(len, rate - buffered);
                System.arraycopy(data, off, buffer, buffered, take);
                buffered += take;
                off += take;
                len -= take;
                if (buffered < rate) return this;
                KeccakF1600.absorbBlock(state, buffer, 0, rate >>> 3);
                KeccakKernel.permute(state);
                buffered = 0;
            }
            while (len >= rate) {
                KeccakF1600.absorbBlock(state, data, off, rate >>> 3);
                KeccakKernel.permute(state);
                off += rate;
                len -= rate;
            }
            System.arraycopy(data, off, buffer, 0, len);
            buffered = len;
            return this;
        }

        /** Finishes, returns the digest and resets. */
        public byte[] digest() {
            byte[] out = new byte[length];
            digest(out, 0);
            return out;
        }

        /** Finishes into {@code out[off, off+digestLength())} and resets. */
        public void digest(byte[] out, int off) {
            Objects.checkFromIndexSize(off, length, out.length);
            KeccakF1600.absorbFinal(state, buffer, 0, buffered, rate);
            KeccakKernel.permute(state);
            squeeze(state, out, off, length);
            reset();
        }

        /** Returns to the empty-message state. */
        public void reset() {
            Arrays.fill(state, 0L);
            Arrays.fill(buffer, (byte) 0);
            buffered = 0;
        }
    }
}
