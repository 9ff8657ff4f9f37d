package org.flowcoin.pot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.consensus.Rule;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.Witness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One regression test per consensus bug fixed in the chain state; each failed on the code before the fix. */
class ConsensusRegressionTest {
    static final PotParams P = TestMiner.testParams();
    static final ChainParams C = P.chain();

    static ChainState open(Path dir) throws Exception {
        return ChainState.open(dir, P, TestMiner.EVALUATOR, InstantSource.system());
    }

    /** A block at the tip of {@code cs} holding [coinbase, A, B] where B spends A's output; A spends the height-1 coinbase. */
    static TestMiner.Draft spendChainDraft(ChainState cs, TestMiner m, Block firstBlock) {
        long v = C.subsidy(1);
        OutPoint cb1 = new OutPoint(firstBlock.transactions().get(0).txid(), 0);
        Transaction a = m.spend(cb1, v, v - 1000);
        Transaction b = m.spend(new OutPoint(a.txid(), 0), v - 1000, v - 3000);
        TestMiner.Draft d = m.draft(cs);
        d.extraTxs.add(a);
        d.extraTxs.add(b);
        d.cbValue = C.subsidy(d.height) + 3000;
        return d;
    }

    // ---------------------------------------------------------------- bug 1: coins from nothing on rollback

    @Test
    void rejectedBlockWithInBlockSpendChainLeavesTheUtxoSetExactlyAsBefore(@TempDir Path dir) throws Exception {
        TestMiner m = new TestMiner(P, 7);
        try (ChainState cs = open(dir)) {
            List<Block> blocks = ChainStateTest.mineChain(cs, m, 3);
            UtxoSet before = cs.utxos();
            TestMiner.Draft good = spendChainDraft(cs, m, blocks.get(0));
            OutPoint aOut = new OutPoint(good.extraTxs.get(0).txid(), 0);
            // Rejected after the transactions were checked: at LOSS-2, at BLK-9, and at BLK-10.
            TestMiner.Draft wrongLoss = good.copy();
            wrongLoss.valBits = good.valBits - 1;
            assertThat(cs.submit(m.finish(wrongLoss)).verdict().rule()).isEqualTo(Rule.LOSS_VAL);
            assertThat(cs.utxos()).isEqualTo(before);
            TestMiner.Draft wrongRoot = good.copy();
            wrongRoot.modelRoot = org.flowcoin.primitives.Hash256.ZERO;
            assertThat(cs.submit(m.finish(wrongRoot)).verdict().rule()).isEqualTo(Rule.BLK_MODEL_ROOT);
            TestMiner.Draft overpaid = good.copy();
            overpaid.cbValue = good.cbValue + 1;
            assertThat(cs.submit(m.finish(overpaid)).verdict().rule()).isEqualTo(Rule.BLK_COINBASE_VALUE);
            assertThat(cs.utxos()).isEqualTo(before);
            assertThat(cs.utxos().get(aOut)).isEmpty();
            // A block spending A's output (which no fresh node has) must be refused.
            TestMiner.Draft theft = m.draft(cs);
            theft.extraTxs.add(m.spend(aOut, C.subsidy(1) - 1000, 1));
            assertThat(cs.submit(m.finish(theft)).verdict().rule()).isEqualTo(Rule.TX_MISSING_INPUT);
            // The genuine block still connects, and leaves only B's output.
            assertThat(cs.submit(m.finish(good)).status()).isEqualTo(ChainState.Status.CONNECTED);
            assertThat(cs.utxos().get(aOut)).isEmpty();
            assertThat(cs.utxos().get(new OutPoint(good.extraTxs.get(1).txid(), 0))).isPresent();
        }
    }

    @Test
    void reorgAwayFromAnInBlockSpendChainRestoresTheExactUtxoSet(@TempDir Path node, @TempDir Path other) throws Exception {
        TestMiner m = new TestMiner(P, 8), rival = new TestMiner(P, 9);
        try (ChainState cs = open(node); ChainState cs2 = open(other)) {
            List<Block> blocks = ChainStateTest.mineChain(cs, m, 3);
            Block spends = m.finish(spendChainDraft(cs, m, blocks.get(0)));
            assertThat(cs.submit(spends).status()).isEqualTo(ChainState.Status.CONNECTED);
            OutPoint aOut = new OutPoint(spends.transactions().get(1).txid(), 0);
            List<Block> branch = ChainStateTest.mineChain(cs2, rival, 5);
            for (int i = 0; i < 4; i++) assertThat(cs.submit(branch.get(i)).status()).isEqualTo(ChainState.Status.SIDE_BRANCH);
            assertThat(cs.submit(branch.get(4)).status()).isEqualTo(ChainState.Status.CONNECTED);
            assertThat(cs.utxos()).isEqualTo(cs2.utxos());
            assertThat(cs.utxos().get(aOut)).isEmpty();
            ChainStateTest.assertSame(cs, cs2);
        }
    }

