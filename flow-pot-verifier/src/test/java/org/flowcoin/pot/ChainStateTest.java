package org.flowcoin.pot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.Coinbase;
import org.flowcoin.primitives.consensus.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainStateTest {
    static final PotParams P = TestMiner.testParams();

    static List<Block> mineChain(ChainState cs, TestMiner m, int n) throws Exception {
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Block b = m.mine(cs);
            ChainState.Result r = cs.submit(b);
            assertThat(r.status()).as("block %d: %s", cs.tipHeight() + 1, r.verdict()).isEqualTo(ChainState.Status.CONNECTED);
            out.add(b);
        }
        return out;
    }

    @Test
    void chainAcrossGrowthVerifiesAndSurvivesRestart(@TempDir Path dir, @TempDir Path fresh) throws Exception {
        List<Block> blocks;
        TestMiner m = new TestMiner(P, 1);
        try (ChainState cs = ChainState.open(dir, P, TestMiner.EVALUATOR, InstantSource.system())) {
            blocks = mineChain(cs, m, 9); // the model grows (2 -> 3 layers) at height 8
            assertThat(cs.tipHeight()).isEqualTo(9);
            assertThat(cs.weightsCopy().config().nLayers()).isEqualTo(3);
            assertThat(cs.modelRoot()).isEqualTo(Coinbase.commitment(blocks.get(8).transactions().get(0)).orElseThrow().modelRoot());
        }
        try (ChainState again = ChainState.open(dir, P, TestMiner.EVALUATOR, InstantSource.system());
                ChainState replay = ChainState.open(fresh, P, TestMiner.EVALUATOR, InstantSource.system())) {
            for (Block b : blocks) assertThat(replay.submit(b.toByteArray()).status()).isEqualTo(ChainState.Status.CONNECTED);
            assertThat(again.tipHash()).isEqualTo(blocks.get(8).hash());
            assertThat(again.weightsCopy().bitEquals(replay.weightsCopy())).isTrue();
            assertThat(again.utxos()).isEqualTo(replay.utxos());
            assertThat(again.bloomCopy()).isEqualTo(replay.bloomCopy());
            assertThat(again.modelRoot()).isEqualTo(replay.modelRoot());
            assertThat(again.submit(blocks.get(3)).status()).isEqualTo(ChainState.Status.DUPLICATE);
        }
    }

    @Test
    void oneUlpLossChangesAreRejected(@TempDir Path dir) throws Exception {
        TestMiner m = new TestMiner(P, 2);
        try (ChainState cs = ChainState.open(dir, P, TestMiner.EVALUATOR, InstantSource.system())) {
            TestMiner.Draft d = m.draft(cs);
            TestMiner.Draft lowerVal = d.copy();
            lowerVal.valBits = d.valBits - 1; // one ULP lower: still ordered, but not the true loss
            assertThat(cs.submit(m.finish(lowerVal)).verdict().rule()).isEqualTo(Rule.LOSS_VAL);
            TestMiner.Draft higherPrev = d.copy();
            higherPrev.prevBits = d.prevBits + 1;
            assertThat(cs.submit(m.finish(higherPrev)).verdict().rule()).isEqualTo(Rule.LOSS_PREV);
            assertThat(cs.tipHeight()).isZero();
            assertThat(cs.submit(m.finish(d)).status()).isEqualTo(ChainState.Status.CONNECTED);
        }
    }

    @Test
    void reorgBackAndForthMatchesFreshReplay(@TempDir Path a, @TempDir Path b, @TempDir Path main, @TempDir Path replayA, @TempDir Path replayB) throws Exception {
        try (ChainState csA = ChainState.open(a, P, TestMiner.EVALUATOR, InstantSource.system());
                ChainState csB = ChainState.open(b, P, TestMiner.EVALUATOR, InstantSource.system());
                ChainState cs = ChainState.open(main, P, TestMiner.EVALUATOR, InstantSource.system())) {
            TestMiner ma = new TestMiner(P, 10), mb = new TestMiner(P, 20);
            List<Block> branchA = mineChain(csA, ma, 3);
            List<Block> branchB = mineChain(csB, mb, 4);
            for (Block x : branchA) assertThat(cs.submit(x).status()).isEqualTo(ChainState.Status.CONNECTED);
            for (int i = 0; i < 3; i++) assertThat(cs.submit(branchB.get(i)).status()).isEqualTo(ChainState.Status.SIDE_BRANCH);
            assertThat(cs.tipHash()).isEqualTo(branchA.get(2).hash()); // equal work: first seen wins
            assertThat(cs.submit(branchB.get(3)).status()).isEqualTo(ChainState.Status.CONNECTED);
            assertSame(cs, csB);
            branchA.addAll(mineChain(csA, ma, 2));
            assertThat(cs.submit(branchA.get(3)).status()).isEqualTo(ChainState.Status.SIDE_BRANCH);
            assertThat(cs.submit(branchA.get(4)).status()).isEqualTo(ChainState.Status.CONNECTED);
            assertSame(cs, csA);
            try (ChainState fresh = ChainState.open(replayA, P, TestMiner.EVALUATOR, InstantSource.system())) {
                for (Block x : branchA) fresh.submit(x);
                assertSame(cs, fresh);
            }
        }
        try (ChainState reopened = ChainState.open(main, P, TestMiner.EVALUATOR, InstantSource.system()); ChainState fresh = ChainState.open(replayB, P, TestMiner.EVALUATOR, InstantSource.system())) {
            assertThat(reopened.tipHeight()).isEqualTo(5);
            try (ChainState src = ChainState.open(a, P, TestMiner.EVALUATOR, InstantSource.system())) {
                for (var h : src.mainChain().subList(1, 6)) fresh.submit(src.readBlock(h));
            }
            assertSame(reopened, fresh);
        }
    }

    /**
     * A crash after a block is stored but before its connection commits leaves a stored block with
     * more work than the tip. Reopening must connect it; before, the node stayed on the parent and
     * took the next block built on its own tip for a side branch.
     */
    @Test
    void aStoredBlockInterruptedDuringConnectionIsConnectedOnReopen(@TempDir Path dir, @TempDir Path fresh) throws Exception {
        AtomicBoolean armed = new AtomicBoolean();
        ChainState.CrashHook crash = point -> {
            if (armed.get() && point == ChainState.CrashPoint.MODEL_WRITTEN) throw new IllegalStateException("simulated crash");
        };
        TestMiner m = new TestMiner(P, 5);
        List<Block> blocks;
        try (ChainState cs = ChainState.open(dir, P, TestMiner.EVALUATOR, ChainState.Options.of(InstantSource.system()).withCrashHook(crash))) {
            blocks = mineChain(cs, m, 2);
            Block third = m.mine(cs);
            armed.set(true);
            assertThatThrownBy(() -> cs.submit(third)).hasMessage("simulated crash");
            blocks.add(third);
        }
        try (ChainState view = ChainState.openReadOnly(dir, P, TestMiner.EVALUATOR)) {
            assertThat(view.tipHash()).as("a read-only open changes nothing").isEqualTo(blocks.get(1).hash());
        }
        try (ChainState reopened = ChainState.open(dir, P, TestMiner.EVALUATOR, InstantSource.system());
                ChainState replay = ChainState.open(fresh, P, TestMiner.EVALUATOR, InstantSource.system())) {
            assertThat(reopened.tipHash()).isEqualTo(blocks.get(2).hash());
            for (Block b : blocks) assertThat(replay.submit(b).status()).isEqualTo(ChainState.Status.CONNECTED);
            assertSame(reopened, replay);
            assertThat(reopened.submit(m.mine(reopened)).status()).isEqualTo(ChainState.Status.CONNECTED);
        }
    }

    static void assertSame(ChainState x, ChainState y) {
        assertThat(x.tipHash()).isEqualTo(y.tipHash());
        assertThat(x.weightsCopy().bitEquals(y.weightsCopy())).isTrue();
        assertThat(x.utxos()).isEqualTo(y.utxos());
        assertThat(x.bloomCopy()).isEqualTo(y.bloomCopy());
        assertThat(x.modelRoot()).isEqualTo(y.modelRoot());
    }
}
