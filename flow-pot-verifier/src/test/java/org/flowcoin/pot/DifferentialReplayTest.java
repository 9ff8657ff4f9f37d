package org.flowcoin.pot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.Witness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential replay: two miners grow competing branches (with in-block spend chains), a node
 * receives their blocks in turn (reorganising back and forth) mixed with blocks rejected after their
 * transactions were checked and with malleated copies; after every step the node's UTXO set, Bloom
 * filter, model and model root equal those of a fresh node that replays only the node's current main
 * chain. The step count is {@code -Dflow.replay.steps} (default 24; the long run uses 400).
 */
class DifferentialReplayTest {
    static final PotParams P = TestMiner.testParams();

    static final class Miner {
        final ChainState cs;
        final TestMiner m;

        Miner(ChainState cs, TestMiner m) {
            this.cs = cs;
            this.m = m;
        }

        /** A draft on this miner's tip; with a spend chain [A, B] when it has a mature coin of its own. */
        TestMiner.Draft draft(Random r) {
            TestMiner.Draft d = m.draft(cs);
            if (r.nextInt(3) == 0) return d;
            byte[] own = Templates.payToKeyHash(m.key.publicKey().toByteArray()).toByteArray();
            for (Map.Entry<OutPoint, Coin> e : cs.utxos().asMap().entrySet()) {
                Coin c = e.getValue();
                boolean mature = !c.coinbase() || d.height - c.height() >= P.chain().coinbaseMaturity();
                long v = c.output().value();
                if (!mature || v < 10_000 || !java.util.Arrays.equals(c.output().script().toByteArray(), own)) continue;
                Transaction a = m.spend(e.getKey(), v, v - 1000);
                Transaction b = m.spend(new OutPoint(a.txid(), 0), v - 1000, v - 3000);
                d.extraTxs.add(a);
                d.extraTxs.add(b);
                d.cbValue = P.chain().subsidy(d.height) + 3000;
                break;
            }
            return d;
        }
    }

    @Test
    void nodeEqualsAFreshReplayOfItsMainChainAfterEveryStep(@TempDir Path tmp) throws Exception {
        int steps = Integer.getInteger("flow.replay.steps", 24);
        Random r = new Random(2026);
        Map<ChainState.Status, Integer> seen = new EnumMap<>(ChainState.Status.class);
        try (ChainState node = open(tmp.resolve("node"));
                ChainState c1 = open(tmp.resolve("m1"));
                ChainState c2 = open(tmp.resolve("m2"))) {
            Miner[] miners = {new Miner(c1, new TestMiner(P, 31)), new Miner(c2, new TestMiner(P, 32))};
            int reorgs = 0, rejected = 0;
            for (int step = 0; step < steps; step++) {
                Miner mi = miners[r.nextInt(2)];
                Hash256 tipBefore = node.tipHash();
                int action = r.nextInt(10);
                if (action < 6) { // mine 1-2 blocks and hand them to the node
                    for (int k = 1 + r.nextInt(2); k > 0; k--) {
                        Block b = mi.m.finish(mi.draft(r));
                        assertThat(mi.cs.submit(b).status()).isEqualTo(ChainState.Status.CONNECTED);
                        seen.merge(node.submit(b).status(), 1, Integer::sum);
                    }
                } else if (action < 8) { // a block rejected after its transactions were checked
                    TestMiner.Draft d = mi.draft(r);
                    if (r.nextBoolean()) d.valBits = d.valBits - 1; else d.cbValue = d.cbValue + 1;
                    ChainState.Result res = node.submit(mi.m.finish(d));
                    if (res.status() == ChainState.Status.INVALID) rejected++;
                    seen.merge(res.status(), 1, Integer::sum);
                } else if (action < 9) { // a malleated copy of a valid block
                    Block b = mi.m.finish(mi.draft(r));
                    Transaction cb = b.transactions().get(0);
                    Block bad = ConsensusRegressionTest.withWitness(b, 0, Witness.of(cb.witness(0).item(0), new byte[] {(byte) step}));
                    assertThat(node.submit(bad).status()).isEqualTo(ChainState.Status.MUTATED);
                    assertThat(mi.cs.submit(b).status()).isEqualTo(ChainState.Status.CONNECTED);
                    seen.merge(node.submit(b).status(), 1, Integer::sum);
                } else { // one miner adopts the other's chain, moving the fork point
                    Miner other = miners[0] == mi ? miners[1] : miners[0];
                    for (Hash256 h : other.cs.mainChain().subList(1, other.cs.mainChain().size())) mi.cs.submit(other.cs.readBlock(h));
                }
                if (!node.tipHash().equals(tipBefore) && !node.header(node.tipHash()).orElseThrow().prevHash().equals(tipBefore)) reorgs++;
                assertEqualsReplay(node, Files.createTempDirectory(tmp, "replay"));
            }
            if (steps >= 24) {
                assertThat(reorgs).as("the walk reorganised").isPositive();
                assertThat(rejected).as("the walk rejected blocks").isPositive();
            }
        }
    }

    static ChainState open(Path dir) throws Exception {
        return ChainState.open(dir, P, TestMiner.EVALUATOR, InstantSource.system());
    }

    static void assertEqualsReplay(ChainState node, Path freshDir) throws Exception {
        List<Hash256> main = new ArrayList<>(node.mainChain());
        try (ChainState fresh = open(freshDir)) {
            for (Hash256 h : main.subList(1, main.size())) {
                assertThat(fresh.submit(node.readBlock(h)).status()).isEqualTo(ChainState.Status.CONNECTED);
            }
            ChainStateTest.assertSame(node, fresh);
        }
    }
}
