package org.flowcoin.channels.commitment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowcoin.channels.Fixtures.filled;
import static org.flowcoin.channels.Fixtures.key;
import static org.flowcoin.channels.Fixtures.pub;

import java.util.List;
import org.flowcoin.channels.revocation.PerCommitmentSecrets;
import org.flowcoin.channels.script.ChannelScripts;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.ScriptError;
import org.flowcoin.primitives.script.ScriptException;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.Witness;
import org.flowcoin.channels.Fixtures;
import org.junit.jupiter.api.Test;

/** Second-stage HTLC transactions signed by both sides, against the real commitment outputs. */
class HtlcTransactionsTest {
    private static final ChainParams PARAMS = Fixtures.PARAMS;
    private static final long FUNDING = 10 * Amounts.COIN;
    private static final PerCommitmentSecrets ALICE = PerCommitmentSecrets.fromSeed(new byte[32]);
    private static final byte[] PREIMAGE_OFFERED = filled(0x41);
    private static final byte[] PREIMAGE_RECEIVED = filled(0x42);




    private static CommitmentParams params() {
        List<Htlc> htlcs = List.of(new Htlc(true, 300_000_000L, Keccak.keccak256d(PREIMAGE_OFFERED), 700),
                new Htlc(false, 200_000_000L, Keccak.keccak256d(PREIMAGE_RECEIVED), 710));
        return new CommitmentParams(new OutPoint(Hash256.keccak256d(new byte[] {1}), 0), FUNDING, pub(1), pub(11),
                CommitmentNumber.obscuringFactor(pub(1), pub(11)), 7, Keccak.keccak256d(ALICE.secretOfCommitment(7)),
                pub(2), pub(12), pub(3), pub(13), 144, 6 * Amounts.COIN - 500_000_000L, 4 * Amounts.COIN, true, 2500, 5460, htlcs);
    }

    private static int indexOf(CommitmentTransaction c, CommitmentTransaction.Role role) {
        for (int i = 0; i < c.outputs().size(); i++) if (c.outputs().get(i).role() == role) return i;
        throw new AssertionError(role);
    }


    /** The HTLC-success transaction of received HTLC output {@code rec}, signed by both HTLC keys. */
    private static Transaction signedSuccess(CommitmentTransaction c, CommitmentParams p, int rec) {
        TxOutput prev = c.transaction().outputs().get(rec);
        Script script = c.outputs().get(rec).witnessScript();
        Transaction s = HtlcTransactions.build(c, rec, p);
        SigHash sh = new SigHash(s, PARAMS);
        return s.withWitnesses(List.of(ChannelScripts.receivedHtlcSuccessWitness(
                pub(13), Templates.sign(sh, 0, script, prev.value(), key(13)),
                pub(3), Templates.sign(sh, 0, script, prev.value(), key(3)), PREIMAGE_RECEIVED, script)));
    }

