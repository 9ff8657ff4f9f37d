package org.flowcoin.wallet;

import java.time.InstantSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.crypto.Mnemonic;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.Witness;
import org.junit.jupiter.api.Test;

/** Heartbeat and social recovery on a regtest chain, enforced by the script interpreter and BIP-68 locks. */
class PolicyEndToEndTest {
    static final int DELAY = 10;
    final SecureRandom rnd = new SecureRandom();
    final RegtestChain chain = new RegtestChain();
    final Script minerScript = Templates.payToKeyHash(Ed25519PrivateKey.generate(rnd).publicKey().toByteArray());
    final Script rescueScript = Templates.payToKeyHash(Ed25519PrivateKey.generate(rnd).publicKey().toByteArray());

    Wallet newWallet(RecoveryPolicy policy) {
        Mnemonic m = Mnemonic.generate(rnd, 24);
        Wallet w = Wallet.create(chain.params, m, "", policy, InstantSource.system());
        m.destroy();
        return w;
    }

    /** Coinbase to the wallet, matured, then a self-payment so the wallet holds fresh coins confirmed at the returned height. */
    int fund(Wallet w) throws Exception {
        chain.attach(w);
        chain.mine(Wallet.scriptFor(w.freshReceiveAddress(0)));
        chain.mineEmpty(chain.params.coinbaseMaturity(), minerScript);
        Transaction tx = w.send(0, List.of(new TxOutput(10 * Amounts.COIN, Wallet.scriptFor(w.freshReceiveAddress(0)))), 2);
        chain.mine(minerScript, tx);
        assertThat(w.unspentCoins()).hasSize(2).allMatch(c -> c.height() == chain.height());
        return chain.height();
    }

    void mineUntilNextHeight(int next) throws Exception {
        while (chain.height() + 1 < next) chain.mine(minerScript);
    }

    static String rejection(RegtestChain chain, Transaction tx) {
        try {
            chain.checkNext(tx);
            return "accepted";
        } catch (RegtestChain.Rejected e) {
            return e.rule;
        }
    }

    @Test
    void heartbeatRecoveryOnlyAfterInactivityAndOwnerSpendResetsIt() throws Exception {
        Ed25519PrivateKey recovery = Ed25519PrivateKey.generate(rnd);
        Wallet w = newWallet(new RecoveryPolicy.Heartbeat(recovery.publicKey(), DELAY));
        int funded = fund(w);
        long balance = w.balance().confirmed();

        Transaction early = RecoverySpend.build(chain.params, w.policy(), RecoverySpend.inputsOf(w), rescueScript, 1)
                .signWithRecoveryKey(recovery);
        // rejected before the delay, at every height up to the last one
        for (int next = funded + 1; next < funded + DELAY; next++) {
            mineUntilNextHeight(next);
            assertThat(rejection(chain, early)).as("next height %d", next).isEqualTo("CHAIN-4");
        }
        // a recovery that claims a shorter wait fails the script's CSV even with the coins deep enough
        Transaction shortLock = reSignHeartbeat(w, recovery, DELAY - 1);
        assertThat(rejection(chain, shortLock)).isEqualTo("UNSATISFIED_LOCKTIME");

        // the owner spends first (heartbeat): the prepared recovery becomes invalid for good
        Transaction hb = w.heartbeat(w.coinsNeedingHeartbeat(DELAY), 2);
        chain.mine(minerScript, hb);
        int refreshed = chain.height();
        assertThat(w.unspentCoins()).hasSize(1);
        mineUntilNextHeight(funded + DELAY + 5);
        assertThat(rejection(chain, early)).isEqualTo("CHAIN-2");

        // the clock restarted at the heartbeat
        Transaction again = RecoverySpend.build(chain.params, w.policy(), RecoverySpend.inputsOf(w), rescueScript, 1)
                .signWithRecoveryKey(recovery);
        mineUntilNextHeight(refreshed + DELAY - 1);
        assertThat(rejection(chain, again)).isEqualTo("CHAIN-4");
        chain.mine(minerScript);
        assertThat(rejection(chain, again)).isEqualTo("accepted");
        chain.mine(minerScript, again);
        assertThat(w.balance().total()).isZero();
        assertThat(chain.utxo(new org.flowcoin.primitives.tx.OutPoint(again.txid(), 0)).output().value())
                .isGreaterThan(balance - Amounts.COIN / 1000);
    }

