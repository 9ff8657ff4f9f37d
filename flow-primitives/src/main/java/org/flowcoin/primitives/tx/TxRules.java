package org.flowcoin.primitives.tx;

import java.util.HashSet;
import java.util.Set;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.ValidationResult;
import org.flowcoin.primitives.block.Coinbase;

/**
 * Context-free transaction rules (docs/spec/primitives.md §2.2, ids TX-n). Chain-state rules
 * (inputs exist, amounts, maturity, lock times against the chain) belong to the block validator.
 *
 * <pre>{@code
 * ValidationResult r = TxRules.check(tx, ChainParams.mainnet());
 * }</pre>
 */
public final class TxRules {
    private TxRules() {}

    public static ValidationResult check(Transaction tx, ChainParams params) {
        if (tx.inputs().isEmpty()) return ValidationResult.fail("TX-1", "no inputs");
        if (tx.outputs().isEmpty()) return ValidationResult.fail("TX-2", "no outputs");
        long total = 0;
        for (TxOutput o : tx.outputs()) {
            total += o.value();
            if (!Amounts.isValid(total)) return ValidationResult.fail("TX-3", "total output value exceeds MAX_MONEY");
        }
        Set<OutPoint> seen = new HashSet<>();
        for (TxInput in : tx.inputs()) {
            if (!seen.add(in.prevout())) return ValidationResult.fail("TX-4", "duplicate input " + in.prevout());
        }
        if (tx.isCoinbase()) {
            ValidationResult r = Coinbase.checkStructure(tx);
            if (!r.isValid()) return r;
        } else {
            for (TxInput in : tx.inputs()) {
                if (in.prevout().isNull()) return ValidationResult.fail("TX-6", "null prevout outside a coinbase");
            }
        }
        if (tx.baseSize() == 64) return ValidationResult.fail("TX-7", "base size of 64 bytes (merkle node ambiguity)");
        if (tx.weight() > params.maxBlockWeight()) return ValidationResult.fail("TX-8", "weight exceeds the block limit");
        for (TxInput in : tx.inputs()) {
            int seq = in.sequence();
            if ((seq & TxInput.SEQUENCE_DISABLE_FLAG) == 0 && (seq & TxInput.SEQUENCE_TYPE_FLAG) != 0) {
                return ValidationResult.fail("TX-9", "time-based relative lock (sequence type flag) is reserved");
            }
        }
        return ValidationResult.valid();
    }
}
