package org.flowcoin.crypto.internal.keccak;

import java.util.Arrays;

/**
 * Keccak-256d of many messages: groups of four equal-length messages go through the four-way
 * vector permutation when the {@code jdk.incubator.vector} module is present, the runtime is Java 25
 * or later (see {@link VectorKeccak}) and 256-bit vectors are native; everything else takes the
 * scalar path. Results are identical either way.
 */
public final class KeccakBatch {
    private KeccakBatch() {}

    private static final int RATE = 136;
    private static final int RATE_LANES = RATE / 8;
    private static final boolean VECTOR = vectorAvailable();

    private static boolean vectorAvailable() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
        if (KeccakBatch.class.getModule().isNamed()
                && !KeccakBatch.class.getModule().canRead(ModuleLayer.boot().findModule("jdk.incubator.vector").get())) {
            return false;
        }
        VectorKeccak kernels = VectorKeccak.Loaded.KERNELS;
        return kernels != null && kernels.fourWaySupported();
    }

    /** Whether the four-way vector path is in use. */
    public static boolean vectorized() {
        return VECTOR;
    }

    /**
     * Writes Keccak-256d of {@code in[i]} to {@code out[32*i, 32*i+32)} for every i.
     *
     * @param scalar the one-message fallback, {@code (message, out, outOff)}
     */
    public static void keccak256d(byte[][] in, byte[] out, ScalarHash scalar) {
        int i = 0;
        if (VECTOR) {
            long[] s = new long[100];
            for (; i + 4 <= in.length; i += 4) {
                int len = in[i].length;
                if (in[i + 1].length == len && in[i + 2].length == len && in[i + 3].length == len) {
                    hash4(in[i], in[i + 1], in[i + 2], in[i + 3], s, out, 32 * i);
                } else {
                    for (int j = i; j < i + 4; j++) scalar.hash(in[j], out, 32 * j);
                }
            }
        }
        for (; i < in.length; i++) scalar.hash(in[i], out, 32 * i);
    }

    /** The scalar Keccak-256d of one message into {@code out[off, off+32)}. */
    @FunctionalInterface
    public interface ScalarHash {
        void hash(byte[] message, byte[] out, int off);
    }

    private static void hash4(byte[] m0, byte[] m1, byte[] m2, byte[] m3, long[] s, byte[] out, int outOff) {
        Arrays.fill(s, 0L);
        int len = m0.length;
        int off = 0;
        while (len - off >= RATE) {
            for (int lane = 0; lane < RATE_LANES; lane++) {
                int p = off + 8 * lane;
                s[4 * lane] ^= KeccakF1600.lane(m0, p);
                s[4 * lane + 1] ^= KeccakF1600.lane(m1, p);
                s[4 * lane + 2] ^= KeccakF1600.lane(m2, p);
                s[4 * lane + 3] ^= KeccakF1600.lane(m3, p);
            }
            VectorKeccak.Loaded.KERNELS.permute4(s);
            off += RATE;
        }
        absorbFinal(s, 0, m0, off);
        absorbFinal(s, 1, m1, off);
        absorbFinal(s, 2, m2, off);
        absorbFinal(s, 3, m3, off);
        VectorKeccak.Loaded.KERNELS.permute4(s);
        // Outer hash: the 32-byte inner digest (lanes 0..3) as a one-block message.
        Arrays.fill(s, 16, 100, 0L);
        for (int w = 0; w < 4; w++) {
            s[4 * 4 + w] = 0x01L;
            s[4 * (RATE_LANES - 1) + w] = 0x8000000000000000L;
        }
        VectorKeccak.Loaded.KERNELS.permute4(s);
        for (int w = 0; w < 4; w++) {
            for (int lane = 0; lane < 4; lane++) {
                KeccakF1600.putLane(out, outOff + 32 * w + 8 * lane, s[4 * lane + w]);
            }
        }
    }

    private static void absorbFinal(long[] s, int way, byte[] m, int off) {
        int len = m.length - off;
        int full = len >>> 3;
        for (int lane = 0; lane < full; lane++) {
            s[4 * lane + way] ^= KeccakF1600.lane(m, off + 8 * lane);
        }
        long last = 0;
        int base = off + (full << 3);
        for (int j = 0; j < (len & 7); j++) {
            last |= (m[base + j] & 0xFFL) << (8 * j);
        }
        last |= 0x01L << (8 * (len & 7));
        s[4 * full + way] ^= last;
        s[4 * (RATE_LANES - 1) + way] ^= 0x8000000000000000L;
    }
}