    /** The recovery spend with another sequence, signed correctly: only the script's CSV can reject it. */
    private Transaction reSignHeartbeat(Wallet w, Ed25519PrivateKey recovery, int sequence) {
        List<Coin> coins = w.unspentCoins();
        List<TxInput> ins = new ArrayList<>();
        List<Witness> empty = new ArrayList<>();
        long sum = 0;
        for (Coin c : coins) {
            ins.add(new TxInput(c.outpoint(), sequence));
            empty.add(Witness.EMPTY);
            sum += c.value();
        }
        Transaction unsigned = new Transaction(2, ins, List.of(new TxOutput(sum - 10_000, rescueScript)), 0, empty);
        SigHash sh = new SigHash(unsigned, chain.params);
        List<Witness> ws = new ArrayList<>();
        for (int i = 0; i < coins.size(); i++) {
            Script s = w.witnessScript(coins.get(i).path());
            ws.add(PolicyWitness.heartbeatRecovery(PolicyWitness.sign(sh, i, s, coins.get(i).value(), recovery), s));
        }
        return unsigned.withWitnesses(ws);
    }

    @Test
    void ownerKeyAlwaysWorksAndRecoveryKeyCannotUseOwnerBranch() throws Exception {
        Ed25519PrivateKey recovery = Ed25519PrivateKey.generate(rnd);
        Wallet w = newWallet(new RecoveryPolicy.Heartbeat(recovery.publicKey(), DELAY));
        fund(w);
        // recovery key signing through the owner branch: signature does not verify for the owner key
        Coin c = w.unspentCoins().get(0);
        Transaction unsigned = new Transaction(2, List.of(new TxInput(c.outpoint(), TxInput.SEQUENCE_FINAL)),
                List.of(new TxOutput(c.value() - 10_000, rescueScript)), 0, List.of(Witness.EMPTY));
        Script s = w.witnessScript(c.path());
        byte[] sig = PolicyWitness.sign(new SigHash(unsigned, chain.params), 0, s, c.value(), recovery);
        assertThat(rejection(chain, unsigned.withWitnesses(List.of(PolicyWitness.owner(sig, s))))).isEqualTo("NULLFAIL");
        // the owner can spend immediately
        Transaction pay = w.send(0, List.of(new TxOutput(Amounts.COIN, rescueScript)), 1);
        assertThat(rejection(chain, pay)).isEqualTo("accepted");
    }

    @Test
    void socialRecoveryNeedsThresholdAndDelayAndOwnerCanCancel() throws Exception {
        Ed25519PrivateKey g1 = Ed25519PrivateKey.generate(rnd);
        Ed25519PrivateKey g2 = Ed25519PrivateKey.generate(rnd);
        Ed25519PrivateKey g3 = Ed25519PrivateKey.generate(rnd);
        RecoveryPolicy.Social policy = new RecoveryPolicy.Social(2, List.of(g1.publicKey(), g2.publicKey(), g3.publicKey()), DELAY);
        Wallet w = newWallet(policy);
        int funded = fund(w);

        // the guardians work from a watch-only copy built from the owner's export
        Wallet watch = Wallet.watchOnly(chain.params, policy, w.exportWatchList(0), InstantSource.system());
        chain.attach(watch);
        assertThat(watch.unspentCoins()).containsExactlyInAnyOrderElementsOf(w.unspentCoins());
        assertThat(watch.balance()).isEqualTo(w.balance());

        RecoverySpend r = RecoverySpend.build(chain.params, policy, RecoverySpend.inputsOf(watch), rescueScript, 1);
        r.addGuardianSignatures(g2);
        assertThat(r.isComplete()).isFalse();
        assertThatThrownBy(r::finish).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> r.addGuardianSignatures(Ed25519PrivateKey.generate(rnd)))
                .isInstanceOf(IllegalArgumentException.class);

        // M-1 guardians: the interpreter rejects, even after the delay
        mineUntilNextHeight(funded + DELAY);
        Transaction oneSig = manualSocial(r, w, policy, java.util.Arrays.asList(null, g2, null));
        assertThat(rejection(chain, oneSig)).isEqualTo("SIG_COUNT");
        // a stranger's signature in a guardian slot fails verification
        Transaction forged = manualSocial(r, w, policy, java.util.Arrays.asList(Ed25519PrivateKey.generate(rnd), g2, null));
        assertThat(rejection(chain, forged)).isEqualTo("NULLFAIL");

