package org.flowcoin.pot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.block.Genesis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/spec/validation.md §6.5: a data directory records its network and is locked while open. */
class DataDirectoryTest {
    static final ChainParams REG = ChainParams.regtest();

    static DataDirectoryException.Kind refusal(Path dir, ChainParams chain, DataDirectory.Mode mode) {
        try (DataDirectory dd = DataDirectory.open(dir, chain, mode)) {
            throw new AssertionError("opened " + dd.path());
        } catch (DataDirectoryException e) {
            return e.kind();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aNewDirectoryRecordsItsNetworkAndGenesis(@TempDir Path root) throws Exception {
        Path dir = root.resolve("a/b");
        try (DataDirectory dd = DataDirectory.open(dir, REG, DataDirectory.Mode.WRITE)) {
            assertThat(dd.genesisHash()).isEqualTo(Genesis.block(REG).hash());
            assertThat(dd.isReadOnly()).isFalse();
            assertThat(dd.resolve("blocks")).isEqualTo(dir.resolve("blocks"));
        }
        assertThat(Files.readString(dir.resolve("chain.id"))).isEqualTo(
                "format=2\nnetwork=regtest\nmagic=f1c04e67\ngenesis=" + Genesis.block(REG).hash().toHex() + "\n");
        assertThat(DataDirectory.recordedNetwork(dir)).contains("regtest");
        assertThat(DataDirectory.recordedNetwork(root)).isEmpty();
        // reopening for the same network works, in both modes
        DataDirectory.open(dir, REG, DataDirectory.Mode.WRITE).close();
        DataDirectory.open(dir, REG, DataDirectory.Mode.READ_ONLY).close();
    }

    @Test
    void everyOtherNetworkIsRefused(@TempDir Path dir) throws Exception {
        DataDirectory.open(dir, ChainParams.testnet(), DataDirectory.Mode.WRITE).close();
        assertThat(refusal(dir, ChainParams.mainnet(), DataDirectory.Mode.WRITE)).isEqualTo(DataDirectoryException.Kind.WRONG_NETWORK);
        assertThat(refusal(dir, ChainParams.mainnet(), DataDirectory.Mode.READ_ONLY)).isEqualTo(DataDirectoryException.Kind.WRONG_NETWORK);
        assertThat(refusal(dir, REG, DataDirectory.Mode.WRITE)).isEqualTo(DataDirectoryException.Kind.WRONG_NETWORK);
        // same name and magic but another genesis (e.g. a custom chain built on testnet's parameters)
        ChainParams t = ChainParams.testnet();
        ChainParams fork = new ChainParams(t.name(), t.magic(), t.defaultPort(), t.hrp(), t.powLimitBits(), t.retargeting(), t.retargetInterval(),
                t.targetSpacing(), t.initialSubsidy(), t.halvingInterval(), t.coinbaseMaturity(), t.maxBlockWeight(), t.maxDeltaBytes(),
                t.maxTrainingDataBytes(), t.growthSchedule(), t.boostK(), t.maxBoost(), t.profile(), t.resonanceMarginBits(),
                t.genesisTimestamp() + 1, t.genesisMessage(), t.genesisNonce());
        assertThat(refusal(dir, fork, DataDirectory.Mode.WRITE)).isEqualTo(DataDirectoryException.Kind.WRONG_NETWORK);
        assertThat(DataDirectory.recordedNetwork(dir)).contains("test");
    }

    @Test
    void damagedOrOldLayoutsAreTyped(@TempDir Path root) throws Exception {
        Path dir = root.resolve("d");
        DataDirectory.open(dir, REG, DataDirectory.Mode.WRITE).close();
        Files.writeString(dir.resolve("chain.id"), "format=2\nnetwork=regtest\n");
        assertThat(refusal(dir, REG, DataDirectory.Mode.WRITE)).isEqualTo(DataDirectoryException.Kind.CORRUPT);
        Files.writeString(dir.resolve("chain.id"), "garbage");
        assertThat(refusal(dir, REG, DataDirectory.Mode.READ_ONLY)).isEqualTo(DataDirectoryException.Kind.CORRUPT);
        Files.write(dir.resolve("chain.id"), new byte[10_000]);
        assertThat(refusal(dir, REG, DataDirectory.Mode.WRITE)).isEqualTo(DataDirectoryException.Kind.CORRUPT);
        Files.writeString(dir.resolve("chain.id"), DataDirectory.record(REG, Genesis.block(REG).hash()).replace("format=2", "format=3"));
        assertThat(refusal(dir, REG, DataDirectory.Mode.WRITE)).isEqualTo(DataDirectoryException.Kind.UNSUPPORTED_FORMAT);
        // a chain state written before the network record existed
        Path old = root.resolve("old");
        Files.createDirectories(old);
        Files.write(old.resolve("chainstate.bin"), new byte[] {1});
        assertThat(refusal(old, REG, DataDirectory.Mode.WRITE)).isEqualTo(DataDirectoryException.Kind.UNSUPPORTED_FORMAT);
        assertThat(refusal(old, REG, DataDirectory.Mode.READ_ONLY)).isEqualTo(DataDirectoryException.Kind.UNSUPPORTED_FORMAT);
        assertThat(Files.exists(old.resolve("chain.id"))).isFalse();
    }

    @Test
    void readOnlyCreatesNothing(@TempDir Path root) throws Exception {
        Path none = root.resolve("none");
        assertThat(refusal(none, REG, DataDirectory.Mode.READ_ONLY)).isEqualTo(DataDirectoryException.Kind.MISSING);
        assertThat(Files.exists(none)).isFalse();
        Path empty = Files.createDirectory(root.resolve("empty"));
        assertThat(refusal(empty, REG, DataDirectory.Mode.READ_ONLY)).isEqualTo(DataDirectoryException.Kind.MISSING);
        try (var s = Files.list(empty)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void oneWriterOrManyReadersInOneProcess(@TempDir Path dir) throws Exception {
        try (DataDirectory w = DataDirectory.open(dir, REG, DataDirectory.Mode.WRITE)) {
            assertThat(refusal(dir, REG, DataDirectory.Mode.WRITE)).isEqualTo(DataDirectoryException.Kind.LOCKED);
            assertThat(refusal(dir, REG, DataDirectory.Mode.READ_ONLY)).isEqualTo(DataDirectoryException.Kind.LOCKED);
        }
        try (DataDirectory r = DataDirectory.open(dir, REG, DataDirectory.Mode.READ_ONLY)) {
            assertThat(refusal(dir, REG, DataDirectory.Mode.WRITE)).isEqualTo(DataDirectoryException.Kind.LOCKED);
        }
        DataDirectory again = DataDirectory.open(dir, REG, DataDirectory.Mode.WRITE);
        again.close();
        again.close(); // idempotent
    }

    @Test
    void aWriterInAnotherProcessLocksTheDirectory(@TempDir Path dir) throws Exception {
        DataDirectory.open(dir, REG, DataDirectory.Mode.WRITE).close();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", CrashTest.childClassPath(), LockHolderChild.class.getName(), dir.toString(), "WRITE")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            assertThat(r.readLine()).isEqualTo("OPEN");
            assertThat(refusal(dir, REG, DataDirectory.Mode.WRITE)).isEqualTo(DataDirectoryException.Kind.LOCKED);
            assertThat(refusal(dir, REG, DataDirectory.Mode.READ_ONLY)).isEqualTo(DataDirectoryException.Kind.LOCKED);
            child.getOutputStream().close(); // the child releases the lock and exits
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        DataDirectory.open(dir, REG, DataDirectory.Mode.WRITE).close();
        // and a reader here keeps a writer there out
        try (DataDirectory reader = DataDirectory.open(dir, REG, DataDirectory.Mode.READ_ONLY)) {
            Process writer = new ProcessBuilder(java, "-cp", CrashTest.childClassPath(), LockHolderChild.class.getName(), dir.toString(), "WRITE")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII))) {
                assertThat(r.readLine()).isEqualTo("REFUSED LOCKED");
                assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                writer.destroyForcibly();
            }
        }
    }
}
