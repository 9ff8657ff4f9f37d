package org.flowcoin.pot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.consensus.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Single-byte header changes and random body changes of a valid block are all rejected, each by the expected rule. */
class TamperTest {
    static final PotParams P = TestMiner.testParams();

    /** The rules that may reject a flip at {@code off} (the field's own rule, or the signature). */
    static Set<Rule> expected(int off) {
        if (off < 32) return EnumSet.of(Rule.HDR_PREV);
        if (off < 128) return EnumSet.of(Rule.HDR_SIGNATURE);
        if (off < 136) return EnumSet.of(Rule.HDR_HEIGHT, Rule.HDR_STRUCTURE);
        if (off < 144) return EnumSet.of(Rule.HDR_TIME_MEDIAN, Rule.HDR_TIME_FUTURE, Rule.HDR_SIGNATURE);
        if (off < 148) return EnumSet.of(Rule.HDR_NBITS);
        if (off < 156) return EnumSet.of(Rule.HDR_LOSS_RANGE, Rule.HDR_LOSS_ORDER, Rule.HDR_STAGNATION, Rule.HDR_SIGNATURE);
        if (off < 180) return EnumSet.of(Rule.HDR_STRUCTURE, Rule.HDR_DIMS);
        if (off < 184) return EnumSet.of(Rule.HDR_RESERVED);
        if (off < 188) return EnumSet.of(Rule.HDR_STAGNATION);
        if (off < 196) return EnumSet.of(Rule.BLK_DECODE);
        if (off < 208) return EnumSet.of(Rule.HDR_SIGNATURE);
        if (off < 212) return EnumSet.of(Rule.HDR_VERSION);
        return EnumSet.of(Rule.HDR_SIGNATURE);
    }

    @Test
    void everyHeaderByteAndRandomBodyBytes(@TempDir Path dir) throws Exception {
        try (ChainState cs = ChainState.open(dir, P, TestMiner.EVALUATOR, InstantSource.system())) {
            TestMiner m = new TestMiner(P, 77);
            Block good = m.mine(cs);
            byte[] raw = good.toByteArray();
            for (int off = 0; off < BlockHeader.SIZE; off++) {
                for (int mask : new int[] {0x01, 0x80}) {
                    byte[] t = raw.clone();
                    t[off] ^= (byte) mask;
                    ChainState.Result r = cs.submit(t);
                    assertThat(r.status()).as("offset %d mask %x", off, mask).isIn(ChainState.Status.INVALID, ChainState.Status.ORPHAN, ChainState.Status.MUTATED);
                    assertThat(r.status() == ChainState.Status.MUTATED).as("offset %d mask %x: %s", off, mask, r).isEqualTo(r.verdict().rule().mutation());
                    assertThat(expected(off)).as("offset %d mask %x: %s", off, mask, r.verdict()).contains(r.verdict().rule());
                }
            }
            Random rnd = new Random(3);
            Set<Rule> bodyRules = EnumSet.of(Rule.BLK_DECODE, Rule.BLK_COINBASE_POSITION, Rule.BLK_MERKLE, Rule.BLK_TRAINING_HASH,
                    Rule.BLK_DATA_COMMITMENT, Rule.BLK_WITNESS_COMMITMENT, Rule.BLK_DUPLICATE_TX, Rule.BLK_COINBASE_HEIGHT, Rule.TX_NO_INPUTS, Rule.TX_NO_OUTPUTS, Rule.TX_OUTPUT_RANGE,
                    Rule.TX_DUPLICATE_INPUT, Rule.TX_COINBASE_SHAPE, Rule.TX_NULL_PREVOUT, Rule.TX_SIZE_64, Rule.TX_WEIGHT, Rule.TX_TIME_RELATIVE_LOCK);
            int iterations = Math.min(400, Integer.getInteger("flow.fuzz.iterations", 400));
            for (int i = 0; i < iterations; i++) {
                byte[] t = raw.clone();
                int off = BlockHeader.SIZE + rnd.nextInt(raw.length - BlockHeader.SIZE);
                t[off] ^= (byte) (1 + rnd.nextInt(255));
                ChainState.Result r = cs.submit(t);
                assertThat(r.status()).as("body offset %d", off)
                        .isEqualTo(r.verdict().rule().mutation() ? ChainState.Status.MUTATED : ChainState.Status.INVALID);
                assertThat(bodyRules).as("body offset %d: %s", off, r.verdict()).contains(r.verdict().rule());
            }
            assertThat(cs.tipHeight()).isZero();
            assertThat(cs.submit(raw).status()).isEqualTo(ChainState.Status.CONNECTED); // nothing above tainted the real block
        }
    }
}
