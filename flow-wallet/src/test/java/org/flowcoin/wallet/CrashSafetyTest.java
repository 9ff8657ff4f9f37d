package org.flowcoin.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.flowcoin.crypto.Mnemonic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a saving child JVM with SIGKILL at random moments; after every kill the wallet file must
 * load and hold either the last generation the child reported as saved or the one it was
 * writing, with the same mnemonic and every coin of that generation (no key or coin lost).
 *
 * <p>CI runs flow.fuzz.iterations / 500 cycles (40 by default). Long run (4,000 cycles):
 * {@code ./mvnw -B verify -pl flow-wallet -am -Dtest=CrashSafetyTest -Dsurefire.failIfNoSpecifiedTests=false -Dflow.fuzz.iterations=2000000}
 */
class CrashSafetyTest {
    @TempDir Path dir;

    static int cycles() {
        long it = Long.getLong("flow.fuzz.iterations", 20_000);
        return (int) Math.max(3, Math.min(Integer.MAX_VALUE, it / 500));
    }

    @Test
    void killedSaverAlwaysLeavesPreviousOrNewWallet() throws Exception {
        Path file = dir.resolve("wallet.dat");
        Random rnd = new Random(Long.getLong("flow.test.seed", System.nanoTime()));
        byte[] mnemonic = null;
        long lastAcked = -1;
        int cycles = cycles();
        int sawInFlight = 0;
        int pendingTemporaries = 0;
        for (int c = 0; c < cycles; c++) {
            Process p = new ProcessBuilder(command(file)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            AtomicLong acked = new AtomicLong(-1);
            AtomicLong ready = new AtomicLong(-1);
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        long g = Long.parseLong(line.substring(line.indexOf(' ') + 1));
                        if (line.startsWith("READY")) ready.set(g);
                        else acked.set(g);
                    }
                } catch (Exception ignored) {
                    // the pipe breaks when the child dies
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ready.get() < 0 && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(1);
            assertThat(ready.get()).as("child started (cycle %d)", c).isGreaterThanOrEqualTo(0);
            if (lastAcked >= 0) assertThat(ready.get()).as("child loaded what the parent saw").isEqualTo(lastAcked);
            Thread.sleep(rnd.nextInt(200));
            p.destroyForcibly();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // Every report the child flushed before it died is in the pipe: read them all before judging.
            reader.join(120_000);
            assertThat(reader.isAlive()).as("reports drained (cycle %d)", c).isFalse();

            long gen;
            try (WalletFiles.Opened o = WalletFiles.open(file, CrashSaverMain.PASS)) {
                Wallet w = o.wallet();
                gen = w.generation();
                Mnemonic m = w.mnemonic();
                if (mnemonic == null) mnemonic = m.entropy();
                assertThat(m.entropy()).as("mnemonic never lost").isEqualTo(mnemonic);
                m.destroy();
                // generation g (g >= 1) has seen blocks 0 .. g-2, one coin each, at indices 0 .. g-2
                assertThat(w.tipHeight()).isEqualTo((int) gen - 2);
                assertThat(w.unspentCoins()).hasSize((int) gen - 1);
                for (Coin coin : w.unspentCoins()) {
                    assertThat(coin.value()).isEqualTo(1_000 + coin.height());
                    assertThat(coin.path()).isEqualTo(new KeyPath(0, 0, coin.height()));
                }
            }
            long a = Math.max(acked.get(), ready.get());
            assertThat(gen).as("cycle %d: acked %d", c, a).isBetween(a, a + 1);
            if (gen == a + 1) sawInFlight++;
            assertThat(gen).isGreaterThanOrEqualTo(lastAcked);
            lastAcked = gen;
            // each interrupted save may leave one temporary; a completed save removes them all
            pendingTemporaries = acked.get() > ready.get() ? 1 : pendingTemporaries + 1;
            assertThat(temporaries()).isLessThanOrEqualTo(pendingTemporaries);
        }
        try (WalletFiles.Opened o = WalletFiles.open(file, CrashSaverMain.PASS)) {
            WalletFiles.save(o.wallet(), o.store());
        }
        assertThat(temporaries()).isZero();
        System.out.printf("crash-safety: %d kill cycles, final generation %d, %d kills landed after the"
                + " rename but before the report%n", cycles, lastAcked, sawInFlight);
    }

    static boolean isTemporaryName(String name) {
        return name.contains(".tmp-");
    }

    private long temporaries() throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(f -> isTemporaryName(f.getFileName().toString())).count();
        }
    }

    /** The current java binary with this test's class and module path flattened onto a class path. */
    static List<String> command(Path file) {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Set<String> cp = new LinkedHashSet<>();
        try {
            cp.add(Path.of(CrashSaverMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (String prop : new String[] {"jdk.module.path", "java.class.path"}) {
            String v = System.getProperty(prop);
            if (v != null && !v.isEmpty()) cp.addAll(Arrays.asList(v.split(File.pathSeparator)));
        }
        // surefire patches test classes into the module; find the test-classes folder beside classes
        List<String> extra = new ArrayList<>();
        for (String e : cp) {
            if (e.endsWith(File.separator + "classes")) {
                Path tc = Path.of(e).resolveSibling("test-classes");
                if (Files.isDirectory(tc)) extra.add(tc.toString());
            }
        }
        cp.addAll(extra);
        return List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", String.join(File.pathSeparator, cp),
                CrashSaverMain.class.getName(), file.toString());
    }
}
