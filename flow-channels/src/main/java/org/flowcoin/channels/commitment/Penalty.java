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
 * outputs, and the outputs of any second-stage HTLC transaction it broadcast too) in one
 * transaction, at once (no delay applies to that branch).
 */
public final class Penalty {
    private Penalty() {}

    /** One output that the revocation branch of {@code witnessScript} can spend. */
    public record Revocable(OutPoint outPoint, long value, Script witnessScript) {}

    /** The outputs of a revoked commitment the revocation branch covers: {@code to_local} and every HTLC output. */
    public static List<Revocable> revocableOutputs(CommitmentTransaction revoked) {
        Transaction c = revoked.transaction();
        List<Revocable> r = new ArrayList<>();
        for (int i = 0; i < revoked.outputs().size(); i++) {
            CommitmentTransaction.Output o = revoked.outputs().get(i);
            if (o.role() == CommitmentTransaction.Role.TO_REMOTE) continue; // already this side's
            r.add(new Revocable(new OutPoint(c.txid(), i), c.outputs().get(i).value(), o.witnessScript()));
        }
        return r;
    }

    /**
     * The output of a second-stage HTLC transaction the cheater broadcast from a revoked
     * commitment ({@link HtlcTransactions}): its {@code to_local} script has the same revocation branch.
     */
    public static Revocable secondStageOutput(Transaction htlcTransaction, Script toLocalScript) {
        return new Revocable(new OutPoint(htlcTransaction.txid(), 0), htlcTransaction.outputs().get(0).value(), toLocalScript);
    }

    /** Builds and signs the sweep of every revocable output of {@code revoked}. */
    public static Transaction sweep(CommitmentTransaction revoked, byte[] perCommitmentSecret, Ed25519PrivateKey punisherKey,
                                    Script payTo, long fee, ChainParams params) {
        return sweep(revocableOutputs(revoked), perCommitmentSecret, punisherKey, payTo, fee, params);
    }

    /**
     * Builds and signs one transaction spending {@code outputs} through their revocation branch.
     *
     * @param perCommitmentSecret the secret the counterparty revealed for the revoked commitment
     * @param punisherKey this side's key: the {@code remoteKey} of the revoked commitment
     * @param payTo where the swept value goes
     * @param fee haruki left to the miner
     * @throws IllegalArgumentException if there is nothing to sweep or the fee is not below the swept value
     */
    public static Transaction sweep(List<Revocable> outputs, byte[] perCommitmentSecret, Ed25519PrivateKey punisherKey,
                                    Script payTo, long fee, ChainParams params) {
        if (outputs.isEmpty()) throw new IllegalArgumentException("nothing to sweep");
        List<TxInput> inputs = new ArrayList<>();
        List<Witness> empty = new ArrayList<>();
        long total = 0;
        for (Revocable r : outputs) {
            inputs.add(new TxInput(r.outPoint(), TxInput.SEQUENCE_FINAL - 1));
            empty.add(Witness.EMPTY);
            total = Math.addExact(total, r.value());
        }
        if (fee < 0 || fee >= total) throw new IllegalArgumentException("fee must be in [0, " + total + ")");
        Transaction unsigned = new Transaction(2, inputs, List.of(new TxOutput(total - fee, payTo)), 0, empty);
        SigHash sigHash = new SigHash(unsigned, params);
        List<Witness> witnesses = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Revocable r = outputs.get(i);
            byte[] sig = Templates.sign(sigHash, i, r.witnessScript(), r.value(), punisherKey);
            witnesses.add(ChannelScripts.htlcPenaltyWitness(sig, perCommitmentSecret, r.witnessScript()));
        }
        return unsigned.withWitnesses(witnesses);
    }
}
