package org.flowcoin.channels.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 for real: a child JVM commits states in a loop and is killed (SIGKILL) at arbitrary
 * moments; after every kill the store opens, its version never went backwards, and the next child
 * carries on from it.
 */
class ChannelStoreKillTest {
    @Test
    void survivesSigkillAtArbitraryMoments(@TempDir Path dir) throws Exception {
        ChannelStore.create(dir, ChannelState.opened(1000, 0));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cp = new ArrayList<>();
        for (String prop : new String[] {"jdk.module.path", "java.class.path"}) {
            String v = System.getProperty(prop);
            if (v != null && !v.isEmpty()) cp.add(v);
        }
        String base = System.getProperty("basedir", ".");
        cp.add(Path.of(base, "target", "test-classes").toString());
        cp.add(Path.of(base, "target", "classes").toString());
        long last = 0;
        int kills = Math.max(3, Math.min(20, Integer.getInteger("flow.fuzz.iterations", 20000) / 4000));
        for (int k = 0; k < kills; k++) {
            Process p = new ProcessBuilder(java, "-cp", String.join(File.pathSeparator, cp),
                    CommitLoop.class.getName(), dir.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // Let it get going, then kill it at a moment of its choosing (somewhere in a write).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline && p.isAlive() && ChannelStore.open(dir).state().version() < last + 20) {
                Thread.sleep(5);
            }
            assertThat(p.isAlive()).as("the child runs (exit %s)", p.isAlive() ? "-" : p.exitValue()).isTrue();
            Thread.sleep(3 + k * 7 % 23);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            ChannelState after = ChannelStore.open(dir).state();
            assertThat(after.version()).isGreaterThanOrEqualTo(last + 20);
            assertThat(after.localCommitment()).isEqualTo(after.version());
            last = after.version();
        }
    }
}
