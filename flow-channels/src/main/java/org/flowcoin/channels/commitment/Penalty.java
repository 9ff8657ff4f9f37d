package org.flowcoin.channels.commitment;

import java.util.ArrayList;
import java.util.List;
import org.flowcoin.channels.script.ChannelScripts;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.Witness;

/**
 * The justice transaction: when the counterparty broadcasts a commitment it has revoked, this side
 * takes every output of it that the revocation branch covers ({@code to_local} and all HTLC
 * outputs) in one transaction, at once (no delay applies to that branch).
 */
public final class Penalty {
    private Penalty() {}

    /**
     * Builds and signs the sweep.
     *
     * @param revoked the broadcast commitment, as this side reconstructed it (the same transaction)
     * @param perCommitmentSecret the secret the counterparty revealed for that commitment
     * @param punisherKey this side's key: the {@code remoteKey} of the revoked commitment
     * @param payTo where the swept value goes
     * @param fee haruki left to the miner
     * @throws IllegalArgumentException if nothing can be swept or the fee exceeds the value
     */
    public static Transaction sweep(CommitmentTransaction revoked, byte[] perCommitmentSecret, Ed25519PrivateKey punisherKey,
                                    Script payTo, long fee, ChainParams params) {
        Transaction c = revoked.transaction();
        List<TxInput> inputs = new ArrayList<>();
        List<Script> scripts = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < revoked.outputs().size(); i++) {
            CommitmentTransaction.Output o = revoked.outputs().get(i);
            if (o.role() == CommitmentTransaction.Role.TO_REMOTE) continue; // already this side's
            inputs.add(new TxInput(new OutPoint(c.txid(), i), TxInput.SEQUENCE_FINAL - 1));
            scripts.add(o.witnessScript());
            long v = c.outputs().get(i).value();
            values.add(v);
            total += v;
        }
        if (inputs.isEmpty()) throw new IllegalArgumentException("the revoked commitment has nothing to sweep");
        if (fee < 0 || fee >= total) throw new IllegalArgumentException("fee must be in [0, " + total + ")");
        List<Witness> empty = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) empty.add(Witness.EMPTY);
        Transaction unsigned = new Transaction(2, inputs, List.of(new TxOutput(total - fee, payTo)), 0, empty);
        SigHash sigHash = new SigHash(unsigned, params);
        List<Witness> witnesses = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            byte[] sig = Templates.sign(sigHash, i, scripts.get(i), values.get(i), punisherKey);
            witnesses.add(ChannelScripts.htlcPenaltyWitness(sig, perCommitmentSecret, scripts.get(i)));
        }
        return unsigned.withWitnesses(witnesses);
    }
}
