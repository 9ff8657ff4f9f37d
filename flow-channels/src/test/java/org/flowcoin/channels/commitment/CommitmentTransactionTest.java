package org.flowcoin.channels.commitment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowcoin.channels.Fixtures.filled;
import static org.flowcoin.channels.Fixtures.key;
import static org.flowcoin.channels.Fixtures.pub;

import java.util.ArrayList;
import java.util.List;
import org.flowcoin.channels.revocation.PerCommitmentSecrets;
import org.flowcoin.channels.revocation.RevealedSecrets;
import org.flowcoin.channels.script.ChannelScripts;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.ScriptException;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.channels.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Alice (the opener) and Bob: Alice's commitments, signed by both and valid against the funding
 * output; Alice revokes one, broadcasts it anyway, and Bob finds its number, recovers the secret
 * from his compact store and sweeps every output but his own in one justice transaction that the
 * interpreter accepts.
 */
class CommitmentTransactionTest {
    private static final ChainParams PARAMS = Fixtures.PARAMS;
    private static final long FUNDING = 10 * Amounts.COIN;
    private static final OutPoint FUNDING_OUT = new OutPoint(Hash256.keccak256d(new byte[] {42}), 0);



    // Alice: funding 1, delayed 2, htlc 3; Bob: funding 11, payment/revocation 12, htlc 13.
    private static final PerCommitmentSecrets ALICE_SECRETS = PerCommitmentSecrets.fromSeed(new byte[32]);
    private static final long FACTOR = CommitmentNumber.obscuringFactor(pub(1), pub(11));

    private static CommitmentParams alice(long n, long toAlice, long toBob, List<Htlc> htlcs) {
        return new CommitmentParams(FUNDING_OUT, FUNDING, pub(1), pub(11), FACTOR, n,
                Keccak.keccak256d(ALICE_SECRETS.secretOfCommitment(n)), pub(2), pub(12), pub(3), pub(13), 144,
                toAlice, toBob, true, 2500, 5460, htlcs);
    }

    private static final List<Htlc> HTLCS = List.of(
            new Htlc(true, 300_000_000L, Keccak.keccak256d(filled(0x31)), 500),
            new Htlc(false, 200_000_000L, Keccak.keccak256d(filled(0x32)), 510),
            new Htlc(true, 1000, Keccak.keccak256d(filled(0x33)), 520)); // dust: trimmed



    private static Transaction signed(CommitmentTransaction c) {
        Script funding = ChannelScripts.funding(pub(1), pub(11));
        SigHash sh = new SigHash(c.transaction(), PARAMS);
        byte[] a = Templates.sign(sh, 0, funding, FUNDING, key(1));
        byte[] b = Templates.sign(sh, 0, funding, FUNDING, key(11));
        return c.transaction().withWitnesses(List.of(c.fundingWitness(pub(1), a, pub(11), b)));
    }

    @Test
    void commitmentSpendsTheFundingOutputAndConservesValue() throws Exception {
        CommitmentTransaction c = CommitmentTransaction.build(alice(0, 6 * Amounts.COIN - 500_001_000L, 4 * Amounts.COIN, HTLCS));
        Transaction tx = signed(c);
        Fixtures.verify(tx, 0, new TxOutput(FUNDING, Templates.payToScriptHash(ChannelScripts.funding(pub(1), pub(11)))));
        long out = tx.outputs().stream().mapToLong(TxOutput::value).sum();
        assertThat(out + c.fee()).isEqualTo(FUNDING);
        // The weight fee (exact, fixed-size signatures) plus the trimmed 1000-haruki HTLC.
        assertThat(c.fee()).isEqualTo(2500 * tx.weight() / 1000 + 1000);
        assertThat(c.outputs()).extracting(CommitmentTransaction.Output::role).containsExactlyInAnyOrder(
                CommitmentTransaction.Role.TO_LOCAL, CommitmentTransaction.Role.TO_REMOTE,
                CommitmentTransaction.Role.OFFERED_HTLC, CommitmentTransaction.Role.RECEIVED_HTLC);
        // Ordered by value.
        for (int i = 1; i < tx.outputs().size(); i++) {
            assertThat(tx.outputs().get(i).value()).isGreaterThanOrEqualTo(tx.outputs().get(i - 1).value());
        }
        assertThat(CommitmentNumber.recover(tx.lockTime(), tx.inputs().get(0).sequence(), FACTOR)).hasValue(0);
        // Deterministic: both sides build the same bytes.
        assertThat(CommitmentTransaction.build(alice(0, 6 * Amounts.COIN - 500_001_000L, 4 * Amounts.COIN, HTLCS))
                .transaction().toByteArray()).isEqualTo(c.transaction().toByteArray());
    }