    // ---------------------------------------------------------------- bug 2: a malleated copy poisons the genuine block

    @Test
    void malleatedWitnessesDoNotPoisonTheGenuineBlock(@TempDir Path dir) throws Exception {
        TestMiner m = new TestMiner(P, 11);
        Block genuine;
        try (ChainState cs = open(dir)) {
            List<Block> blocks = ChainStateTest.mineChain(cs, m, 3);
            genuine = m.finish(spendChainDraft(cs, m, blocks.get(0)));
            Block flippedSig = withWitness(genuine, 1, flipFirstBit(genuine.transactions().get(1).witness(0)));
            Block flippedCoinbase = withWitness(genuine, 0, otherExtra(genuine.transactions().get(0).witness(0)));
            for (Block bad : List.of(flippedSig, flippedCoinbase)) {
                assertThat(bad.hash()).isEqualTo(genuine.hash());
                ChainState.Result r = cs.submit(bad);
                assertThat(r.status()).as("%s", r).isEqualTo(ChainState.Status.MUTATED);
                assertThat(r.verdict().rule()).isEqualTo(Rule.BLK_WITNESS_COMMITMENT);
                assertThat(cs.contains(genuine.hash())).isFalse();
            }
            assertThat(cs.submit(flippedSig.toByteArray()).status()).isEqualTo(ChainState.Status.MUTATED);
        }
        try (ChainState cs = open(dir)) { // also after a restart
            assertThat(cs.submit(genuine).status()).isEqualTo(ChainState.Status.CONNECTED);
            // a mutated copy of a stored block is reported as such and leaves the block valid
            Block again = withWitness(genuine, 1, flipFirstBit(genuine.transactions().get(1).witness(0)));
            assertThat(cs.submit(again).status()).isEqualTo(ChainState.Status.MUTATED);
            assertThat(cs.submit(genuine).status()).isEqualTo(ChainState.Status.DUPLICATE);
            assertThat(cs.isInvalid(genuine.hash())).isFalse();
            assertThat(cs.tipHash()).isEqualTo(genuine.hash());
        }
    }

    /** The coinbase witness with its 1-byte extra data changed (same size, so the body still decodes). */
    static Witness otherExtra(Witness w) {
        return Witness.of(w.item(0), new byte[] {(byte) (w.item(1)[0] + 1)});
    }

    static Witness flipFirstBit(Witness w) {
        List<byte[]> items = new ArrayList<>();
        for (byte[] it : w.items()) items.add(it.clone());
        items.get(0)[0] ^= 1;
        return Witness.of(items);
    }

    static Block withWitness(Block b, int tx, Witness w) {
        List<Transaction> txs = new ArrayList<>(b.transactions());
        txs.set(tx, txs.get(tx).withWitnesses(List.of(w)));
        return new Block(b.header(), txs, b.deltaPayload(), b.trainingData());
    }

    // ---------------------------------------------------------------- bug 5: a data directory knows its network

    @Test
    void aDataDirectoryRefusesAnotherNetworkAndASecondWriter(@TempDir Path reg, @TempDir Path test) throws Exception {
        try (ChainState cs = open(reg)) {
            assertThatThrownBy(() -> open(reg)).isInstanceOfSatisfying(DataDirectoryException.class,
                    e -> assertThat(e.kind()).isEqualTo(DataDirectoryException.Kind.LOCKED));
        }
        assertThatThrownBy(() -> ChainState.open(reg, PotParams.forChain(ChainParams.mainnet()), TestMiner.EVALUATOR, InstantSource.system()))
                .isInstanceOfSatisfying(DataDirectoryException.class, e -> assertThat(e.kind()).isEqualTo(DataDirectoryException.Kind.WRONG_NETWORK));
        ChainState.open(test, PotParams.forChain(ChainParams.testnet()), TestMiner.EVALUATOR, InstantSource.system()).close();
        assertThatThrownBy(() -> ChainState.open(test, PotParams.forChain(ChainParams.mainnet()), TestMiner.EVALUATOR, InstantSource.system()))
                .isInstanceOfSatisfying(DataDirectoryException.class, e -> assertThat(e.kind()).isEqualTo(DataDirectoryException.Kind.WRONG_NETWORK));
    }

