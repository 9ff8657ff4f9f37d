package org.flowcoin.primitives.tx;

import java.util.HashSet;
import java.util.Set;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.block.Coinbase;
import org.flowcoin.primitives.consensus.Rule;
import org.flowcoin.primitives.consensus.Verdict;

/**
 * Context-free transaction rules (docs/spec/primitives.md §2.2, ids TX-n). Chain-state rules
 * (inputs exist, amounts, maturity, lock times against the chain) belong to the block validator.
 *
 * <pre>{@code
 * Verdict r = TxRules.check(tx, ChainParams.mainnet());
 * }</pre>
 */
public final class TxRules {
    private TxRules() {}

    public static Verdict check(Transaction tx, ChainParams params) {
        if (tx.inputs().isEmpty()) return Verdict.reject(Rule.TX_NO_INPUTS, "no inputs");
        if (tx.outputs().isEmpty()) return Verdict.reject(Rule.TX_NO_OUTPUTS, "no outputs");
        long total = 0;
        for (TxOutput o : tx.outputs()) {
            total += o.value();
            if (!Amounts.isValid(total)) return Verdict.reject(Rule.TX_OUTPUT_RANGE, "total output value exceeds MAX_MONEY");
        }
        Set<OutPoint> seen = new HashSet<>();
        for (TxInput in : tx.inputs()) {
            if (!seen.add(in.prevout())) return Verdict.reject(Rule.TX_DUPLICATE_INPUT, "duplicate input " + in.prevout());
        }
        if (tx.isCoinbase()) {
            Verdict r = Coinbase.checkStructure(tx);
            if (!r.accepted()) return r;
        } else {
            for (TxInput in : tx.inputs()) {
                if (in.prevout().isNull()) return Verdict.reject(Rule.TX_NULL_PREVOUT, "null prevout outside a coinbase");
            }
        }
        if (tx.baseSize() == 64) return Verdict.reject(Rule.TX_SIZE_64, "base size of 64 bytes (merkle node ambiguity)");
        if (tx.weight() > params.maxBlockWeight()) return Verdict.reject(Rule.TX_WEIGHT, "weight exceeds the block limit");
        for (TxInput in : tx.inputs()) {
            int seq = in.sequence();
            if ((seq & TxInput.SEQUENCE_DISABLE_FLAG) == 0 && (seq & TxInput.SEQUENCE_TYPE_FLAG) != 0) {
                return Verdict.reject(Rule.TX_TIME_RELATIVE_LOCK, "time-based relative lock (sequence type flag) is reserved");
            }
        }
        return Verdict.accept();
    }

    /**
     * Absolute lock time (spec §4.7, validation.md TX-14): final if locktime is 0, every input's sequence is ffffffff,
     * or the locktime (a height below 500,000,000, otherwise a Unix time) is below the block height
     * or the median time past respectively.
     */
    public static boolean isFinal(Transaction tx, long blockHeight, long medianTimePast) {
        long lock = tx.lockTime() & 0xffff_ffffL;
        if (lock == 0) return true;
        long bound = lock < org.flowcoin.primitives.script.ScriptInterpreter.LOCKTIME_THRESHOLD ? blockHeight : medianTimePast;
        if (lock < bound) return true;
        for (TxInput in : tx.inputs()) {
            if (in.sequence() != TxInput.SEQUENCE_FINAL) return false;
        }
        return true;
    }

    /**
     * Relative height locks (spec §4.7, BIP-68 for heights): every input with bit 31 of its
     * sequence clear may only be spent at {@code blockHeight >= prevoutHeights[i] + (sequence & 0xffff)}.
     *
     * @param prevoutHeights height of the block that created each spent output, in input order
     */
    public static boolean relativeLocksSatisfied(Transaction tx, long blockHeight, long[] prevoutHeights) {
        if (prevoutHeights.length != tx.inputs().size()) throw new IllegalArgumentException("one height per input");
        for (int i = 0; i < prevoutHeights.length; i++) {
            if (!relativeLockSatisfied(tx.inputs().get(i), prevoutHeights[i], blockHeight)) return false;
        }
        return true;
    }

    /** One input's relative height lock (validation.md TX-15): no lock, or {@code blockHeight >= prevoutHeight + lock}. */
    public static boolean relativeLockSatisfied(TxInput in, long prevoutHeight, long blockHeight) {
        int lock = in.relativeHeightLock();
        return lock < 0 || blockHeight >= prevoutHeight + lock;
    }

    /**
     * Coinbase maturity (validation.md TX-11): an output created at {@code createdHeight} may be
     * spent in a block at {@code spendHeight}; outputs of other transactions always may.
     */
    public static boolean matured(boolean coinbase, long createdHeight, long spendHeight, ChainParams params) {
        return !coinbase || spendHeight - createdHeight >= params.coinbaseMaturity();
    }
}
