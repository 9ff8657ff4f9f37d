package org.flowcoin.pot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer of light validation on the module path, as an adopter builds it: a module that
 * requires only {@code org.flowcoin.pot}, compiled and run against exactly this module's runtime
 * dependencies (no flow-ggml-native: it is optional), checks a header chain, and prints nothing on
 * stderr: no JVM warning, and no native library mapped into the process.
 */
class LightConsumerTest {
    @TempDir
    Path dir;

    static final String MAIN = """
            package consumer;

            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.List;
            import org.flowcoin.primitives.ChainParams;
            import org.flowcoin.primitives.block.Genesis;
            import org.flowcoin.primitives.consensus.HeaderValidator;

            public final class Light {
                public static void main(String[] args) throws Exception {
                    ChainParams p = ChainParams.regtest();
                    var verdicts = HeaderValidator.checkChain(p, List.of(Genesis.block(p).header()), 1_800_000_000L);
                    System.out.println("verdicts " + verdicts);
                    // native code in the process: any shared object of ggml or zstd mapped in
                    boolean natives = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                            .anyMatch(l -> l.contains("ggml") || l.contains("zstd"));
                    System.out.println("native " + natives);
                }
            }
            """;

    /** This module's runtime path: its classes and its non-test dependencies, as surefire lists them. */
    static List<String> runtimePath() {
        List<String> out = new ArrayList<>();
        String mp = System.getProperty("jdk.module.path", "") + File.pathSeparator + System.getProperty("java.class.path", "");
        for (String e : mp.split(File.pathSeparator)) {
            if (e.isEmpty()) continue;
            String n = Path.of(e).getFileName().toString();
            boolean ours = e.contains("flow-pot-verifier") && e.endsWith("classes") && !e.endsWith("test-classes");
            if (ours || n.startsWith("flow-moe") || n.startsWith("flow-primitives") || n.startsWith("flow-crypto")
                    || n.startsWith("zstd-jni") || n.startsWith("flow-ggml-native")) {
                if (!out.contains(e)) out.add(e);
            }
        }
        return out;
    }

    @Test
    void lightValidationRunsWithoutNativeCodeOrWarnings() throws Exception {
        List<String> path = runtimePath();
        assertThat(path).as("flow-ggml-native is optional: not in the verifier's runtime dependencies")
                .noneMatch(e -> e.contains("flow-ggml-native"));
        assertThat(path).anyMatch(e -> e.contains("flow-moe")).anyMatch(e -> e.contains("flow-crypto"));
        Path src = dir.resolve("src/consumer");
        Files.createDirectories(src);
        Files.writeString(dir.resolve("src/module-info.java"), "module consumer { requires org.flowcoin.pot; }\n");
        Files.writeString(src.resolve("Light.java"), MAIN);
        Path out = dir.resolve("out");
        String mp = String.join(File.pathSeparator, path);
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path javac = Path.of(java).resolveSibling("javac");
        Process c = new ProcessBuilder(javac.toString(), "-d", out.toString(), "-p", mp,
                dir.resolve("src/module-info.java").toString(), src.resolve("Light.java").toString()).redirectErrorStream(true).start();
        String compiled = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(c.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(c.exitValue()).as(compiled).isZero();
        Process p = new ProcessBuilder(java, "-p", out + File.pathSeparator + mp, "-m", "consumer/consumer.Light").start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(stderr).isZero();
        assertThat(stdout).contains("verdicts [").contains("native false");
        assertThat(stderr).isEmpty();
    }
}
