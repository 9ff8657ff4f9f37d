package org.flowcoin.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * Argon2id, version 0x13 (RFC 9106): the memory-hard password hash that derives wallet keys.
 *
 * <p>One thread fills the lanes in the order RFC 9106's reference does; parallelism changes the
 * output, not the thread count. The memory (one {@code long[]} of {@code memoryKiB} KiB, rounded
 * down to a multiple of 4 x parallelism blocks) is wiped before returning. Callers reading
 * parameters from untrusted files must bound {@code memoryKiB} and {@code iterations} first: this
 * class only refuses values no Java array can hold.
 */
public final class Argon2id {

    /** RFC 9106: the salt (nonce) is at least 8 bytes; 16 are recommended. */
    public static final int MIN_SALT_LENGTH = 8;
    /** RFC 9106: the tag is at least 4 bytes. */
    public static final int MIN_TAG_LENGTH = 4;
    /** Largest tag this implementation produces (RFC 9106 allows 2^32 - 1). */
    public static final int MAX_TAG_LENGTH = 1 << 20;
    /** RFC 9106: at most 2^24 - 1 lanes. */
    public static final int MAX_PARALLELISM = (1 << 24) - 1;
    /** Largest memory that fits one Java array of 64-bit words: 2^24 - 1 KiB (just under 16 GiB). */
    public static final int MAX_MEMORY_KIB = (1 << 24) - 1;

    private static final int VERSION = 0x13;
    private static final int TYPE_ID = 2;
    private static final int WORDS = 128; // one 1 KiB block
    private static final int SLICES = 4;
    private static final byte[] EMPTY = new byte[0];

    private Argon2id() {}

    /** Argon2id with no secret and no associated data, as password-based key derivation uses it. */
    public static byte[] hash(byte[] password, byte[] salt, int memoryKiB, int iterations, int parallelism,
            int tagLength) {
        return hash(password, salt, EMPTY, EMPTY, memoryKiB, iterations, parallelism, tagLength);
    }

