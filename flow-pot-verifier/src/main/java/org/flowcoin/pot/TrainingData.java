package org.flowcoin.pot;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.consensus.Rule;
import org.flowcoin.primitives.consensus.Verdict;

/**
 * Rules for a block's training-data payload (docs/spec/dataset.md): size, chunk deduplication
 * against the chain's Bloom filter, minimum byte entropy, and minimum distinct 4-grams per chunk.
 * All arithmetic is integer, so every node gets the same answer.
 *
 * <pre>{@code
 * Verdict v = TrainingData.check(payload, params, bloom);
 * List<Hash256> chunks = TrainingData.chunkHashes(payload, params.chunkSize());
 * }</pre>
 */
public final class TrainingData {
    private TrainingData() {}

    /** The chunks: consecutive slices of {@code chunkSize} bytes, the last one possibly shorter. */
    public static List<byte[]> chunks(byte[] payload, int chunkSize) {
        List<byte[]> out = new ArrayList<>();
        for (int o = 0; o < payload.length; o += chunkSize) out.add(Arrays.copyOfRange(payload, o, Math.min(payload.length, o + chunkSize)));
        return out;
    }

    /** Keccak-256 of every chunk, in order. */
    public static List<Hash256> chunkHashes(byte[] payload, int chunkSize) {
        List<Hash256> out = new ArrayList<>();
        for (byte[] c : chunks(payload, chunkSize)) out.add(Hash256.keccak256(c));
        return out;
    }

    /**
     * Checks DATA-1 to DATA-4. The Bloom filter is only read.
     */
    public static Verdict check(byte[] payload, PotParams p, BloomFilter bloom) {
        if (payload.length < p.minDataBytes()) {
            return Verdict.reject(Rule.DATA_SIZE, "training data has " + payload.length + " bytes, minimum " + p.minDataBytes());
        }
        Set<Hash256> seen = new HashSet<>();
        int i = 0;
        for (Hash256 h : chunkHashes(payload, p.chunkSize())) {
            if (!seen.add(h)) return Verdict.reject(Rule.DATA_DUPLICATE, "chunk " + i + " repeats an earlier chunk of the payload");
            if (bloom.mightContain(h)) return Verdict.reject(Rule.DATA_DUPLICATE, "chunk " + i + " is in the Bloom filter of earlier data");
            i++;
        }
        if (payload.length > 0 && !entropyAtLeast(payload, p.minEntropyCentibits())) {
            return Verdict.reject(Rule.DATA_ENTROPY, "byte entropy below " + p.minEntropyCentibits() / 100.0 + " bits per byte");
        }
        i = 0;
        for (byte[] c : chunks(payload, p.chunkSize())) {
            if (c.length >= 4 && (long) distinct4grams(c) * 1000 < (long) p.minDistinctPermille() * (c.length - 3)) {
                return Verdict.reject(Rule.DATA_REPETITION, "chunk " + i + " has " + distinct4grams(c) + " distinct 4-grams of " + (c.length - 3));
            }
            i++;
        }
        return Verdict.accept();
    }

    /**
     * log2(x) in unsigned Q32 fixed point for 1 &lt;= x &lt; 2^31, by the exact integer digit-by-digit
     * method of docs/spec/dataset.md (Q30 mantissa, 32 squarings, truncating).
     */
    public static long log2Q32(long x) {
        if (x < 1 || x >= 1L << 31) throw new IllegalArgumentException("x out of range");
        int ip = 63 - Long.numberOfLeadingZeros(x);
        long m = x << (30 - ip); // [2^30, 2^31): mantissa in [1, 2) as Q30
        long r = (long) ip << 32;
        for (int bit = 31; bit >= 0; bit--) {
            m = (m * m) >>> 30;
            if (m >= 1L << 31) {
                m >>>= 1;
                r |= 1L << bit;
            }
        }
        return r;
    }

    /**
     * Order-0 entropy total in Q32: n*log2(n) - sum over byte values v of c_v*log2(c_v) (c_v > 0),
     * summed in byte-value order. Divide by n * 2^32 for bits per byte.
     */
    public static long entropyTotalQ32(byte[] data) {
        long[] c = new long[256];
        for (byte b : data) c[b & 0xff]++;
        long n = data.length;
        long t = n * log2Q32(n);
        for (int v = 0; v < 256; v++) if (c[v] > 0) t -= c[v] * log2Q32(c[v]);
        return t;
    }

    /** entropy * 100 >= minCentibits, compared exactly: 100 * total >= minCentibits * n * 2^32. */
    static boolean entropyAtLeast(byte[] data, int minCentibits) {
        BigInteger lhs = BigInteger.valueOf(entropyTotalQ32(data)).multiply(BigInteger.valueOf(100));
        BigInteger rhs = BigInteger.valueOf(minCentibits).multiply(BigInteger.valueOf(data.length)).shiftLeft(32);
        return lhs.compareTo(rhs) >= 0;
    }

    /** Number of distinct 4-byte substrings of {@code chunk}. */
    public static int distinct4grams(byte[] chunk) {
        Set<Integer> s = new HashSet<>();
        for (int i = 0; i + 4 <= chunk.length; i++) {
            s.add((chunk[i] & 0xff) << 24 | (chunk[i + 1] & 0xff) << 16 | (chunk[i + 2] & 0xff) << 8 | (chunk[i + 3] & 0xff));
        }
        return s.size();
    }
}
