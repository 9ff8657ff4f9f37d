package org.flowcoin.primitives.tx;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.flowcoin.primitives.DecodeException;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.internal.Reader;
import org.flowcoin.primitives.internal.Writer;

/**
 * A transaction with the witness split made native (docs/spec/primitives.md §2):
 *
 * <pre>
 * version u32 | CompactSize n_in | n_in x (prevout 36, sequence u32)
 *             | CompactSize n_out | n_out x (value i64, CompactSize script_len, script)
 *             | locktime u32 | n_in x witness stack
 * </pre>
 *
 * The part before the witnesses is the base serialization; {@code txid = Keccak-256d(base)},
 * {@code wtxid = Keccak-256d(all)}. Immutable; the serialized bytes are kept so hashing and
 * re-encoding never re-serialize.
 *
 * <pre>{@code
 * Transaction tx = Transaction.fromBytes(bytes);   // throws DecodeException
 * Hash256 txid = tx.txid();
 * }</pre>
 */
public final class Transaction {
    /** Upper bound on inputs/outputs per transaction (far above what the weight limit allows). */
    public static final int MAX_IO = 100_000;
    /** Smallest possible serialization of one transaction (1 input, 1 output with empty script, empty witness). */
    public static final int MIN_SIZE = 4 + 1 + TxInput.SIZE + 1 + 9 + 4 + 1;

    private final int version;
    private final List<TxInput> inputs;
    private final List<TxOutput> outputs;
    private final int lockTime;
    private final List<Witness> witnesses;
    private final byte[] encoded;
    private final int baseSize;
    private Hash256 txid;
    private Hash256 wtxid;

    /**
     * @param witnesses one per input (use {@link Witness#EMPTY} for none)
     */
    public Transaction(int version, List<TxInput> inputs, List<TxOutput> outputs, int lockTime, List<Witness> witnesses) {
        this.version = version;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.lockTime = lockTime;
        this.witnesses = List.copyOf(witnesses);
        if (this.witnesses.size() != this.inputs.size()) throw new IllegalArgumentException("one witness per input required");
        if (this.inputs.size() > MAX_IO || this.outputs.size() > MAX_IO) throw new IllegalArgumentException("too many inputs or outputs");
        int base = 4 + Writer.compactSizeSize(this.inputs.size()) + this.inputs.size() * TxInput.SIZE
                + Writer.compactSizeSize(this.outputs.size()) + 4;
        for (TxOutput o : this.outputs) base += o.serializedSize();
        int total = base;
        for (Witness w : this.witnesses) total += w.serializedSize();
        ByteBuffer buf = ByteBuffer.allocate(total);
        Writer.u32(buf, version);
        Writer.compactSize(buf, this.inputs.size());
        for (TxInput in : this.inputs) in.write(buf);
        Writer.compactSize(buf, this.outputs.size());
        for (TxOutput o : this.outputs) o.write(buf);
        Writer.u32(buf, lockTime);
        for (Witness w : this.witnesses) w.write(buf);
        this.encoded = buf.array();
        this.baseSize = base;
    }

    private Transaction(int version, List<TxInput> inputs, List<TxOutput> outputs, int lockTime, List<Witness> witnesses,
            byte[] encoded, int baseSize) {
        this.version = version;
        this.inputs = inputs;
        this.outputs = outputs;
        this.lockTime = lockTime;
        this.witnesses = witnesses;
        this.encoded = encoded;
        this.baseSize = baseSize;
    }

    /** Decodes one transaction from the buffer's position, leaving the position after it. */
    public static Transaction read(ByteBuffer buf) {
        int start = buf.position();
        int version = Reader.u32(buf, "tx version");
        int nIn = Reader.count(buf, "input count", MAX_IO, TxInput.SIZE);
        List<TxInput> ins = new ArrayList<>(nIn);
        for (int i = 0; i < nIn; i++) ins.add(TxInput.read(buf));
        int nOut = Reader.count(buf, "output count", MAX_IO, 9);
        List<TxOutput> outs = new ArrayList<>(nOut);
        for (int i = 0; i < nOut; i++) outs.add(TxOutput.read(buf));
        int lockTime = Reader.u32(buf, "locktime");
        int base = buf.position() - start;
        if (nIn > buf.remaining()) throw DecodeException.of("witnesses", nIn + " witness stacks need at least " + nIn + " bytes");
        List<Witness> ws = new ArrayList<>(nIn);
        for (int i = 0; i < nIn; i++) ws.add(Witness.read(buf));
        byte[] enc = new byte[buf.position() - start];
        buf.duplicate().position(start).get(enc);
        return new Transaction(version, List.copyOf(ins), List.copyOf(outs), lockTime, List.copyOf(ws), enc, base);
    }

    /** Decodes exactly one transaction; trailing bytes are an error. */
    public static Transaction fromBytes(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        Transaction tx = read(buf);
        Reader.end(buf, "transaction");
        return tx;
    }

    public static Transaction fromHex(String hex) {
        byte[] b;
        try {
            b = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw DecodeException.of("transaction", "invalid hex");
        }
        return fromBytes(b);
    }

    public void write(ByteBuffer buf) {
        buf.put(encoded);
    }

    public int serializedSize() {
        return encoded.length;
    }

    /** Size of the serialization without witnesses. */
    public int baseSize() {
        return baseSize;
    }

    /** 3 x base size + total size. */
    public long weight() {
        return 3L * baseSize + encoded.length;
    }

    public byte[] toByteArray() {
        return encoded.clone();
    }

    /** The base serialization (without witnesses). */
    public byte[] baseBytes() {
        return java.util.Arrays.copyOf(encoded, baseSize);
    }

    public String toHex() {
        return HexFormat.of().formatHex(encoded);
    }

    public Hash256 txid() {
        Hash256 h = txid;
        if (h == null) txid = h = Hash256.keccak256d(encoded, 0, baseSize);
        return h;
    }

    public Hash256 wtxid() {
        Hash256 h = wtxid;
        if (h == null) wtxid = h = Hash256.keccak256d(encoded, 0, encoded.length);
        return h;
    }

    public int version() {
        return version;
    }

    public List<TxInput> inputs() {
        return inputs;
    }

    public List<TxOutput> outputs() {
        return outputs;
    }

    public int lockTime() {
        return lockTime;
    }

    public List<Witness> witnesses() {
        return witnesses;
    }

    public Witness witness(int input) {
        return witnesses.get(input);
    }

    /** A coinbase has exactly one input, whose prevout is {@link OutPoint#NULL}. */
    public boolean isCoinbase() {
        return inputs.size() == 1 && inputs.get(0).prevout().isNull();
    }

    /** The same transaction with other witnesses (signing fills them in). */
    public Transaction withWitnesses(List<Witness> newWitnesses) {
        return new Transaction(version, inputs, outputs, lockTime, newWitnesses);
    }

    /** Sum of output values (each is valid; the sum may still exceed MAX_MONEY, see TxRules). */
    public long totalOutputSaturating() {
        long s = 0;
        for (TxOutput o : outputs) s = Math.min(Long.MAX_VALUE / 2, s + o.value());
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transaction t && java.util.Arrays.equals(encoded, t.encoded);
    }

    @Override
    public int hashCode() {
        return wtxid().hashCode();
    }

    @Override
    public String toString() {
        return "Transaction[" + txid().toHex() + "]";
    }

}
