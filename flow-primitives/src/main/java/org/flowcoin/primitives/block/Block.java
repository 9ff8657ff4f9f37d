package org.flowcoin.primitives.block;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.DecodeException;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.internal.Reader;
import org.flowcoin.primitives.internal.Writer;
import org.flowcoin.primitives.tx.Transaction;

/**
 * A block: header, transactions, delta payload, training-data payload (docs/spec/primitives.md §8).
 *
 * <pre>
 * header (308) | CompactSize tx_count | txs | CompactSize delta_len | delta | CompactSize data_len | data
 * </pre>
 *
 * The body starts after the header; header.delta_offset is the offset of the first delta byte from
 * the body start and header.delta_length its length. Decoding checks both, and bounds every length
 * by the chain's limits before allocating.
 *
 * <pre>{@code
 * HeaderBuilder hb = ...;                          // prev, height, time, nbits, dims, losses, miner
 * Block.prepareHeader(hb, txs, delta);             // merkle root, training hash, delta offset/length
 * Block block = new Block(hb.sign(key), txs, delta, trainingData);
 * Block again = Block.fromBytes(block.toByteArray(), params);
 * }</pre>
 */
public final class Block {
    private final BlockHeader header;
    private final List<Transaction> txs;
    private final byte[] delta;
    private final byte[] trainingData;

    /**
     * @throws IllegalArgumentException if the header's delta_offset/delta_length do not locate
     *     {@code delta} in this body
     */
    public Block(BlockHeader header, List<Transaction> txs, byte[] delta, byte[] trainingData) {
        this.header = Objects.requireNonNull(header, "header");
        this.txs = List.copyOf(txs);
        this.delta = delta.clone();
        this.trainingData = trainingData.clone();
        int off = deltaOffset(this.txs, delta.length);
        if (header.deltaOffset() != off || header.deltaLength() != delta.length) {
            throw new IllegalArgumentException("header delta_offset/delta_length do not match the body (expected " + off + "/" + delta.length + ")");
        }
    }

    /** Offset of the delta payload from the body start: tx count, txs, then the delta length prefix. */
    public static int deltaOffset(List<Transaction> txs, int deltaLength) {
        long off = Writer.compactSizeSize(txs.size());
        for (Transaction t : txs) off += t.serializedSize();
        off += Writer.compactSizeSize(deltaLength);
        if (off > Integer.MAX_VALUE) throw new IllegalArgumentException("body too large");
        return (int) off;
    }

    /** Fills merkle_root, training_hash = Keccak-256(delta), delta_offset and delta_length. */
    public static HeaderBuilder prepareHeader(HeaderBuilder hb, List<Transaction> txs, byte[] delta) {
        List<Hash256> ids = new ArrayList<>(txs.size());
        for (Transaction t : txs) ids.add(t.txid());
        return hb.merkleRoot(Merkle.root(ids)).trainingHash(Hash256.keccak256(delta)).delta(deltaOffset(txs, delta.length), delta.length);
    }

    public static Block read(ByteBuffer buf, ChainParams params) {
        int start = buf.position();
        BlockHeader header = BlockHeader.read(buf);
        int bodyStart = buf.position();
        int n = Reader.count(buf, "tx count", params.maxBlockWeight() / Transaction.MIN_SIZE, Transaction.MIN_SIZE);
        List<Transaction> txs = new ArrayList<>(n);
        long txBytes = 0;
        for (int i = 0; i < n; i++) {
            Transaction t = Transaction.read(buf);
            txBytes += t.serializedSize();
            if (txBytes > params.maxBlockWeight()) throw DecodeException.of("transactions", "exceed " + params.maxBlockWeight() + " bytes");
            txs.add(t);
        }
        int dlen = Reader.compactSize(buf, "delta length", params.maxDeltaBytes());
        int actualOffset = buf.position() - bodyStart;
        if (header.deltaOffset() != actualOffset) {
            throw DecodeException.of("delta_offset", "header says " + Integer.toUnsignedString(header.deltaOffset()) + ", delta starts at " + actualOffset);
        }
        if (header.deltaLength() != dlen) {
            throw DecodeException.of("delta_length", "header says " + Integer.toUnsignedString(header.deltaLength()) + ", payload has " + dlen);
        }
        byte[] delta = Reader.bytes(buf, dlen, "delta payload");
        byte[] data = Reader.varBytes(buf, "training data", params.maxTrainingDataBytes());
        if (buf.position() - start > params.maxBlockSize()) throw DecodeException.of("block", "exceeds the maximum block size");
        return new Block(header, txs, delta, data);
    }

    /** Decodes exactly one block; trailing bytes are an error. */
    public static Block fromBytes(byte[] bytes, ChainParams params) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        Block b = read(buf, params);
        Reader.end(buf, "block");
        return b;
    }

    public static Block fromHex(String hex, ChainParams params) {
        byte[] b;
        try {
            b = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw DecodeException.of("block", "invalid hex");
        }
        return fromBytes(b, params);
    }

    public int serializedSize() {
        return BlockHeader.SIZE + header.deltaOffset() + delta.length + Writer.varBytesSize(trainingData.length);
    }

    public void write(ByteBuffer buf) {
        header.write(buf);
        Writer.compactSize(buf, txs.size());
        for (Transaction t : txs) t.write(buf);
        Writer.varBytes(buf, delta);
        Writer.varBytes(buf, trainingData);
    }

    public byte[] toByteArray() {
        ByteBuffer buf = ByteBuffer.allocate(serializedSize());
        write(buf);
        return buf.array();
    }

    public String toHex() {
        return HexFormat.of().formatHex(toByteArray());
    }

    public Hash256 hash() {
        return header.hash();
    }

    public BlockHeader header() {
        return header;
    }

    public List<Transaction> transactions() {
        return txs;
    }

    public byte[] deltaPayload() {
        return delta.clone();
    }

    public int deltaLength() {
        return delta.length;
    }

    public byte[] trainingData() {
        return trainingData.clone();
    }

    public int trainingDataLength() {
        return trainingData.length;
    }

    /** The witness root of this block's transactions (docs/spec/primitives.md §7.1). */
    public Hash256 witnessRoot() {
        return Coinbase.witnessRoot(txs);
    }

    /** Sum of transaction weights. */
    public long weight() {
        long w = 0;
        for (Transaction t : txs) w += t.weight();
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Block b && header.equals(b.header) && txs.equals(b.txs)
                && java.util.Arrays.equals(delta, b.delta) && java.util.Arrays.equals(trainingData, b.trainingData);
    }

    @Override
    public int hashCode() {
        return header.hashCode();
    }

    @Override
    public String toString() {
        return "Block[" + hash().toHex() + ", height=" + header.height() + ", txs=" + txs.size() + "]";
    }
}
