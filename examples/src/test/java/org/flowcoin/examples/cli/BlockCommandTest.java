package org.flowcoin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.GenesisCorpus;
import org.flowcoin.pot.PotParams;
import org.flowcoin.primitives.ChainParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flow block verify}: a mined block is valid on a fresh node, a tampered one is not, and nothing is stored. */
class BlockCommandTest {
    @Test
    void verifiesAMinedBlockWithoutChangingTheChain(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("text.txt");
        Files.write(data, Arrays.copyOfRange(GenesisCorpus.bytes(), 160_000, 168_192));
        Path miner = dir.resolve("miner");
        MineCommandTest.Result mined = MineCommandTest.run("mine", "--datadir", miner.toString(), "--data", data.toString(),
                "--steps", "100", "--threads", "2", "--blocks", "1", "--batch", "4", "--json");
        assertThat(mined.code()).as(mined.err()).isZero();

        PotParams params = PotParams.forChain(ChainParams.regtest());
        byte[] block;
        try (ChainState cs = ChainState.open(miner.resolve("chain"), params, Evaluators.reference(1))) {
            block = cs.readBlock(cs.mainChain().get(1)).toByteArray();
        }
        Path fresh = dir.resolve("fresh");
        try (ChainState cs = ChainState.open(fresh, params, Evaluators.reference(1))) {
            assertThat(cs.tipHeight()).isZero();
        }
        Path raw = dir.resolve("block.bin");
        Files.write(raw, block);
        Path hex = dir.resolve("block.hex");
        Files.writeString(hex, HexFormat.of().formatHex(block) + "\n");

        for (Path f : new Path[] {raw, hex}) {
            MineCommandTest.Result ok = MineCommandTest.run("block", "verify", "--datadir", fresh.toString(), "--threads", "2", f.toString());
            assertThat(ok.code()).as(ok.err()).isZero();
            assertThat(ok.out()).contains("\"valid\":true").contains("\"status\":\"connected\"");
        }

        byte[] tampered = block.clone();
        tampered[148] ^= 1; // val_loss one ULP off (the miner signature no longer matches either)
        Path bad = dir.resolve("bad.bin");
        Files.write(bad, tampered);
        MineCommandTest.Result rejected = MineCommandTest.run("block", "verify", "--datadir", fresh.toString(), bad.toString());
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.out()).contains("\"valid\":false");
        assertThat(rejected.err()).startsWith("error: ").doesNotContain("\n\n");

        try (ChainState cs = ChainState.open(fresh, params, Evaluators.reference(1))) {
            assertThat(cs.tipHeight()).as("verification never changes the stored chain").isZero();
        }
        assertThat(MineCommandTest.run("block", "verify", "--datadir", fresh.toString(), dir.resolve("none").toString()).code()).isEqualTo(1);
        assertThat(MineCommandTest.run("block", "verify", "--datadir", fresh.toString()).code()).isEqualTo(2);
    }
}
