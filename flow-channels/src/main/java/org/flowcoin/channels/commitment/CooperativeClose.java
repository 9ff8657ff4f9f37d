package org.flowcoin.channels.commitment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.flowcoin.channels.script.ChannelScripts;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.Witness;

/**
 * The mutual close (docs/spec/channels.md, section 7): both sides sign one transaction that spends
 * the funding output straight to their final scripts, with no delay and no revocation branch, once
 * no HTLC is pending. Version 2, lock time 0, sequence final (so it carries no commitment number),
 * outputs in the commitment's order; the opener pays the fee; an output below the dust limit is
 * left out.
 */
public final class CooperativeClose {
    private CooperativeClose() {}

    /**
     * @param openerScript the opener's final script (its balance minus {@code fee})
     * @param accepterScript the accepter's final script
     * @throws IllegalArgumentException if the balances do not add up to the funding value or the opener cannot pay the fee
     */
    public static Transaction build(OutPoint funding, long fundingValue, long openerBalance, Script openerScript,
                                    long accepterBalance, Script accepterScript, long fee, long dustLimit) {
        if (openerBalance < 0 || accepterBalance < 0 || fee < 0 || dustLimit < 0) {
            throw new IllegalArgumentException("balances, fee and dust limit must not be negative");
        }
        if (Math.addExact(openerBalance, accepterBalance) != fundingValue) {
            throw new IllegalArgumentException("balances do not add up to the funding value " + fundingValue);
        }
        if (fee > openerBalance) throw new IllegalArgumentException("the opener cannot pay the closing fee of " + fee);
        List<TxOutput> outs = new ArrayList<>();
        if (openerBalance - fee >= dustLimit && openerBalance - fee > 0) outs.add(new TxOutput(openerBalance - fee, openerScript));
        if (accepterBalance >= dustLimit && accepterBalance > 0) outs.add(new TxOutput(accepterBalance, accepterScript));
        if (outs.isEmpty()) throw new IllegalArgumentException("nothing above the dust limit to pay out");
        outs.sort(Comparator.comparingLong(TxOutput::value)
                .thenComparing((a, b) -> Arrays.compareUnsigned(a.script().toByteArray(), b.script().toByteArray())));
        return new Transaction(CommitmentTransaction.VERSION, List.of(new TxInput(funding, TxInput.SEQUENCE_FINAL)), outs, 0,
                List.of(Witness.EMPTY));
    }

    /** The funding witness for the close: both signatures in key order. */
    public static Witness witness(byte[] fundingKeyA, byte[] sigA, byte[] fundingKeyB, byte[] sigB) {
        return ChannelScripts.fundingWitness(fundingKeyA, sigA, fundingKeyB, sigB);
    }
}