    @Test
    void revokedCommitmentIsSweptByTheJusticeTransaction() throws Exception {
        // Commitments 0 and 1; Alice reveals secret 0 when she moves to 1.
        CommitmentTransaction old = CommitmentTransaction.build(alice(0, 6 * Amounts.COIN - 500_001_000L, 4 * Amounts.COIN, HTLCS));
        RevealedSecrets bobStore = new RevealedSecrets();
        bobStore.insert(PerCommitmentSecrets.MAX_INDEX, ALICE_SECRETS.secretOfCommitment(0));

        // Alice broadcasts the revoked commitment 0.
        Transaction broadcast = signed(old);
        long n = CommitmentNumber.recover(broadcast.lockTime(), broadcast.inputs().get(0).sequence(), FACTOR).orElseThrow();
        byte[] secret = bobStore.secret(PerCommitmentSecrets.MAX_INDEX - n).orElseThrow();
        Transaction justice = Penalty.sweep(old, secret, key(12), Templates.payToKeyHash(pub(12)), 10_000, PARAMS);

        long swept = 0;
        for (int i = 0; i < justice.inputs().size(); i++) {
            int vout = justice.inputs().get(i).prevout().index();
            TxOutput prev = broadcast.outputs().get(vout);
            Fixtures.verify(justice, i, prev);
            swept += prev.value();
        }
        assertThat(justice.inputs()).hasSize(3); // to_local and both HTLCs; to_remote is already Bob's
        assertThat(justice.outputs().get(0).value()).isEqualTo(swept - 10_000);

        // Without the secret (a commitment not revoked) Bob's sweep does not verify.
        Transaction wrong = Penalty.sweep(old, ALICE_SECRETS.secretOfCommitment(1), key(12), Templates.payToKeyHash(pub(12)), 10_000, PARAMS);
        int vout = wrong.inputs().get(0).prevout().index();
        assertThatThrownBy(() -> Fixtures.verify(wrong, 0, broadcast.outputs().get(vout))).isInstanceOf(ScriptException.class);
    }

    @Test
    void dustMainOutputsGoToTheFeeAndTheOpenerPays() {
        // Bob's balance is below the dust limit: no to_remote output, its value in the fee.
        CommitmentTransaction c = CommitmentTransaction.build(alice(3, FUNDING - 5000, 5000, List.of()));
        assertThat(c.outputs()).extracting(CommitmentTransaction.Output::role).containsExactly(CommitmentTransaction.Role.TO_LOCAL);
        long out = c.transaction().outputs().stream().mapToLong(TxOutput::value).sum();
        assertThat(out + c.fee()).isEqualTo(FUNDING);
        // The opener cannot pay the fee out of nothing.
        assertThatThrownBy(() -> CommitmentTransaction.build(alice(3, 0, FUNDING, List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fee");
        // Balances must add up to the funding value: no inflation through parameters.
        assertThatThrownBy(() -> alice(3, FUNDING, 1, List.of())).isInstanceOf(IllegalArgumentException.class);
        List<Htlc> tooMuch = new ArrayList<>(HTLCS);
        assertThatThrownBy(() -> alice(3, FUNDING, 0, tooMuch)).isInstanceOf(IllegalArgumentException.class);
    }
}
