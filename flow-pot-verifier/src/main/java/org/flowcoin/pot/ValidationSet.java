package org.flowcoin.pot;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.primitives.Hash256;

/**
 * The validation set V_h of a block (docs/spec/dataset.md): {@code vhSequences} byte sequences of
 * {@code vhLength} bytes, sampled with a seed from prev_hash out of the training data of the last
 * {@code vhWindow} ancestors, the rest from the genesis corpus while those hold too few bytes.
 *
 * <pre>{@code
 * ValidationSet vh = ValidationSet.derive(params, header.prevHash(), windowPayloads);
 * boolean ok = vh.hash().equals(header.datasetHash());
 * float loss = evaluator.meanLoss(weights, vh.sequences());
 * }</pre>
 */
public final class ValidationSet {
    /** Domain tag of the sampling hash. */
    public static final byte[] TAG = "flowcoin/vh/v1".getBytes(StandardCharsets.US_ASCII);

    private final List<byte[]> sequences;
    private final Hash256 hash;
    private final int fromChain;

    private ValidationSet(List<byte[]> sequences, int fromChain) {
        this.sequences = sequences;
        this.fromChain = fromChain;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] s : sequences) o.writeBytes(s);
        this.hash = Hash256.keccak256(o.toByteArray());
    }

    /**
     * Derives V_h.
     *
     * @param windowPayloads training data of the ancestors at heights max(1, h - W) .. h - 1, oldest first
     */
    public static ValidationSet derive(PotParams p, Hash256 prevHash, List<byte[]> windowPayloads) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] d : windowPayloads) o.writeBytes(d);
        byte[] pool = o.toByteArray();
        int len = p.vhLength();
        int nChain = (int) Math.min(p.vhSequences(), pool.length / len);
        byte[] corpus = GenesisCorpus.shared();
        List<byte[]> seqs = new ArrayList<>(p.vhSequences());
        for (int j = 0; j < p.vhSequences(); j++) {
            byte[] src = j < nChain ? pool : corpus;
            long start = Long.remainderUnsigned(sample(prevHash, j), src.length - len + 1);
            seqs.add(Arrays.copyOfRange(src, (int) start, (int) start + len));
        }
        return new ValidationSet(List.copyOf(seqs), nChain);
    }

    /** u64 LE of the first 8 bytes of Keccak-256(TAG || prev_hash || u32 LE j). */
    static long sample(Hash256 prevHash, int j) {
        ByteBuffer b = ByteBuffer.allocate(TAG.length + 36).order(ByteOrder.LITTLE_ENDIAN);
        b.put(TAG).put(prevHash.toByteArray()).putInt(j);
        return ByteBuffer.wrap(Keccak.keccak256(b.array())).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** The sequences, in order (shared arrays: do not modify). */
    public List<byte[]> sequences() {
        return sequences;
    }

    /** dataset_hash: Keccak-256 of the sequences concatenated in order. */
    public Hash256 hash() {
        return hash;
    }

    /** How many sequences came from chain data (the rest from the genesis corpus). */
    public int fromChain() {
        return fromChain;
    }
}
