package org.flowcoin.primitives.block;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.consensus.Rule;
import org.flowcoin.primitives.consensus.Verdict;
import org.flowcoin.primitives.script.Opcodes;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.ScriptException;
import org.flowcoin.primitives.script.ScriptNum;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.Witness;

/**
 * The coinbase transaction (docs/spec/primitives.md §7): one input with the null prevout and
 * sequence 0xffffffff; its witness holds the height as a minimal script number (item 0) and
 * optionally up to 100 bytes of miner data (item 1); locktime = height (so the txid, which excludes
 * witnesses, is unique per height); exactly one commitment output
 * {@code OP_RETURN OP_PUSHDATA1 100 "flcm" | training_data_hash | model_root | witness_root} of
 * value 0. The witness root (§7.1) commits to every witness of the block, so that a body whose
 * witnesses were altered no longer matches its header.
 *
 * <pre>{@code
 * Transaction cb = Coinbase.build(height, List.of(new TxOutput(reward, Templates.payToKeyHash(pub))),
 *         Hash256.keccak256(trainingPayload), modelRoot, new byte[0], otherTransactions);
 * }</pre>
 */
public final class Coinbase {
    /** ASCII "flcm". */
    public static final byte[] COMMITMENT_TAG = "flcm".getBytes(StandardCharsets.US_ASCII);
    /** OP_RETURN, OP_PUSHDATA1, the length byte, then the 100-byte payload. */
    public static final int COMMITMENT_SCRIPT_SIZE = 3 + 4 + 3 * 32;
    private static final int PAYLOAD = COMMITMENT_SCRIPT_SIZE - 3;
    public static final int MAX_EXTRA = 100;

    private Coinbase() {}

    /** Training-data hash, model root and witness root committed by a coinbase. */
    public record Commitment(Hash256 trainingDataHash, Hash256 modelRoot, Hash256 witnessRoot) {}

    public static Script commitmentScript(Hash256 trainingDataHash, Hash256 modelRoot, Hash256 witnessRoot) {
        byte[] s = new byte[COMMITMENT_SCRIPT_SIZE];
        s[0] = (byte) Opcodes.OP_RETURN;
        s[1] = (byte) Opcodes.OP_PUSHDATA1;
        s[2] = (byte) PAYLOAD;
        System.arraycopy(COMMITMENT_TAG, 0, s, 3, 4);
        System.arraycopy(trainingDataHash.toByteArray(), 0, s, 7, 32);
        System.arraycopy(modelRoot.toByteArray(), 0, s, 39, 32);
        System.arraycopy(witnessRoot.toByteArray(), 0, s, 71, 32);
        return Script.of(s);
    }

    /**
     * The witness root of a block (docs/spec/primitives.md §7.1): the §6 merkle root over the
     * leaves Keccak-256d(serialization of the coinbase's input witness), then the wtxid of every
     * other transaction in block order. The coinbase contributes its witness rather than its wtxid
     * because its wtxid covers the commitment output that holds this root.
     *
     * @param coinbaseWitness witness of the coinbase input (height, optional extra data)
     * @param others the block's transactions after the coinbase
     */
    public static Hash256 witnessRoot(Witness coinbaseWitness, List<Transaction> others) {
        List<Hash256> leaves = new ArrayList<>(others.size() + 1);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(coinbaseWitness.serializedSize());
        coinbaseWitness.write(buf);
        leaves.add(Hash256.keccak256d(buf.array()));
        for (Transaction t : others) leaves.add(t.wtxid());
        return Merkle.root(leaves);
    }

    /** The witness root of the transactions {@code txs}, the first being the coinbase. */
    public static Hash256 witnessRoot(List<Transaction> txs) {
        if (txs.isEmpty() || txs.get(0).inputs().isEmpty()) throw new IllegalArgumentException("the first transaction must be a coinbase");
        return witnessRoot(txs.get(0).witness(0), txs.subList(1, txs.size()));
    }

