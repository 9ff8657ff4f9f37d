package org.flowcoin.channels.commitment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowcoin.channels.Fixtures.key;
import static org.flowcoin.channels.Fixtures.pub;

import java.util.List;
import org.flowcoin.channels.Fixtures;
import org.flowcoin.channels.script.ChannelScripts;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxOutput;
import org.junit.jupiter.api.Test;

class CooperativeCloseTest {
    private static final long FUNDING = 2 * Amounts.COIN;
    private static final OutPoint OUT = new OutPoint(Hash256.keccak256d(new byte[] {5}), 1);

    @Test
    void bothSignaturesCloseToTheFinalScriptsWithNoCommitmentNumber() throws Exception {
        Script a = Templates.payToKeyHash(pub(21));
        Script b = Templates.payToKeyHash(pub(22));
        Transaction tx = CooperativeClose.build(OUT, FUNDING, Amounts.COIN + 7, a, Amounts.COIN - 7, b, 2000, 546);
        Script funding = ChannelScripts.funding(pub(1), pub(11));
        SigHash sh = new SigHash(tx, Fixtures.PARAMS);
        Transaction signed = tx.withWitnesses(List.of(CooperativeClose.witness(
                pub(1), Templates.sign(sh, 0, funding, FUNDING, key(1)), pub(11), Templates.sign(sh, 0, funding, FUNDING, key(11)))));
        Fixtures.verify(signed, 0, new TxOutput(FUNDING, Templates.payToScriptHash(funding)));
        assertThat(signed.outputs().stream().mapToLong(TxOutput::value).sum()).isEqualTo(FUNDING - 2000);
        assertThat(CommitmentNumber.recover(signed.lockTime(), signed.inputs().get(0).sequence(), 0x123456789aL)).isEmpty();
        // Dust on the accepter's side is left out; balances that do not add up, or a fee the opener cannot pay, are refused.
        assertThat(CooperativeClose.build(OUT, FUNDING, FUNDING - 100, a, 100, b, 2000, 546).outputs()).hasSize(1);
        assertThatThrownBy(() -> CooperativeClose.build(OUT, FUNDING, FUNDING, a, 1, b, 0, 546)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CooperativeClose.build(OUT, FUNDING, 1000, a, FUNDING - 1000, b, 2000, 546)).isInstanceOf(IllegalArgumentException.class);
    }
}
