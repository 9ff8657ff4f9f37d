package org.flowcoin.channels.commitment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.flowcoin.channels.script.ChannelScripts;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.Witness;

/**
 * One commitment transaction (docs/spec/channels.md, section 4), unsigned, with what each output
 * is and the witness script that locks it.
 *
 * @param transaction version 2, one input (the funding output), obscured commitment number
 * @param outputs one entry per transaction output, in the transaction's order
 * @param fee the funding value minus the outputs: the weight fee plus trimmed dust
 */
public record CommitmentTransaction(Transaction transaction, List<Output> outputs, long fee) {
    /** What an output pays. */
    public enum Role { TO_LOCAL, TO_REMOTE, OFFERED_HTLC, RECEIVED_HTLC }

    /**
     * @param role what it pays
     * @param witnessScript the script behind its script-hash ({@code null} for {@code TO_REMOTE}, a key-hash output)
     * @param htlc the HTLC, for the two HTLC roles
     */
    public record Output(Role role, Script witnessScript, Htlc htlc) {}

    /** Ed25519 signatures are always this long with the sighash byte, so the weight is exact. */
    private static final int SIGNATURE_BYTES = 65;
    /** Version 2, as BOLT-3: relative lock times apply to spends of this transaction's outputs. */
    public static final int VERSION = 2;

    public CommitmentTransaction {
        outputs = List.copyOf(outputs);
    }

    /**
     * Builds the holder's commitment: HTLC outputs below the dust limit are left out first, the
     * fee is {@code floor(feeratePerKw * weight / 1000)} of the transaction with both main outputs
     * and the remaining HTLCs and its funding witness in place (exact: signatures have a fixed
     * size), the opener's balance pays it, and then a main output below the dust limit is left out
     * too. Outputs are ordered by value, then script bytes, then HTLC expiry.
     *
     * @throws IllegalArgumentException if the opener cannot pay the fee
     */
    public static CommitmentTransaction build(CommitmentParams p) {
        Script toLocalScript = ChannelScripts.toLocal(p.revocationHash(), p.remoteKey(), p.toSelfDelay(), p.localDelayedKey());
        Script toRemoteLock = Templates.payToKeyHash(p.remoteKey());
        List<Candidate> htlcs = new ArrayList<>();
        long trimmed = 0;
        for (Htlc h : p.htlcs()) {
            if (h.amount() < p.dustLimit()) {
                trimmed += h.amount();
                continue;
            }
            Script ws = h.offered()
                    ? ChannelScripts.offeredHtlc(p.revocationHash(), p.remoteKey(), h.paymentHash(), p.remoteHtlcKey(), p.localHtlcKey())
                    : ChannelScripts.receivedHtlc(p.revocationHash(), p.remoteKey(), h.paymentHash(), p.remoteHtlcKey(),
                            p.localHtlcKey(), h.cltvExpiry());
            htlcs.add(new Candidate(new TxOutput(h.amount(), Templates.payToScriptHash(ws)),
                    new Output(h.offered() ? Role.OFFERED_HTLC : Role.RECEIVED_HTLC, ws, h), h.cltvExpiry()));
        }
        TxInput input = new TxInput(p.funding(), CommitmentNumber.sequence(p.commitmentNumber(), p.obscuringFactor()));
        int lockTime = CommitmentNumber.lockTime(p.commitmentNumber(), p.obscuringFactor());
        Script funding = ChannelScripts.funding(p.localFundingKey(), p.remoteFundingKey());
        Witness sizing = Witness.of(new byte[SIGNATURE_BYTES], new byte[SIGNATURE_BYTES], funding.toByteArray());

        List<TxOutput> forWeight = new ArrayList<>();
        forWeight.add(new TxOutput(p.toLocal(), Templates.payToScriptHash(toLocalScript)));
        forWeight.add(new TxOutput(p.toRemote(), toRemoteLock));
        for (Candidate c : htlcs) forWeight.add(c.out);
        long weight = new Transaction(VERSION, List.of(input), forWeight, lockTime, List.of(sizing)).weight();
        long weightFee = Math.multiplyExact(p.feeratePerKw(), weight) / 1000;

        long local = p.toLocal();
        long remote = p.toRemote();
        if (p.holderIsOpener()) local -= weightFee;
        else remote -= weightFee;
        if (local < 0 || remote < 0) {
            throw new IllegalArgumentException("the opener's balance cannot pay the commitment fee of " + weightFee);
        }
        List<Candidate> all = new ArrayList<>(htlcs);
        long fee = weightFee + trimmed;
        if (local >= p.dustLimit() && local > 0) {
            all.add(new Candidate(new TxOutput(local, Templates.payToScriptHash(toLocalScript)), new Output(Role.TO_LOCAL, toLocalScript, null), 0));
        } else {
            fee += local;
        }
        if (remote >= p.dustLimit() && remote > 0) {
            all.add(new Candidate(new TxOutput(remote, toRemoteLock), new Output(Role.TO_REMOTE, null, null), 0));
        } else {
            fee += remote;
        }
        all.sort(ORDER);
        List<TxOutput> outs = new ArrayList<>();
        List<Output> roles = new ArrayList<>();
        for (Candidate c : all) {
            outs.add(c.out);
            roles.add(c.role);
        }
        Transaction tx = new Transaction(VERSION, List.of(input), outs, lockTime, List.of(Witness.EMPTY));
        return new CommitmentTransaction(tx, roles, fee);
    }

    /** The witness that spends the funding output: both signatures over this transaction, in key order. */
    public Witness fundingWitness(byte[] localFundingKey, byte[] localSig, byte[] remoteFundingKey, byte[] remoteSig) {
        return ChannelScripts.fundingWitness(localFundingKey, localSig, remoteFundingKey, remoteSig);
    }

    private record Candidate(TxOutput out, Output role, long cltv) {}

    private static final Comparator<Candidate> ORDER = Comparator
            .comparingLong((Candidate c) -> c.out.value())
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.out.script().toByteArray(), b.out.script().toByteArray()))
            .thenComparingLong(Candidate::cltv);
}
