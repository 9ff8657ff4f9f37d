package org.flowcoin.pot;

import java.time.InstantSource;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.block.Genesis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeaderChainTest {
    @Test
    void batchVerifiesAChainAndNamesABadSignature(@TempDir Path dir) throws Exception {
        PotParams p = TestMiner.testParams();
        List<BlockHeader> headers = new ArrayList<>();
        headers.add(Genesis.block(p.chain()).header());
        try (ChainState cs = ChainState.open(dir, p, TestMiner.EVALUATOR, InstantSource.system())) {
            for (Block b : ChainStateTest.mineChain(cs, new TestMiner(p, 5), 3)) headers.add(b.header());
        }
        long now = System.currentTimeMillis() / 1000;
        assertThat(HeaderValidator.checkChain(p, headers, now)).allMatch(Verdict::accepted);
        byte[] bad = headers.get(2).toByteArray();
        bad[250] ^= 4;
        List<BlockHeader> tampered = new ArrayList<>(headers);
        tampered.set(2, BlockHeader.fromBytes(bad)); // same hash: the signature is not hashed
        List<Verdict> v = HeaderValidator.checkChain(p, tampered, now);
        assertThat(v.get(1).accepted()).isTrue();
        assertThat(v.get(2).rule()).isEqualTo(Rule.HDR_SIGNATURE);
        assertThat(v.get(3).rule()).isEqualTo(Rule.HDR_PREV);
    }

    @Test
    void resonanceNetProfileNeedsTheMargin() {
        org.flowcoin.primitives.ChainParams r = org.flowcoin.primitives.ChainParams.regtest();
        org.flowcoin.primitives.ChainParams c = new org.flowcoin.primitives.ChainParams(r.name(), r.magic(), r.defaultPort(), r.hrp(),
                r.powLimitBits(), r.retargeting(), r.retargetInterval(), r.targetSpacing(), r.initialSubsidy(), r.halvingInterval(),
                r.coinbaseMaturity(), r.maxBlockWeight(), r.maxDeltaBytes(), r.maxTrainingDataBytes(), r.growthSchedule(), r.boostK(),
                r.maxBoost(), org.flowcoin.primitives.ChainParams.Profile.RESONANCENET, 100, r.genesisTimestamp(), r.genesisMessage(),
                r.genesisNonce());
        PotParams p = PotParams.forChain(c);
        BlockHeader g = Genesis.block(c).header();
        HeaderValidator.Context ctx = new HeaderValidator.Context(g, g.timestamp(), g.nbits());
        int prev = Float.floatToIntBits(5f);
        for (int[] t : new int[][] {{prev, 0}, {prev - 99, 0}, {prev - 100, 1}, {prev - 5000, 1}}) {
            BlockHeader h = new org.flowcoin.primitives.block.HeaderBuilder().prevHash(g.hash()).height(1).timestamp(g.timestamp() + 600)
                    .nbits(g.nbits()).valLossBits(t[0]).prevValLossBits(prev).dims(c.growthSchedule().dimsAt(1))
                    .stagnation(t[0] == prev ? 1 : 0).build();
            Verdict v = HeaderValidator.checkWithoutSignature(p, h, ctx, g.timestamp() + 600);
            if (t[1] == 1) assertThat(v.accepted()).as("val %x", t[0]).isTrue();
            else assertThat(v.rule()).isEqualTo(Rule.HDR_LOSS_ORDER);
        }
        // the FlowCoin profile accepts an equal loss
        BlockHeader eq = new org.flowcoin.primitives.block.HeaderBuilder().prevHash(g.hash()).height(1).timestamp(g.timestamp() + 600)
                .nbits(g.nbits()).valLossBits(prev).prevValLossBits(prev).dims(r.growthSchedule().dimsAt(1)).stagnation(1).build();
        assertThat(HeaderValidator.checkWithoutSignature(PotParams.forChain(r), eq, ctx, g.timestamp() + 600).accepted()).isTrue();
    }
}
