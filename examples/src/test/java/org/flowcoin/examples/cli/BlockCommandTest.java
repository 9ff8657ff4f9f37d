package org.flowcoin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HexFormat;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.GenesisCorpus;
import org.flowcoin.pot.PotParams;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.HeaderBuilder;
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
        try (ChainState cs = ChainState.open(miner.resolve("chain"), params, Evaluators.reference(1), InstantSource.system())) {
            block = cs.readBlock(cs.mainChain().get(1)).toByteArray();
        }
        Path fresh = dir.resolve("fresh");
        try (ChainState cs = ChainState.open(fresh, params, Evaluators.reference(1), InstantSource.system())) {
            assertThat(cs.tipHeight()).isZero();
        }
        Path raw = dir.resolve("block.bin");
        Files.write(raw, block);
        Path hex = dir.resolve("block.hex");
        Files.writeString(hex, HexFormat.of().formatHex(block) + "\n");

        for (Path f : new Path[] {raw, hex}) {
            MineCommandTest.Result ok = MineCommandTest.run("block", "verify", "--datadir", fresh.toString(), "--threads", "2", f.toString());
            assertThat(ok.code()).as(ok.err()).isZero();
            assertThat(ok.out()).contains("\"valid\":true").contains("\"status\":\"valid\"");
        }

        byte[] tampered = block.clone();
        tampered[148] ^= 1; // val_loss one ULP off (the miner signature no longer matches either)
        Path bad = dir.resolve("bad.bin");
        Files.write(bad, tampered);
        MineCommandTest.Result rejected = MineCommandTest.run("block", "verify", "--datadir", fresh.toString(), bad.toString());
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.out()).contains("\"valid\":false");
        assertThat(rejected.err()).startsWith("error: ").doesNotContain("\n\n");

        try (ChainState cs = ChainState.open(fresh, params, Evaluators.reference(1), InstantSource.system())) {
            assertThat(cs.tipHeight()).as("verification never changes the stored chain").isZero();
        }
        assertThat(MineCommandTest.run("block", "verify", "--datadir", fresh.toString(), dir.resolve("none").toString()).code()).isEqualTo(1);

        // A known block with a tampered body (same header hash) is a mutated copy, never "duplicate, valid".
        byte[] otherBody = block.clone();
        otherBody[otherBody.length - 1] ^= 1; // last training-data byte
        Path mutated = dir.resolve("mutated.bin");
        Files.write(mutated, otherBody);
        MineCommandTest.Result m = MineCommandTest.run("block", "verify", "--datadir", miner.toString(), mutated.toString());
        assertThat(m.code()).isEqualTo(1);
        assertThat(m.out()).contains("\"valid\":false").contains("\"status\":\"mutated\"").contains("BLK-8");

        // A side-branch block (its parent is genesis, the miner's tip is height 1) with a wrong val_loss is
        // validated as a child of its parent, not stored as a side branch and called valid.
        Block b1 = Block.fromBytes(block, ChainParams.regtest());
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(new byte[32]);
        for (int delta : new int[] {0, -1}) {
            HeaderBuilder hb = b1.header().toBuilder().valLossBits(b1.header().valLossBits() + delta).minerPubkey(key.publicKey().toByteArray())
                    .timestamp(b1.header().timestamp() + 1);
            for (int n = 0; ; n++) {
                hb.nonce(n);
                if (BlockHeaderPow.meets(hb.sign(key), ChainParams.regtest())) break;
            }
            Block side = new Block(hb.sign(key), b1.transactions(), b1.deltaPayload(), b1.trainingData());
            Path sideFile = dir.resolve("side" + delta + ".bin");
            Files.write(sideFile, side.toByteArray());
            MineCommandTest.Result sr = MineCommandTest.run("block", "verify", "--datadir", miner.toString(), "--threads", "2", sideFile.toString());
            if (delta == 0) {
                assertThat(sr.code()).as(sr.err()).isZero();
                assertThat(sr.out()).contains("\"valid\":true").contains("\"status\":\"valid\"");
            } else {
                assertThat(sr.code()).isEqualTo(1);
                assertThat(sr.out()).contains("\"valid\":false").contains("\"status\":\"invalid\"").contains("LOSS-2");
            }
        }
        assertThat(MineCommandTest.run("block", "verify", "--datadir", fresh.toString()).code()).isEqualTo(2);
    }

    /** HDR-14 on regtest, for grinding test headers. */
    static final class BlockHeaderPow {
        static boolean meets(org.flowcoin.primitives.block.BlockHeader h, ChainParams c) {
            return org.flowcoin.primitives.consensus.HeaderValidator.checkPow(c, h).accepted();
        }
    }
}
