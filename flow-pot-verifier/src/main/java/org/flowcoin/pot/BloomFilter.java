package org.flowcoin.pot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.flowcoin.primitives.Hash256;

/**
 * The consensus Bloom filter of training-data chunk hashes (docs/spec/dataset.md): m = 2^b bits,
 * k &lt;= 8 probes; probe i is the little-endian u32 at bytes [4i, 4i+4) of the chunk's Keccak-256,
 * masked to b bits. Mutable: owned by the chain state, changed only by connecting or disconnecting
 * blocks (with the exact bits a block set, for undo).
 *
 * <pre>{@code
 * BloomFilter f = BloomFilter.empty(params);
 * int[] newBits = f.add(chunkHash);   // bits that were 0 before
 * f.clear(newBits);                   // undo
 * }</pre>
 */
public final class BloomFilter {
    private final int log2Bits;
    private final int hashes;
    private final long[] words;

    private BloomFilter(int log2Bits, int hashes, long[] words) {
        this.log2Bits = log2Bits;
        this.hashes = hashes;
        this.words = words;
    }

    /** An empty filter with the chain's m and k. */
    public static BloomFilter empty(PotParams p) {
        return new BloomFilter(p.bloomLog2Bits(), p.bloomHashes(), new long[(int) Math.max(1, (1L << p.bloomLog2Bits()) / 64)]);
    }

    /** The probe positions of {@code h}. */
    public int[] probes(Hash256 h) {
        int[] out = new int[hashes];
        long mask = (1L << log2Bits) - 1;
        for (int i = 0; i < hashes; i++) {
            long v = (h.get(4 * i) & 0xffL) | (h.get(4 * i + 1) & 0xffL) << 8 | (h.get(4 * i + 2) & 0xffL) << 16 | (h.get(4 * i + 3) & 0xffL) << 24;
            out[i] = (int) (v & mask);
        }
        return out;
    }

    private boolean bit(int pos) {
        long p = pos & 0xffff_ffffL;
        return (words[(int) (p >>> 6)] >>> (p & 63) & 1) != 0;
    }

    /** True when every probe of {@code h} is set (possibly a false positive). */
    public boolean mightContain(Hash256 h) {
        for (int p : probes(h)) if (!bit(p)) return false;
        return true;
    }

    /** Sets the probes of {@code h}; returns the positions that were 0 before (the undo data). */
    public int[] add(Hash256 h) {
        int[] pr = probes(h);
        int[] fresh = new int[pr.length];
        int n = 0;
        for (int p : pr) {
            if (!bit(p)) {
                long q = p & 0xffff_ffffL;
                words[(int) (q >>> 6)] |= 1L << (q & 63);
                fresh[n++] = p;
            }
        }
        return Arrays.copyOf(fresh, n);
    }

    /**
     * The positions that adding every hash of {@code hs} would set and that are 0 now, each once
     * (nothing is written): a block's Bloom change, applied with {@link #set} and undone with
     * {@link #clear}.
     */
    public int[] freshBits(List<Hash256> hs) {
        java.util.TreeSet<Integer> fresh = new java.util.TreeSet<>();
        for (Hash256 h : hs) for (int p : probes(h)) if (!bit(p)) fresh.add(p);
        return fresh.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Sets the given positions (redo of {@link #clear}). */
    public void set(int[] positions) {
        for (int p : positions) {
            long q = p & 0xffff_ffffL;
            words[(int) (q >>> 6)] |= 1L << (q & 63);
        }
    }

    /** Clears the given positions (undo of {@link #add}). */
    public void clear(int[] positions) {
        for (int p : positions) {
            long q = p & 0xffff_ffffL;
            words[(int) (q >>> 6)] &= ~(1L << (q & 63));
        }
    }

    /** Number of set bits. */
    public long bitCount() {
        long c = 0;
        for (long w : words) c += Long.bitCount(w);
        return c;
    }

    /** Serialized size: the bit array, little-endian 64-bit words. */
    public int serializedSize() {
        return words.length * 8;
    }

    public void write(ByteBuffer buf) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (long w : words) b.putLong(w);
        buf.position(b.position());
    }

    /** Reads a filter written by {@link #write} for the same parameters. */
    public static BloomFilter read(ByteBuffer buf, PotParams p) {
        BloomFilter f = empty(p);
        if (buf.remaining() < f.serializedSize()) throw new IllegalArgumentException("truncated Bloom filter");
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < f.words.length; i++) f.words[i] = b.getLong();
        buf.position(b.position());
        return f;
    }

    public BloomFilter copy() {
        return new BloomFilter(log2Bits, hashes, words.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BloomFilter f && log2Bits == f.log2Bits && hashes == f.hashes && Arrays.equals(words, f.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "BloomFilter[m=2^" + log2Bits + ", k=" + hashes + ", set=" + bitCount() + "]";
    }
}
