package org.flowcoin.pot;

import java.time.InstantSource;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.Coinbase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 during block connection: the restarted state is consistent and keeps every reported block. */
class CrashTest {
    static final PotParams P = TestMiner.testParams();

    static String childClassPath() throws Exception {
        Set<String> cp = new LinkedHashSet<>();
        cp.add(Path.of(CrashChild.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        for (String prop : new String[] {"jdk.module.path", "java.class.path"}) {
            String v = System.getProperty(prop);
            if (v != null) for (String e : v.split(File.pathSeparator)) if (!e.isBlank()) cp.add(e);
        }
        return String.join(File.pathSeparator, cp);
    }

    @Test
    void killedDuringConnectionRestartsConsistent(@TempDir Path dir, @TempDir Path replay, @TempDir Path logs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long lastReported = 0;
        // rounds 0, 1: SIGKILL at a random moment; rounds 2, 3: halt at the two crash points inside a connection
        for (int round = 0; round < 4; round++) {
            Path stderr = logs.resolve("child-" + round + ".err");
            Process child = new ProcessBuilder(java, "-cp", childClassPath(),
                    CrashChild.class.getName(), dir.toString(), String.valueOf(100 + round), "50", String.valueOf(round < 2 ? 0 : round - 1))
                    .redirectError(stderr.toFile()).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                int seen = 0;
                String line;
                while ((line = r.readLine()) != null) {
                    assertThat(line).startsWith("CONNECTED ");
                    lastReported = Long.parseLong(line.split(" ")[1]);
                    seen++;
                    if (round < 2 && seen == 2 + round) break;
                }
                if (round >= 2) {
                    assertThat(seen).as("halted during the first connection").isZero();
                    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
                    assertThat(child.exitValue()).isEqualTo(137);
                } else {
                    assertThat(seen).as("child reported blocks; its stderr:%n%s", Files.readString(stderr)).isEqualTo(2 + round);
                }
                Thread.sleep(50L + 150L * round); // somewhere inside the next block's connection
                child.destroyForcibly(); // SIGKILL
                child.waitFor(30, TimeUnit.SECONDS);
            }
            try (ChainState cs = ChainState.open(dir, P, TestMiner.EVALUATOR, InstantSource.system())) {
                assertThat(cs.tipHeight()).isGreaterThanOrEqualTo(lastReported);
                Hash256 committed = Coinbase.commitment(cs.readBlock(cs.tipHash()).transactions().get(0)).orElseThrow().modelRoot();
                assertThat(cs.modelRoot()).isEqualTo(committed);
                lastReported = cs.tipHeight();
            }
        }
        // the recovered state equals a fresh replay of its own main chain
        try (ChainState cs = ChainState.open(dir, P, TestMiner.EVALUATOR, InstantSource.system()); ChainState fresh = ChainState.open(replay, P, TestMiner.EVALUATOR, InstantSource.system())) {
            List<Hash256> main = new ArrayList<>(cs.mainChain());
            for (Hash256 h : main.subList(1, main.size())) assertThat(fresh.submit(cs.readBlock(h)).status()).isEqualTo(ChainState.Status.CONNECTED);
            ChainStateTest.assertSame(cs, fresh);
            assertThat(cs.submit(new TestMiner(P, 999).mine(cs)).status()).isEqualTo(ChainState.Status.CONNECTED);
        }
    }
}