    /**
     * Builds a coinbase: the payouts, then the commitment output, whose witness root covers this
     * coinbase's witness and {@code others}.
     *
     * @param extra miner data for witness item 1 (at most 100 bytes; empty for none)
     * @param others the transactions that follow the coinbase in the block, in block order
     */
    public static Transaction build(long height, List<TxOutput> payouts, Hash256 trainingDataHash, Hash256 modelRoot, byte[] extra,
            List<Transaction> others) {
        if (height < 0 || height > 0xffff_ffffL) throw new IllegalArgumentException("height out of range");
        if (extra.length > MAX_EXTRA) throw new IllegalArgumentException("extra data is at most 100 bytes");
        Witness w = extra.length == 0 ? Witness.of(ScriptNum.encode(height)) : Witness.of(ScriptNum.encode(height), extra);
        List<TxOutput> outs = new ArrayList<>(payouts);
        outs.add(new TxOutput(0, commitmentScript(trainingDataHash, modelRoot, witnessRoot(w, others))));
        return new Transaction(1, List.of(new TxInput(OutPoint.NULL, TxInput.SEQUENCE_FINAL)), outs, (int) height, List.of(w));
    }

    /** The height a coinbase declares in witness item 0, if it parses. */
    public static Optional<Long> height(Transaction cb) {
        if (!cb.isCoinbase() || cb.witness(0).size() < 1) return Optional.empty();
        try {
            long h = ScriptNum.decode(cb.witness(0).item(0), 5);
            return h < 0 ? Optional.empty() : Optional.of(h);
        } catch (ScriptException e) {
            return Optional.empty();
        }
    }

    /** The commitment, if exactly one commitment output exists. */
    public static Optional<Commitment> commitment(Transaction cb) {
        Commitment found = null;
        for (TxOutput o : cb.outputs()) {
            byte[] s = o.script().toByteArray();
            if (isCommitment(s)) {
                if (found != null) return Optional.empty();
                found = new Commitment(Hash256.of(Arrays.copyOfRange(s, 7, 39)), Hash256.of(Arrays.copyOfRange(s, 39, 71)),
                        Hash256.of(Arrays.copyOfRange(s, 71, 103)));
            }
        }
        return Optional.ofNullable(found);
    }

    private static boolean isCommitment(byte[] s) {
        return s.length == COMMITMENT_SCRIPT_SIZE && (s[0] & 0xff) == Opcodes.OP_RETURN && (s[1] & 0xff) == Opcodes.OP_PUSHDATA1
                && (s[2] & 0xff) == PAYLOAD && Arrays.equals(s, 3, 7, COMMITMENT_TAG, 0, 4);
    }

    /** Rule TX-5: the coinbase shape (witness, sequence, locktime = height, one commitment of value 0). */
    public static Verdict checkStructure(Transaction cb) {
        if (!cb.isCoinbase()) return Verdict.reject(Rule.TX_COINBASE_SHAPE, "not a coinbase");
        Witness w = cb.witness(0);
        if (w.size() < 1 || w.size() > 2) return Verdict.reject(Rule.TX_COINBASE_SHAPE, "coinbase witness must have 1 or 2 items");
        Optional<Long> h = height(cb);
        if (h.isEmpty() || h.get() > 0xffff_ffffL) return Verdict.reject(Rule.TX_COINBASE_SHAPE, "coinbase height is not a minimal non-negative number");
        if (w.size() == 2 && w.item(1).length > MAX_EXTRA) return Verdict.reject(Rule.TX_COINBASE_SHAPE, "coinbase extra data exceeds 100 bytes");
        if (cb.inputs().get(0).sequence() != TxInput.SEQUENCE_FINAL) return Verdict.reject(Rule.TX_COINBASE_SHAPE, "coinbase sequence must be 0xffffffff");
        if ((cb.lockTime() & 0xffff_ffffL) != h.get()) return Verdict.reject(Rule.TX_COINBASE_SHAPE, "coinbase locktime must equal the height");
        int count = 0;
        for (TxOutput o : cb.outputs()) {
            if (isCommitment(o.script().toByteArray())) {
                count++;
                if (o.value() != 0) return Verdict.reject(Rule.TX_COINBASE_SHAPE, "commitment output must have value 0");
            }
        }
        if (count != 1) return Verdict.reject(Rule.TX_COINBASE_SHAPE, "coinbase needs exactly one commitment output, found " + count);
        return Verdict.accept();
    }
}