        // g3 signs apart, on the encoded partial spend handed over by g2
        RecoverySpend atG3 = RecoverySpend.fromBytes(chain.params, policy, r.toBytes());
        assertThat(atG3.signatureCount()).isEqualTo(1);
        atG3.addGuardianSignatures(g3);
        RecoverySpend back = RecoverySpend.fromBytes(chain.params, policy, atG3.toBytes());
        r.addSignaturesFrom(back);
        assertThat(r.signatureCount()).isEqualTo(2);
        Transaction recovered = r.finish();
        assertThat(back.finish()).isEqualTo(recovered);
        assertThat(rejection(chain, recovered)).isEqualTo("accepted");
        chain.mine(minerScript, recovered);
        assertThat(w.balance().total()).isZero();
        assertThat(watch.balance().total()).isZero();
    }

    @Test
    void socialRecoveryBeforeDelayRejectedAndOwnerSpendCancelsIt() throws Exception {
        Ed25519PrivateKey g1 = Ed25519PrivateKey.generate(rnd);
        Ed25519PrivateKey g2 = Ed25519PrivateKey.generate(rnd);
        Ed25519PrivateKey g3 = Ed25519PrivateKey.generate(rnd);
        RecoveryPolicy.Social policy = new RecoveryPolicy.Social(2, List.of(g1.publicKey(), g2.publicKey(), g3.publicKey()), DELAY);
        Wallet w = newWallet(policy);
        int funded = fund(w);
        RecoverySpend r = RecoverySpend.build(chain.params, policy, RecoverySpend.inputsOf(w), rescueScript, 1);
        r.addGuardianSignatures(g1);
        r.addGuardianSignatures(g3);
        Transaction recovery = r.finish();
        for (int next = funded + 1; next < funded + DELAY; next++) {
            mineUntilNextHeight(next);
            assertThat(rejection(chain, recovery)).as("next height %d", next).isEqualTo("CHAIN-4");
        }
        // the owner notices and moves the coins first
        Transaction cancel = w.heartbeat(w.unspentCoins(), 1);
        chain.mine(minerScript, cancel);
        mineUntilNextHeight(funded + 3 * DELAY);
        assertThat(rejection(chain, recovery)).isEqualTo("CHAIN-2");
        assertThat(w.balance().confirmed()).isGreaterThan(0);
    }

    @Test
    void partialRecoveryEncodingRejectsEveryDamage() throws Exception {
        Ed25519PrivateKey g1 = Ed25519PrivateKey.generate(rnd);
        Ed25519PrivateKey g2 = Ed25519PrivateKey.generate(rnd);
        RecoveryPolicy.Social policy = new RecoveryPolicy.Social(2, List.of(g1.publicKey(), g2.publicKey()), DELAY);
        Wallet w = newWallet(policy);
        fund(w);
        RecoverySpend r = RecoverySpend.build(chain.params, policy, RecoverySpend.inputsOf(w), rescueScript, 1);
        r.addGuardianSignatures(g1);
        byte[] enc = r.toBytes();
        assertThat(RecoverySpend.fromBytes(chain.params, policy, enc).toBytes()).isEqualTo(enc);
        for (int len = 0; len < enc.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(enc, len);
            assertThatThrownBy(() -> RecoverySpend.fromBytes(chain.params, policy, cut)).as("length %d", len)
                    .isInstanceOf(org.flowcoin.primitives.DecodeException.class);
        }
        // every flipped byte: a decode error, never another exception or a silently different spend
        for (int i = 0; i < enc.length; i++) {
            byte[] bad = enc.clone();
            bad[i] ^= 0x01;
            try {
                RecoverySpend d = RecoverySpend.fromBytes(chain.params, policy, bad);
                assertThat(d.toBytes()).as("byte %d", i).isEqualTo(bad);
                assertThat(d.signatureCount()).isLessThanOrEqualTo(1);
            } catch (org.flowcoin.primitives.DecodeException expected) {
                // fine
            }
        }
        // another policy (other delay) does not accept it
        var other = new RecoveryPolicy.Social(2, List.of(g1.publicKey(), g2.publicKey()), DELAY + 1);
        assertThatThrownBy(() -> RecoverySpend.fromBytes(chain.params, other, enc))
                .isInstanceOf(org.flowcoin.primitives.DecodeException.class);
    }

    /** The recovery transaction signed manually: slot j gets a signature by {@code signers.get(j)} (null = empty). */
    private Transaction manualSocial(RecoverySpend r, Wallet w, RecoveryPolicy.Social p, List<Ed25519PrivateKey> signers) {
        Transaction unsigned = r.unsignedTransaction();
        SigHash sh = new SigHash(unsigned, chain.params);
        List<Witness> ws = new ArrayList<>();
        for (int i = 0; i < r.inputs().size(); i++) {
            RecoverySpend.Input in = r.inputs().get(i);
            Script s = p.witnessScript(in.ownerKey());
            List<byte[]> slots = new ArrayList<>();
            for (Ed25519PrivateKey k : signers) slots.add(k == null ? new byte[0] : PolicyWitness.sign(sh, i, s, in.value(), k));
            ws.add(PolicyWitness.socialRecovery(slots, s));
        }
        return unsigned.withWitnesses(ws);
    }
}