    /**
     * Argon2id with every input of RFC 9106 section 3.1.
     *
     * @throws IllegalArgumentException if a parameter is outside RFC 9106's ranges or this class's limits
     */
    public static byte[] hash(byte[] password, byte[] salt, byte[] secret, byte[] associatedData, int memoryKiB,
            int iterations, int parallelism, int tagLength) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(associatedData, "associatedData");
        if (salt.length < MIN_SALT_LENGTH) throw new IllegalArgumentException("Argon2 salt shorter than 8 bytes");
        if (tagLength < MIN_TAG_LENGTH || tagLength > MAX_TAG_LENGTH) {
            throw new IllegalArgumentException("Argon2 tag length out of range");
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2 parallelism out of range");
        }
        if (iterations < 1) throw new IllegalArgumentException("Argon2 iterations out of range");
        if (memoryKiB < 8L * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2 memory out of range");
        }
        byte[] h0 = new Blake2b(64)
                .updateLe32(parallelism).updateLe32(tagLength).updateLe32(memoryKiB).updateLe32(iterations)
                .updateLe32(VERSION).updateLe32(TYPE_ID)
                .updateLe32(password.length).update(password)
                .updateLe32(salt.length).update(salt)
                .updateLe32(secret.length).update(secret)
                .updateLe32(associatedData.length).update(associatedData)
                .digest();
        try {
            return new Fill(memoryKiB, iterations, parallelism).run(h0, tagLength);
        } finally {
            Arrays.fill(h0, (byte) 0);
        }
    }

    /** The variable-length hash H' of RFC 9106 section 3.3. */
    static byte[] variableHash(int length, byte[] input) {
        if (length <= 64) return new Blake2b(length).updateLe32(length).update(input).digest();
        byte[] out = new byte[length];
        byte[] v = new Blake2b(64).updateLe32(length).update(input).digest();
        System.arraycopy(v, 0, out, 0, 32);
        int pos = 32;
        while (length - pos > 64) {
            v = Blake2b.hash(64, v);
            System.arraycopy(v, 0, out, pos, 32);
            pos += 32;
        }
        v = Blake2b.hash(length - pos, v);
        System.arraycopy(v, 0, out, pos, length - pos);
        return out;
    }

    /** The memory of one evaluation and its scratch blocks. */
    private static final class Fill {
        private final int lanes;
        private final int iterations;
        private final int blocks;
        private final int laneLength;
        private final int segmentLength;
        private final long[] memory;
        private final long[] r = new long[WORDS];
        private final long[] t = new long[WORDS];
        private final long[] address = new long[WORDS];
        private final long[] input = new long[WORDS];

        Fill(int memoryKiB, int iterations, int lanes) {
            this.lanes = lanes;
            this.iterations = iterations;
            this.blocks = 4 * lanes * (memoryKiB / (4 * lanes));
            this.laneLength = blocks / lanes;
            this.segmentLength = laneLength / SLICES;
            this.memory = new long[blocks * WORDS];
        }

        byte[] run(byte[] h0, int tagLength) {
            try {
                byte[] seed = Arrays.copyOf(h0, 72);
                for (int lane = 0; lane < lanes; lane++) {
                    for (int column = 0; column < 2; column++) {
                        putLe32(seed, 64, column);
                        putLe32(seed, 68, lane);
                        byte[] block = variableHash(1024, seed);
                        int base = (lane * laneLength + column) * WORDS;
                        for (int k = 0; k < WORDS; k++) memory[base + k] = Blake2b.le64(block, 8 * k);
                        Arrays.fill(block, (byte) 0);
                    }
                }
                Arrays.fill(seed, (byte) 0);
                for (int pass = 0; pass < iterations; pass++) {
                    for (int slice = 0; slice < SLICES; slice++) {
                        for (int lane = 0; lane < lanes; lane++) fillSegment(pass, slice, lane);
                    }
                }
                long[] last = new long[WORDS];
                for (int lane = 0; lane < lanes; lane++) {
                    int base = (lane * laneLength + laneLength - 1) * WORDS;
                    for (int k = 0; k < WORDS; k++) last[k] ^= memory[base + k];
                }
                byte[] finalBlock = new byte[1024];
                for (int k = 0; k < WORDS; k++) {
                    for (int b = 0; b < 8; b++) finalBlock[8 * k + b] = (byte) (last[k] >>> (8 * b));
                }
                Arrays.fill(last, 0);
                byte[] tag = variableHash(tagLength, finalBlock);
                Arrays.fill(finalBlock, (byte) 0);
                return tag;
            } finally {
                Arrays.fill(memory, 0);
                Arrays.fill(r, 0);
                Arrays.fill(t, 0);
                Arrays.fill(address, 0);
            }
        }

        private void fillSegment(int pass, int slice, int lane) {
            // Argon2id: data-independent addresses in the first half of the first pass, against
            // side channels; data-dependent ones afterwards, against time-memory trade-offs.
            boolean independent = pass == 0 && slice < 2;
            if (independent) {
                Arrays.fill(input, 0);
                input[0] = pass;
                input[1] = lane;
                input[2] = slice;
                input[3] = blocks;
                input[4] = iterations;
                input[5] = TYPE_ID;
            }
            int start = 0;
            if (pass == 0 && slice == 0) {
                start = 2; // the first two blocks of each lane come from H0
                if (independent) nextAddresses();
            }
            int current = lane * laneLength + slice * segmentLength + start;
            int previous = current % laneLength == 0 ? current + laneLength - 1 : current - 1;
            for (int i = start; i < segmentLength; i++, current++, previous++) {
                if (current % laneLength == 1) previous = current - 1;
                long random;
                if (independent) {
                    if (i % WORDS == 0) nextAddresses();
                    random = address[i % WORDS];
                } else {
                    random = memory[previous * WORDS];
                }
                int refLane = (pass == 0 && slice == 0) ? lane : (int) ((random >>> 32) % lanes);
                int refIndex = referenceIndex(pass, slice, i, random & 0xFFFFFFFFL, refLane == lane);
                fillBlock(previous * WORDS, (refLane * laneLength + refIndex) * WORDS, current * WORDS, pass != 0);
            }
        }

        /** RFC 9106 section 3.4.2: maps J1 to a block of the reference set, biased towards recent blocks. */
        private int referenceIndex(int pass, int slice, int index, long j1, boolean sameLane) {
            long area;
            if (pass == 0) {
                if (slice == 0) area = index - 1;
                else if (sameLane) area = (long) slice * segmentLength + index - 1;
                else area = (long) slice * segmentLength + (index == 0 ? -1 : 0);
            } else {
                if (sameLane) area = laneLength - segmentLength + index - 1;
                else area = laneLength - segmentLength + (index == 0 ? -1 : 0);
            }
            // Both products are below 2^64; the unsigned shift reads their top halves.
            long x = (j1 * j1) >>> 32;
            long relative = area - 1 - ((area * x) >>> 32);
            long startPosition = (pass != 0 && slice != SLICES - 1) ? (long) (slice + 1) * segmentLength : 0;
            return (int) ((startPosition + relative) % laneLength);
        }

        private void nextAddresses() {
            input[6]++;
            compressAgainstZero(input, address);
            compressAgainstZero(address, address);
        }

        /** out = G(0, in): P(in) xor in. {@code in} and {@code out} may be the same array. */
        private void compressAgainstZero(long[] in, long[] out) {
            System.arraycopy(in, 0, r, 0, WORDS);
            System.arraycopy(in, 0, t, 0, WORDS);
            permute(r);
            for (int k = 0; k < WORDS; k++) out[k] = t[k] ^ r[k];
        }

        /** The compression G of RFC 9106 section 3.5, written over the current block (xored from pass 1 on). */
        private void fillBlock(int previous, int reference, int current, boolean xorInto) {
            long[] m = memory;
            for (int k = 0; k < WORDS; k++) r[k] = m[reference + k] ^ m[previous + k];
            if (xorInto) {
                for (int k = 0; k < WORDS; k++) t[k] = r[k] ^ m[current + k];
            } else {
                System.arraycopy(r, 0, t, 0, WORDS);
            }
            permute(r);
            for (int k = 0; k < WORDS; k++) m[current + k] = t[k] ^ r[k];
        }
    }

    private static final long M = 0xFFFFFFFFL;

    /** The permutation P over a block: eight rounds on its rows, then eight on its columns. */
    private static void permute(long[] w) {
        for (int i = 0; i < 8; i++) round(w, 16 * i, 2);
        for (int i = 0; i < 8; i++) round(w, 2 * i, 16);
    }

    /**
     * BLAKE2b's round without message words, with Argon2's multiplication-hardened mixing, on the
     * sixteen words {@code base + (k / 2) * pairStride + k % 2}: a row for stride 2, a column for 16.
     * The words live in locals for the whole round so the JIT keeps them in registers.
     */
    private static void round(long[] w, int base, int pairStride) {
        long v0 = w[base + 0 * pairStride + 0];
        long v1 = w[base + 0 * pairStride + 1];
        long v2 = w[base + 1 * pairStride + 0];
        long v3 = w[base + 1 * pairStride + 1];
        long v4 = w[base + 2 * pairStride + 0];
        long v5 = w[base + 2 * pairStride + 1];
        long v6 = w[base + 3 * pairStride + 0];
        long v7 = w[base + 3 * pairStride + 1];
        long v8 = w[base + 4 * pairStride + 0];
        long v9 = w[base + 4 * pairStride + 1];
        long v10 = w[base + 5 * pairStride + 0];
        long v11 = w[base + 5 * pairStride + 1];
        long v12 = w[base + 6 * pairStride + 0];
        long v13 = w[base + 6 * pairStride + 1];
        long v14 = w[base + 7 * pairStride + 0];
        long v15 = w[base + 7 * pairStride + 1];
        v0 += v4 + 2 * (v0 & M) * (v4 & M);
        v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 += v12 + 2 * (v8 & M) * (v12 & M);
        v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 += v4 + 2 * (v0 & M) * (v4 & M);
        v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 += v12 + 2 * (v8 & M) * (v12 & M);
        v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 += v5 + 2 * (v1 & M) * (v5 & M);
        v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 += v13 + 2 * (v9 & M) * (v13 & M);
        v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 += v5 + 2 * (v1 & M) * (v5 & M);
        v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 += v13 + 2 * (v9 & M) * (v13 & M);
        v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 += v6 + 2 * (v2 & M) * (v6 & M);
        v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 += v14 + 2 * (v10 & M) * (v14 & M);
        v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 += v6 + 2 * (v2 & M) * (v6 & M);
        v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 += v14 + 2 * (v10 & M) * (v14 & M);
        v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 += v7 + 2 * (v3 & M) * (v7 & M);
        v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 += v15 + 2 * (v11 & M) * (v15 & M);
        v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 += v7 + 2 * (v3 & M) * (v7 & M);
        v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 += v15 + 2 * (v11 & M) * (v15 & M);
        v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 += v5 + 2 * (v0 & M) * (v5 & M);
        v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 += v15 + 2 * (v10 & M) * (v15 & M);
        v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 += v5 + 2 * (v0 & M) * (v5 & M);
        v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 += v15 + 2 * (v10 & M) * (v15 & M);
        v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 += v6 + 2 * (v1 & M) * (v6 & M);
        v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 += v12 + 2 * (v11 & M) * (v12 & M);
        v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 += v6 + 2 * (v1 & M) * (v6 & M);
        v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 += v12 + 2 * (v11 & M) * (v12 & M);
        v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 += v7 + 2 * (v2 & M) * (v7 & M);
        v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 += v13 + 2 * (v8 & M) * (v13 & M);
        v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 += v7 + 2 * (v2 & M) * (v7 & M);
        v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 += v13 + 2 * (v8 & M) * (v13 & M);
        v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 += v4 + 2 * (v3 & M) * (v4 & M);
        v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 += v14 + 2 * (v9 & M) * (v14 & M);
        v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 += v4 + 2 * (v3 & M) * (v4 & M);
        v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 += v14 + 2 * (v9 & M) * (v14 & M);
        v4 = Long.rotateRight(v4 ^ v9, 63);
        w[base + 0 * pairStride + 0] = v0;
        w[base + 0 * pairStride + 1] = v1;
        w[base + 1 * pairStride + 0] = v2;
        w[base + 1 * pairStride + 1] = v3;
        w[base + 2 * pairStride + 0] = v4;
        w[base + 2 * pairStride + 1] = v5;
        w[base + 3 * pairStride + 0] = v6;
        w[base + 3 * pairStride + 1] = v7;
        w[base + 4 * pairStride + 0] = v8;
        w[base + 4 * pairStride + 1] = v9;
        w[base + 5 * pairStride + 0] = v10;
        w[base + 5 * pairStride + 1] = v11;
        w[base + 6 * pairStride + 0] = v12;
        w[base + 6 * pairStride + 1] = v13;
        w[base + 7 * pairStride + 0] = v14;
        w[base + 7 * pairStride + 1] = v15;
    }

    private static void putLe32(byte[] b, int off, int value) {
        b[off] = (byte) value;
        b[off + 1] = (byte) (value >>> 8);
        b[off + 2] = (byte) (value >>> 16);
        b[off + 3] = (byte) (value >>> 24);
    }
}