    @Test
    void timeoutAndSuccessSpendTheirHtlcAndPayARevocableDelayedOutput() throws Exception {
        CommitmentParams p = params();
        CommitmentTransaction c = CommitmentTransaction.build(p);
        // HTLC-timeout of the offered HTLC: both HTLC keys sign; lock time is the expiry.
        int off = indexOf(c, CommitmentTransaction.Role.OFFERED_HTLC);
        TxOutput offPrev = c.transaction().outputs().get(off);
        Script offScript = c.outputs().get(off).witnessScript();
        Transaction t = HtlcTransactions.build(c, off, p);
        assertThat(t.lockTime()).isEqualTo(700);
        SigHash sh = new SigHash(t, PARAMS);
        Transaction tSigned = t.withWitnesses(List.of(ChannelScripts.offeredHtlcTimeoutWitness(
                pub(13), Templates.sign(sh, 0, offScript, offPrev.value(), key(13)),
                pub(3), Templates.sign(sh, 0, offScript, offPrev.value(), key(3)), offScript)));
        Fixtures.verify(tSigned, 0, offPrev);
        assertThat(offPrev.value() - tSigned.outputs().get(0).value()).isEqualTo(2500 * tSigned.weight() / 1000);

        // HTLC-success of the received HTLC: the preimage and both keys.
        int rec = indexOf(c, CommitmentTransaction.Role.RECEIVED_HTLC);
        TxOutput recPrev = c.transaction().outputs().get(rec);
        Transaction sSigned = signedSuccess(c, p, rec);
        assertThat(sSigned.lockTime()).isZero();
        Fixtures.verify(sSigned, 0, recPrev);
        assertThat(recPrev.value() - sSigned.outputs().get(0).value()).isEqualTo(2500 * sSigned.weight() / 1000);

        // The second-stage output: the holder after the delay, the remote side with the revocation secret at once.
        Script toLocal = ChannelScripts.toLocal(p.revocationHash(), p.remoteKey(), p.toSelfDelay(), p.localDelayedKey());
        TxOutput stage2 = sSigned.outputs().get(0);
        assertThat(stage2.script().toByteArray()).isEqualTo(Templates.payToScriptHash(toLocal).toByteArray());
        Transaction later = new Transaction(2, List.of(new TxInput(new OutPoint(sSigned.txid(), 0), 144)),
                List.of(new TxOutput(stage2.value() - 1000, Templates.payToKeyHash(pub(2)))), 0, List.of(Witness.EMPTY));
        byte[] sig = Templates.sign(new SigHash(later, PARAMS), 0, toLocal, stage2.value(), key(2));
        Fixtures.verify(later.withWitnesses(List.of(ChannelScripts.toLocalDelayedWitness(sig, toLocal))), 0, stage2);
        Transaction punish = new Transaction(2, List.of(new TxInput(new OutPoint(sSigned.txid(), 0), 0)),
                List.of(new TxOutput(stage2.value() - 1000, Templates.payToKeyHash(pub(12)))), 0, List.of(Witness.EMPTY));
        byte[] psig = Templates.sign(new SigHash(punish, PARAMS), 0, toLocal, stage2.value(), key(12));
        Fixtures.verify(punish.withWitnesses(List.of(ChannelScripts.toLocalPenaltyWitness(psig, ALICE.secretOfCommitment(7), toLocal))), 0, stage2);
    }

    @Test
    void theHolderAloneCannotSettleAndOnlyHtlcOutputsHaveASecondStage() {
        CommitmentParams p = params();
        CommitmentTransaction c = CommitmentTransaction.build(p);
        int off = indexOf(c, CommitmentTransaction.Role.OFFERED_HTLC);
        TxOutput offPrev = c.transaction().outputs().get(off);
        Script offScript = c.outputs().get(off).witnessScript();
        Transaction t = HtlcTransactions.build(c, off, p);
        SigHash sh = new SigHash(t, PARAMS);
        byte[] local = Templates.sign(sh, 0, offScript, offPrev.value(), key(3));
        Transaction holderTwice = t.withWitnesses(List.of(ChannelScripts.offeredHtlcTimeoutWitness(pub(13), local, pub(3), local, offScript)));
        assertThatThrownBy(() -> Fixtures.verify(holderTwice, 0, offPrev)).isInstanceOf(ScriptException.class)
                .extracting(e -> ((ScriptException) e).error()).isEqualTo(ScriptError.NULLFAIL);
        assertThatThrownBy(() -> HtlcTransactions.build(c, indexOf(c, CommitmentTransaction.Role.TO_LOCAL), p))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCheatersSecondStageOutputIsSweptWithTheRestOfTheRevokedCommitment() throws Exception {
        CommitmentParams p = params();
        CommitmentTransaction c = CommitmentTransaction.build(p);
        // The cheater (holder) broadcast the revoked commitment and the HTLC-success of its received HTLC.
        int rec = indexOf(c, CommitmentTransaction.Role.RECEIVED_HTLC);
        Transaction sSigned = signedSuccess(c, p, rec);
        Script toLocal = ChannelScripts.toLocal(p.revocationHash(), p.remoteKey(), p.toSelfDelay(), p.localDelayedKey());

        java.util.List<Penalty.Revocable> targets = new java.util.ArrayList<>();
        for (Penalty.Revocable r : Penalty.revocableOutputs(c)) if (r.outPoint().index() != rec) targets.add(r);
        targets.add(Penalty.secondStageOutput(sSigned, toLocal));
        Transaction justice = Penalty.sweep(targets, ALICE.secretOfCommitment(7), key(12), Templates.payToKeyHash(pub(12)), 5000, PARAMS);
        long swept = 0;
        for (int i = 0; i < justice.inputs().size(); i++) {
            OutPoint from = justice.inputs().get(i).prevout();
            TxOutput prev = from.txid().equals(sSigned.txid()) ? sSigned.outputs().get(0) : c.transaction().outputs().get(from.index());
            Fixtures.verify(justice, i, prev);
            swept += prev.value();
        }
        assertThat(justice.inputs()).hasSize(3);
        assertThat(justice.outputs().get(0).value()).isEqualTo(swept - 5000);
    }
}
