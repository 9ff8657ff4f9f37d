package org.flowcoin.channels.commitment;

import java.util.List;
import org.flowcoin.channels.script.ChannelScripts;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.Witness;

/**
 * The second-stage HTLC transactions (docs/spec/channels.md, section 6): the holder of a
 * commitment settles an HTLC output through a transaction both sides signed in advance, whose
 * output is again revocable and delayed ({@code to_local}), so that a revoked commitment cannot be
 * cashed out through its HTLCs before the counterparty punishes it.
 *
 * <ul>
 *   <li>HTLC-timeout spends an offered HTLC output, lock time = the HTLC's {@code cltv_expiry};
 *   <li>HTLC-success spends a received HTLC output with the preimage, lock time 0.
 * </ul>
 *
 * Both: version 2, one input with sequence 0, one output paying {@code amount - fee} to the
 * holder's {@code to_local} script, fee {@code floor(feerate_per_kw * weight / 1000)} of the
 * signed transaction (exact: fixed-size signatures and a 32-byte preimage).
 */
public final class HtlcTransactions {
    private HtlcTransactions() {}

    private static final int SIGNATURE_BYTES = 65;

    /**
     * The unsigned second-stage transaction for HTLC output {@code vout} of {@code commitment}.
     *
     * @throws IllegalArgumentException if that output is not an HTLC, or the fee would leave it below the dust limit
     */
    public static Transaction build(CommitmentTransaction commitment, int vout, CommitmentParams p) {
        CommitmentTransaction.Output o = commitment.outputs().get(vout);
        boolean timeout = switch (o.role()) {
            case OFFERED_HTLC -> true;
            case RECEIVED_HTLC -> false;
            default -> throw new IllegalArgumentException("output " + vout + " is " + o.role() + ", not an HTLC");
        };
        Htlc h = o.htlc();
        Script out = ChannelScripts.toLocal(p.revocationHash(), p.remoteKey(), p.toSelfDelay(), p.localDelayedKey());
        TxInput in = new TxInput(new OutPoint(commitment.transaction().txid(), vout), 0);
        int lockTime = timeout ? (int) h.cltvExpiry() : 0;
        byte[] sig = new byte[SIGNATURE_BYTES];
        Witness sizing = timeout
                ? ChannelScripts.offeredHtlcTimeoutWitness(p.remoteHtlcKey(), sig, p.localHtlcKey(), sig, o.witnessScript())
                : ChannelScripts.receivedHtlcSuccessWitness(p.remoteHtlcKey(), sig, p.localHtlcKey(), sig,
                        new byte[ChannelScripts.PREIMAGE_BYTES], o.witnessScript());
        TxOutput draft = new TxOutput(h.amount(), Templates.payToScriptHash(out));
        long weight = new Transaction(CommitmentTransaction.VERSION, List.of(in), List.of(draft), lockTime, List.of(sizing)).weight();
        long fee = Math.multiplyExact(p.feeratePerKw(), weight) / 1000;
        long value = h.amount() - fee;
        if (value < p.dustLimit() || value <= 0) {
            throw new IllegalArgumentException("HTLC of " + h.amount() + " cannot pay its second-stage fee of " + fee + " above the dust limit");
        }
        return new Transaction(CommitmentTransaction.VERSION, List.of(in),
                List.of(new TxOutput(value, Templates.payToScriptHash(out))), lockTime, List.of(Witness.EMPTY));
    }
}
