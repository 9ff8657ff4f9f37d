package org.flowcoin.channels.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowcoin.channels.Fixtures.filled;
import static org.flowcoin.channels.Fixtures.key;
import static org.flowcoin.channels.Fixtures.pub;

import java.util.Arrays;
import java.util.List;
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

/**
 * Both HTLC scripts on every branch through the real interpreter, and each way to cheat them:
 * wrong or over-long preimages, a missing or foreign signature, the refund before expiry, another
 * commitment's revocation secret.
 */
class HtlcScriptsTest {
    private static final ChainParams PARAMS = Fixtures.PARAMS;
    private static final long VALUE = Amounts.COIN / 10;
    private static final OutPoint PREV = new OutPoint(Hash256.keccak256d(new byte[] {9}), 1);
    // keys: 1 holder's HTLC key, 2 remote's HTLC key, 3 remote's main key, 4 a stranger
    private static final byte[] SECRET = filled(0x5a);
    private static final byte[] OTHER_SECRET = filled(0x5b);
    private static final byte[] PREIMAGE = filled(0x11);
    private static final byte[] PAYMENT_HASH = Keccak.keccak256d(PREIMAGE);
    private static final long EXPIRY = 1000;




    private static Transaction spend(int lockTime, int sequence) {
        return new Transaction(2, List.of(new TxInput(PREV, sequence)),
                List.of(new TxOutput(VALUE - 1000, Templates.payToKeyHash(pub(9)))), lockTime, List.of(Witness.EMPTY));
    }

    private static byte[] sign(Transaction tx, Script code, int k) {
        return Templates.sign(new SigHash(tx, PARAMS), 0, code, VALUE, key(k));
    }

    private static void verify(Script ws, Transaction tx, Witness w) throws ScriptException {
        Fixtures.verify(tx.withWitnesses(List.of(w)), 0, new TxOutput(VALUE, Templates.payToScriptHash(ws)));
    }

    private static ScriptError failure(Script ws, Transaction tx, Witness w) {
        return Fixtures.failure(tx.withWitnesses(List.of(w)), 0, new TxOutput(VALUE, Templates.payToScriptHash(ws)));
    }

    private static Script offered() {
        return ChannelScripts.offeredHtlc(Keccak.keccak256d(SECRET), pub(3), PAYMENT_HASH, pub(2), pub(1));
    }

    private static Script received() {
        return ChannelScripts.receivedHtlc(Keccak.keccak256d(SECRET), pub(3), PAYMENT_HASH, pub(2), pub(1), EXPIRY);
    }

    @Test
    void offeredHtlcEveryBranch() throws Exception {
        Script s = offered();
        Transaction tx = spend(0, -1);
        // Remote claims with the preimage.
        verify(s, tx, ChannelScripts.offeredHtlcClaimWitness(sign(tx, s, 2), PREIMAGE, s));
        assertThat(failure(s, tx, ChannelScripts.offeredHtlcClaimWitness(sign(tx, s, 2), filled(0x12), s)))
                .isEqualTo(ScriptError.EQUALVERIFY);
        assertThat(failure(s, tx, ChannelScripts.offeredHtlcClaimWitness(sign(tx, s, 1), PREIMAGE, s)))
                .as("the holder cannot use the preimage branch").isEqualTo(ScriptError.NULLFAIL);
        // A 33-byte preimage whose hash were the payment hash would still be refused by the size check.
        byte[] longPreimage = Arrays.copyOf(PREIMAGE, 33);
        Script longHash = ChannelScripts.offeredHtlc(Keccak.keccak256d(SECRET), pub(3), Keccak.keccak256d(longPreimage), pub(2), pub(1));
        assertThat(failure(longHash, tx, ChannelScripts.offeredHtlcClaimWitness(sign(tx, longHash, 2), longPreimage, longHash)))
                .isEqualTo(ScriptError.EQUALVERIFY);
        // Holder's HTLC-timeout: both HTLC signatures, either alone refused.
        Transaction timeout = spend((int) EXPIRY, 0);
        byte[] r = sign(timeout, s, 2);
        byte[] l = sign(timeout, s, 1);
        verify(s, timeout, ChannelScripts.offeredHtlcTimeoutWitness(pub(2), r, pub(1), l, s));
        assertThat(failure(s, timeout, ChannelScripts.offeredHtlcTimeoutWitness(pub(2), new byte[0], pub(1), l, s)))
                .isEqualTo(ScriptError.SIG_COUNT);
        assertThat(failure(s, timeout, ChannelScripts.offeredHtlcTimeoutWitness(pub(2), sign(timeout, s, 4), pub(1), l, s)))
                .isEqualTo(ScriptError.NULLFAIL);
        // Revoked: the remote main key with this commitment's secret, not another's.
        verify(s, tx, ChannelScripts.htlcPenaltyWitness(sign(tx, s, 3), SECRET, s));
        assertThat(failure(s, tx, ChannelScripts.htlcPenaltyWitness(sign(tx, s, 3), OTHER_SECRET, s))).isEqualTo(ScriptError.EQUALVERIFY);
        assertThat(failure(s, tx, ChannelScripts.htlcPenaltyWitness(sign(tx, s, 1), SECRET, s))).isEqualTo(ScriptError.NULLFAIL);
    }

