package org.flowcoin.pot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.block.Genesis;
import org.flowcoin.primitives.consensus.HeaderValidator;
import org.flowcoin.primitives.consensus.Rule;
import org.flowcoin.primitives.consensus.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Light validation of a header chain mined with real training (the header rules themselves: HeaderValidatorTest in flow-primitives). */
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
        assertThat(HeaderValidator.checkChain(p.chain(), headers, now)).allMatch(Verdict::accepted);
        byte[] bad = headers.get(2).toByteArray();
        bad[250] ^= 4;
        List<BlockHeader> tampered = new ArrayList<>(headers);
        tampered.set(2, BlockHeader.fromBytes(bad)); // same hash: the signature is not hashed
        List<Verdict> v = HeaderValidator.checkChain(p.chain(), tampered, now);
        assertThat(v.get(1).accepted()).isTrue();
        assertThat(v.get(2).rule()).isEqualTo(Rule.HDR_SIGNATURE);
        assertThat(v.get(3).rule()).isEqualTo(Rule.HDR_PREV);
    }
}
