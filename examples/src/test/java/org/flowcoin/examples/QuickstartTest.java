package org.flowcoin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.examples.miner.MinerExample;
import org.flowcoin.examples.quickstart.VerifyBlock;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.PotParams;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.script.Templates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/quickstart.md section 2 as written: the program {@link VerifyBlock} verifies block files
 * exported from a mined chain into a fresh chain state, in a child JVM on the module path and on
 * the class path with the flags the quickstart names, and prints nothing else (no JVM warning).
 */
class QuickstartTest {
    @TempDir
    static Path dir;
    static List<Path> files = new ArrayList<>();

    @BeforeAll
    static void mineAndExport() throws Exception {
        Path source = dir.resolve("source");
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(new byte[32]);
        MinerExample.mine(source, ChainParams.regtest(), 2, key, Templates.payToKeyHash(key.publicKey().toByteArray()), 2,
                new PrintStream(java.io.OutputStream.nullOutputStream()));
        try (ChainState chain = ChainState.open(source, PotParams.forChain(ChainParams.regtest()), Evaluators.reference(1), InstantSource.system())) {
            List<Hash256> main = chain.mainChain();
            for (int h = 1; h < main.size(); h++) {
                Path f = dir.resolve("block-" + h + ".bin");
                Files.write(f, chain.readBlock(main.get(h)).toByteArray());
                files.add(f);
            }
        }
        assertThat(files).hasSize(2);
    }

    static String modulePath() {
        String mp = System.getProperty("jdk.module.path");
        return mp != null && !mp.isEmpty() ? mp : System.getProperty("java.class.path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"module path", "class path"})
    void verifiesExportedBlocksParentFirst(String mode) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path chain = dir.resolve("fresh-" + mode.replace(' ', '-'));
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector"));
        if (mode.equals("module path")) {
            cmd.addAll(List.of("--enable-native-access=org.flowcoin.moe,com.github.luben.zstd_jni", "-p", modulePath(),
                    "-m", "org.flowcoin.examples/" + VerifyBlock.class.getName()));
        } else {
            cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", modulePath(),
                    VerifyBlock.class.getName()));
        }
        cmd.add(chain.toString());
        for (Path f : files) cmd.add(f.toString());
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(out.lines().toList()).hasSize(2).allMatch(l -> l.startsWith("CONNECTED"));
        assertThat(out).contains("tip 1").contains("tip 2");
        // the one line the JDK always prints for an incubator module; nothing else (no restricted-method warning)
        assertThat(err.lines().filter(l -> !l.equals("WARNING: Using incubator modules: jdk.incubator.vector")).toList()).isEmpty();
    }

    @Test
    void childFirstIsAnOrphanAndNotStored() throws Exception {
        Path chain = dir.resolve("wrong-order");
        PrintStream old = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            VerifyBlock.main(new String[] {chain.toString(), files.get(1).toString(), files.get(0).toString(), files.get(1).toString()});
        } finally {
            System.setOut(old);
        }
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("ORPHAN").endsWith("tip 0");
        assertThat(lines.get(1)).startsWith("CONNECTED").endsWith("tip 1");
        assertThat(lines.get(2)).startsWith("CONNECTED").endsWith("tip 2");
    }
}
