package org.flowcoin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.flowcoin.pot.GenesisCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flow mine} in-process on regtest: blocks connect, and the exit-code contract. */
class MineCommandTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        CommandLine cl = Flow.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void minesTwoConnectedBlocks(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("text.txt");
        Files.write(data, Arrays.copyOfRange(GenesisCorpus.bytes(), 150_000, 158_192));
        Path datadir = dir.resolve("node");
        Result r = run("mine", "--datadir", datadir.toString(), "--data", data.toString(), "--steps", "100", "--threads", "2",
                "--blocks", "2", "--batch", "4", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).contains("\"height\":1").contains("\"address\":\"rfl1");
        assertThat(lines[1]).contains("\"height\":2");
        assertThat(r.err()).contains("val ").contains("tok/s").doesNotContain("\r"); // not a terminal: whole lines
        assertThat(Files.readString(datadir.resolve("miner.key")).strip()).hasSize(64);
        // the same data again: every chunk is in the Bloom filter now
        Result again = run("mine", "--datadir", datadir.toString(), "--data", data.toString(), "--steps", "10", "--threads", "1");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).startsWith("error: training data not usable");
    }

    @Test
    void invalidInputAndUsage(@TempDir Path dir) {
        assertThat(run("mine", "--datadir", dir.toString(), "--data", dir.resolve("missing").toString(), "--steps", "5").code()).isEqualTo(1);
        assertThat(run("mine", "--datadir", dir.toString(), "--data", dir.toString(), "--steps", "0").code()).isEqualTo(1);
        assertThat(run("mine", "--datadir", dir.toString(), "--data", dir.toString(), "--steps", "5", "--network", "nope").code()).isEqualTo(2);
        assertThat(run("mine", "--datadir", dir.toString(), "--steps", "5").code()).isEqualTo(2);
        assertThat(run("mine", "--datadir", dir.toString(), "--data", dir.toString(), "--steps", "x").code()).isEqualTo(2);
    }

    /** validation.md §6: a directory of another network, or one held by a writer, is one line and exit 1. */
    @Test
    void aDirectoryOfAnotherNetworkOrInUseIsOneLine(@TempDir Path dir) throws Exception {
        Path node = dir.resolve("node");
        try (var cs = org.flowcoin.pot.ChainState.open(node, org.flowcoin.pot.PotParams.forChain(org.flowcoin.primitives.ChainParams.regtest()),
                org.flowcoin.moe.Evaluators.reference(1), java.time.InstantSource.system())) {
            Result locked = run("chain", "tip", "--datadir", node.toString());
            assertThat(locked.code()).isEqualTo(1);
            assertThat(locked.err()).startsWith("error: ").contains("in use").doesNotContain("\n\tat ");
        }
        Result ok = run("chain", "tip", "--datadir", node.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        Result wrong = run("chain", "tip", "--datadir", node.toString(), "--network", "main");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).startsWith("error: ").contains("belongs to network regtest").doesNotContain("Exception");
        assertThat(wrong.err().strip().lines().count()).isEqualTo(1);
    }
}
