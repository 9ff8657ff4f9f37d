package org.flowcoin.moe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loss bits in child JVMs (a plain second run, without SuperWord, with C1 only, with 256-bit
 * vectors), for the
 * reference and the vector path on 1 and 3 threads, against the reference in this JVM.
 */
class ForkedJvmDeterminismTest {
    static String expected() {
        StringBuilder out = new StringBuilder();
        for (ModelConfig c : new ModelConfig[] {ModelConfig.tiny(), FastPathBitIdentityTest.GROUPED}) {
            String bits = Evaluators.reference(1).evaluate(ModelInit.init(c, "test"), TestData.sequences(6, 97, 1)).lossBitsHex();
            out.append(bits).append(' ').append(bits).append(' ').append(bits).append(' ');
        }
        return out.toString().trim();
    }

    static String classPath() throws Exception {
        List<String> parts = new ArrayList<>();
        for (String p : new String[] {System.getProperty("jdk.module.path"), System.getProperty("java.class.path")}) {
            if (p != null && !p.isEmpty()) parts.add(p);
        }
        URI me = LossPrinter.class.getResource("LossPrinter.class").toURI();
        Path testClasses = Path.of(me).getParent().getParent().getParent().getParent();
        parts.add(testClasses.toString());
        return String.join(File.pathSeparator, parts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xshare:auto", "-XX:-UseSuperWord", "-XX:TieredStopAtLevel=1", "-XX:UseAVX=2"})
    void childJvmGivesTheSameBits(String flag) throws Exception {
        // UseAVX=2 caps x86 vectors at 256 bits: the kernels' narrow branches on an AVX-512 machine
        org.junit.jupiter.api.Assumptions.assumeTrue(!flag.contains("UseAVX") || System.getProperty("os.arch").matches("amd64|x86_64"));
        String javaBin = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = List.of(javaBin, flag, "--add-modules", "jdk.incubator.vector", "-cp", classPath(), LossPrinter.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        p.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).isEqualTo(expected());
    }
}