    @Test
    void receivedHtlcEveryBranch() throws Exception {
        Script s = received();
        Transaction tx = spend(0, -1);
        // Holder's HTLC-success: preimage and both signatures.
        byte[] r = sign(tx, s, 2);
        byte[] l = sign(tx, s, 1);
        verify(s, tx, ChannelScripts.receivedHtlcSuccessWitness(pub(2), r, pub(1), l, PREIMAGE, s));
        assertThat(failure(s, tx, ChannelScripts.receivedHtlcSuccessWitness(pub(2), r, pub(1), l, filled(0), s)))
                .isEqualTo(ScriptError.EQUALVERIFY);
        assertThat(failure(s, tx, ChannelScripts.receivedHtlcSuccessWitness(pub(2), r, pub(1), l, Arrays.copyOf(PREIMAGE, 31), s)))
                .isEqualTo(ScriptError.EQUALVERIFY);
        assertThat(failure(s, tx, ChannelScripts.receivedHtlcSuccessWitness(pub(2), r, pub(1), new byte[0], PREIMAGE, s)))
                .isEqualTo(ScriptError.SIG_COUNT);
        // Remote's refund: only from the expiry height on, and only with the remote HTLC key.
        Transaction refund = spend((int) EXPIRY, 0);
        verify(s, refund, ChannelScripts.receivedHtlcTimeoutWitness(sign(refund, s, 2), s));
        Transaction early = spend((int) EXPIRY - 1, 0);
        assertThat(failure(s, early, ChannelScripts.receivedHtlcTimeoutWitness(sign(early, s, 2), s)))
                .isEqualTo(ScriptError.UNSATISFIED_LOCKTIME);
        assertThat(failure(s, refund, ChannelScripts.receivedHtlcTimeoutWitness(sign(refund, s, 1), s)))
                .isEqualTo(ScriptError.NULLFAIL);
        // Revoked.
        verify(s, tx, ChannelScripts.htlcPenaltyWitness(sign(tx, s, 3), SECRET, s));
        assertThat(failure(s, tx, ChannelScripts.htlcPenaltyWitness(sign(tx, s, 3), OTHER_SECRET, s))).isEqualTo(ScriptError.EQUALVERIFY);
    }

    @Test
    void refusesMalformedParameters() {
        assertThatThrownBy(() -> ChannelScripts.offeredHtlc(new byte[32], pub(3), new byte[31], pub(2), pub(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChannelScripts.offeredHtlc(new byte[32], pub(3), new byte[32], pub(1), pub(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChannelScripts.receivedHtlc(new byte[32], pub(3), new byte[32], pub(2), pub(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChannelScripts.receivedHtlc(new byte[32], pub(3), new byte[32], pub(2), pub(1), 500_000_000L))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
