package org.flowcoin.pot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.block.HeaderBuilder;
import org.junit.jupiter.api.Test;

/** Fork choice and ancestor lookup of {@link BlockIndex} on synthetic header trees, against plain walks. */
class BlockIndexTest {
    static final ChainParams R = ChainParams.regtest();
    static final byte[] MINER = new byte[32];

    static BlockHeader header(BlockHeader parent, int salt) {
        HeaderBuilder hb = new HeaderBuilder().height(parent == null ? 0 : parent.height() + 1).prevHash(parent == null ? Hash256.ZERO : parent.hash())
                .nbits(R.powLimitBits()).dims(R.growthSchedule().genesis()).version(1).minerPubkey(MINER).nonce(salt)
                .timestamp(1_767_225_602L + (parent == null ? 0 : parent.height() + 1));
        return hb.build();
    }

    /** Brute force: the valid entry with most work, first seen among equals. */
    static BlockIndex.Entry bruteBest(List<BlockIndex.Entry> all) {
        BlockIndex.Entry best = null;
        for (BlockIndex.Entry e : all) {
            if (e.invalid) continue;
            if (best == null || e.work.compareTo(best.work) > 0 || (e.work.equals(best.work) && e.seq < best.seq)) best = e;
        }
        return best;
    }

    static BlockIndex.Entry walkAncestor(BlockIndex.Entry e, long h) {
        while (e.height() > h) e = e.parent;
        return e;
    }

    @Test
    void skipHeightsPointBackwards() {
        for (long h = 2; h < 100_000; h++) assertThat(BlockIndex.skipHeight(h)).isLessThan(h).isGreaterThanOrEqualTo(0);
    }

    @Test
    void randomTreesAgreeWithBruteForce() {
        Random r = new Random(3);
        for (int round = 0; round < 40; round++) {
            BlockIndex idx = new BlockIndex();
            List<BlockIndex.Entry> all = new ArrayList<>();
            java.util.Set<BlockIndex.Entry> marked = new java.util.HashSet<>();
            all.add(idx.add(header(null, round), BigInteger.ONE));
            for (int i = 1; i < 300; i++) {
                BlockIndex.Entry parent = all.get(r.nextInt(all.size()));
                BigInteger w = BigInteger.valueOf(1 + r.nextInt(4));
                all.add(idx.add(header(parent.header, i), w));
                if (r.nextInt(25) == 0) {
                    BlockIndex.Entry bad = all.get(1 + r.nextInt(all.size() - 1));
                    marked.add(bad);
                    idx.markInvalid(bad);
                }
                assertThat(idx.best()).isSameAs(bruteBest(all));
            }
            for (BlockIndex.Entry e : all) {
                boolean expected = false;
                for (BlockIndex.Entry x = e; x != null; x = x.parent) expected |= marked.contains(x);
                assertThat(e.invalid).as("invalid flag inherited").isEqualTo(expected);
                long h = r.nextLong(e.height() + 1);
                assertThat(e.ancestor(h)).isSameAs(walkAncestor(e, h));
                BlockIndex.Entry o = all.get(r.nextInt(all.size()));
                BlockIndex.Entry f = BlockIndex.fork(e, o);
                assertThat(walkAncestor(e, f.height())).isSameAs(f);
                assertThat(walkAncestor(o, f.height())).isSameAs(f);
            }
        }
    }

    /**
     * A 100,000-block chain with a side branch every 100 blocks, best tip asked after every insert:
     * quick with the ordered candidate set and skip pointers (the old full scan per submission was
     * quadratic here).
     */
    @Test
    void longSyntheticTreeStaysFast() {
        BlockIndex idx = new BlockIndex();
        BlockIndex.Entry tip = idx.add(header(null, 0), BigInteger.ONE);
        List<BlockIndex.Entry> mainChain = new ArrayList<>();
        mainChain.add(tip);
        for (int i = 1; i <= 100_000; i++) {
            tip = idx.add(header(tip.header, 0), BigInteger.TWO);
            mainChain.add(tip);
            if (i % 100 == 0) idx.add(header(mainChain.get(i - 50).header, 1), BigInteger.ONE);
            assertThat(idx.best()).isSameAs(tip);
        }
        Random r = new Random(4);
        for (int k = 0; k < 10_000; k++) {
            int h = r.nextInt(mainChain.size());
            assertThat(tip.ancestor(h)).isSameAs(mainChain.get(h));
        }
        idx.markInvalid(mainChain.get(99_990));
        assertThat(idx.best()).isSameAs(mainChain.get(99_989));
    }
}