    @Test
    void aReadOnlyStateReadsButNeverWrites(@TempDir Path dir, @TempDir Path missing) throws Exception {
        TestMiner m = new TestMiner(P, 12);
        List<Block> blocks;
        try (ChainState cs = open(dir)) {
            blocks = ChainStateTest.mineChain(cs, m, 2);
        }
        long stamp = Files.getLastModifiedTime(dir.resolve("chainstate.bin")).toMillis();
        try (ChainState ro = ChainState.openReadOnly(dir, P, TestMiner.EVALUATOR)) {
            assertThat(ro.tipHash()).isEqualTo(blocks.get(1).hash());
            assertThat(ro.isReadOnly()).isTrue();
            assertThatThrownBy(() -> ro.submit(blocks.get(0))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> open(dir)).isInstanceOf(DataDirectoryException.class); // no writer while a reader holds it
        }
        assertThat(Files.getLastModifiedTime(dir.resolve("chainstate.bin")).toMillis()).isEqualTo(stamp);
        assertThatThrownBy(() -> ChainState.openReadOnly(missing.resolve("none"), P, TestMiner.EVALUATOR)).isInstanceOf(DataDirectoryException.class);
        assertThat(Files.exists(missing.resolve("none"))).isFalse();
    }

    @Test
    void aStoredGenesisOfAnotherChainIsRefused(@TempDir Path dir) throws Exception {
        open(dir).close();
        byte[] log = Files.readAllBytes(dir.resolve("index.log"));
        log[0] ^= 1;
        Files.write(dir.resolve("index.log"), log);
        assertThatThrownBy(() -> open(dir)).isInstanceOf(java.io.IOException.class).hasMessageContaining("genesis");
    }

    // ---------------------------------------------------------------- undo files from disk

    @Test
    void aDamagedUndoFileIsATypedErrorNotAHugeAllocation() {
        byte[] undo = new byte[] {0x46, 0x4c, 0x55, 0x32, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> BlockUndo.fromBytes(undo)).isInstanceOf(java.io.IOException.class).hasMessageContaining("exceeds");
        byte[] bits = new byte[] {0x46, 0x4c, 0x55, 0x32, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0};
        assertThatThrownBy(() -> BlockUndo.fromBytes(bits)).isInstanceOf(java.io.IOException.class).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> BlockUndo.fromBytes(new byte[] {1, 2})).isInstanceOf(java.io.IOException.class);
    }

    // ---------------------------------------------------------------- side-branch budget

    @Test
    void sideBranchesBeyondTheBudgetAreRefusedOrEvictTheWeakest(@TempDir Path dir, @TempDir Path rivalDir) throws Exception {
        TestMiner m = new TestMiner(P, 13), rival = new TestMiner(P, 14);
        ChainState.Options small = ChainState.Options.of(InstantSource.system()).withSideBranchBudget(2);
        try (ChainState cs = ChainState.open(dir, P, TestMiner.EVALUATOR, small); ChainState other = open(rivalDir)) {
            ChainStateTest.mineChain(cs, m, 4);
            List<Block> branch = ChainStateTest.mineChain(other, rival, 3);
            assertThat(cs.submit(branch.get(0)).status()).isEqualTo(ChainState.Status.SIDE_BRANCH);
            assertThat(cs.submit(branch.get(1)).status()).isEqualTo(ChainState.Status.SIDE_BRANCH);
            // The budget is full and the only evictable leaf is branch[2]'s own parent: refused, not judged.
            ChainState.Result third = cs.submit(branch.get(2));
            assertThat(third.status()).isEqualTo(ChainState.Status.REFUSED);
            assertThat(cs.contains(branch.get(2).hash())).isFalse();
            assertThat(cs.contains(branch.get(1).hash())).isTrue();
            assertThat(cs.tipHeight()).isEqualTo(4);
        }
    }
}
