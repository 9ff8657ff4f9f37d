package org.flowcoin.channels.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowcoin.channels.Fixtures.key;
import static org.flowcoin.channels.Fixtures.pub;

import java.util.Arrays;
import java.util.List;
import org.flowcoin.channels.revocation.PerCommitmentSecrets;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.ChainParams;
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
import org.flowcoin.primitives.Hash256;
import org.flowcoin.channels.Fixtures;
import org.junit.jupiter.api.Test;

/** Every spend path of the channel scripts through the real script interpreter, and the attacks on them. */
class ChannelScriptsTest {
    private static final ChainParams PARAMS = Fixtures.PARAMS;
    private static final long VALUE = Amounts.COIN;
    private static final OutPoint PREV = new OutPoint(Hash256.keccak256d(new byte[] {7}), 0);



    private static Transaction spend(int sequence) {
        return new Transaction(2, List.of(new TxInput(PREV, sequence)),
                List.of(new TxOutput(VALUE - 1000, Templates.payToKeyHash(pub(9)))), 0, List.of(Witness.EMPTY));
    }

    private static byte[] sign(Transaction tx, Script code, int keyIndex) {
        return Templates.sign(new SigHash(tx, PARAMS), 0, code, VALUE, key(keyIndex));
    }

    private static void verify(Script witnessScript, Transaction tx, Witness w) throws ScriptException {
        Fixtures.verify(tx.withWitnesses(List.of(w)), 0, new TxOutput(VALUE, Templates.payToScriptHash(witnessScript)));
    }

    private static ScriptError failure(Script witnessScript, Transaction tx, Witness w) {
        return Fixtures.failure(tx.withWitnesses(List.of(w)), 0, new TxOutput(VALUE, Templates.payToScriptHash(witnessScript)));
    }

    @Test
    void fundingNeedsBothSignaturesAndIsTheSameScriptForBothSides() throws Exception {
        Script f = ChannelScripts.funding(pub(1), pub(2));
        assertThat(ChannelScripts.funding(pub(2), pub(1)).toByteArray()).isEqualTo(f.toByteArray());
        Transaction tx = spend(TxInput.SEQUENCE_FINAL);
        byte[] s1 = sign(tx, f, 1);
        byte[] s2 = sign(tx, f, 2);
        verify(f, tx, ChannelScripts.fundingWitness(pub(1), s1, pub(2), s2));
        verify(f, tx, ChannelScripts.fundingWitness(pub(2), s2, pub(1), s1));
        // One signature alone, a signature twice, a stranger's, or the slots swapped: refused.
        boolean oneFirst = Arrays.compareUnsigned(pub(1), pub(2)) < 0;
        byte[] first = oneFirst ? s1 : s2;
        byte[] second = oneFirst ? s2 : s1;
        assertThat(failure(f, tx, Witness.of(first, new byte[0], f.toByteArray()))).isEqualTo(ScriptError.SIG_COUNT);
        assertThat(failure(f, tx, Witness.of(second, first, f.toByteArray()))).isEqualTo(ScriptError.NULLFAIL);
        assertThat(failure(f, tx, Witness.of(first, sign(tx, f, 3), f.toByteArray()))).isEqualTo(ScriptError.NULLFAIL);
        assertThat(failure(f, tx, Witness.of(first, first, f.toByteArray()))).isEqualTo(ScriptError.NULLFAIL);
        assertThatThrownBy(() -> ChannelScripts.funding(pub(1), pub(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toLocalDelayedPathWaitsForTheDelay() throws Exception {
        byte[] secret = PerCommitmentSecrets.fromSeed(new byte[32]).secretOfCommitment(0);
        Script s = ChannelScripts.toLocal(Keccak.keccak256d(secret), pub(2), 144, pub(1));
        Transaction ok = spend(144);
        verify(s, ok, ChannelScripts.toLocalDelayedWitness(sign(ok, s, 1), s));
        Transaction early = spend(143);
        assertThat(failure(s, early, ChannelScripts.toLocalDelayedWitness(sign(early, s, 1), s)))
                .isEqualTo(ScriptError.UNSATISFIED_LOCKTIME);
        // The counterparty cannot take the delayed branch.
        assertThat(failure(s, ok, ChannelScripts.toLocalDelayedWitness(sign(ok, s, 2), s))).isEqualTo(ScriptError.NULLFAIL);
    }

    @Test
    void toLocalPenaltyPathNeedsTheRevealedSecretAndTheCounterpartysKey() throws Exception {
        PerCommitmentSecrets owner = PerCommitmentSecrets.fromSeed(new byte[32]);
        byte[] secret = owner.secretOfCommitment(5);
        Script s = ChannelScripts.toLocal(Keccak.keccak256d(secret), pub(2), 144, pub(1));
        Transaction now = spend(0); // no delay on the penalty branch
        verify(s, now, ChannelScripts.toLocalPenaltyWitness(sign(now, s, 2), secret, s));
        // Another commitment's secret, the owner's key on the penalty branch, a non-minimal IF: refused.
        assertThat(failure(s, now, ChannelScripts.toLocalPenaltyWitness(sign(now, s, 2), owner.secretOfCommitment(6), s)))
                .isEqualTo(ScriptError.EQUALVERIFY);
        assertThat(failure(s, now, ChannelScripts.toLocalPenaltyWitness(sign(now, s, 1), secret, s))).isEqualTo(ScriptError.NULLFAIL);
        assertThat(failure(s, now, Witness.of(sign(now, s, 2), secret, new byte[] {2}, s.toByteArray()))).isEqualTo(ScriptError.MINIMALIF);
    }

    @Test
    void refusesMalformedParameters() {
        assertThatThrownBy(() -> ChannelScripts.toLocal(new byte[31], pub(2), 144, pub(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChannelScripts.toLocal(new byte[32], pub(2), 0, pub(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChannelScripts.toLocal(new byte[32], pub(2), 65536, pub(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChannelScripts.toLocal(new byte[32], new byte[33], 144, pub(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
