package org.flowcoin.channels.store;

import org.flowcoin.channels.ChannelException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowcoin.channels.Fixtures.reason;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flowcoin.channels.revocation.PerCommitmentSecrets;
import org.flowcoin.channels.revocation.RevealedSecrets;
import org.flowcoin.channels.ChannelException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The channel store on real files: invariants, a crash at every write step, damaged files. */
class ChannelStoreTest {
    private static final PerCommitmentSecrets REMOTE = PerCommitmentSecrets.fromSeed(new byte[32]);

    /** The state after {@code n} updates: n commitments each way, n of the counterparty's secrets revealed. */
    private static ChannelState after(long n) {
        RevealedSecrets r = new RevealedSecrets();
        try {
            for (long i = 0; i < n; i++) r.insert(PerCommitmentSecrets.MAX_INDEX - i, REMOTE.secretOfCommitment(i));
        } catch (org.flowcoin.channels.ChannelException e) {
            throw new AssertionError(e);
        }
        return new ChannelState(n, n, n, n, 1000 - n, n, r);
    }



    @Test
    void commitsSurviveReopeningAndTheInvariantsHold(@TempDir Path dir) throws Exception {
        ChannelStore s = ChannelStore.create(dir, ChannelState.opened(1000, 0));
        for (long n = 1; n <= 40; n++) s.commit(after(n));
        ChannelState back = ChannelStore.open(dir).state();
        assertThat(back.encode()).isEqualTo(after(40).encode());
        assertThat(back.revealed().secret(PerCommitmentSecrets.MAX_INDEX - 17)).get().isEqualTo(REMOTE.secretOfCommitment(17));
        assertThat(back.mayUseLocalCommitment(39)).isFalse();
        assertThat(back.mayUseLocalCommitment(40)).isTrue();

        ChannelState cur = s.state();
        assertThat(reason(() -> s.commit(after(42)))).as("version skipped").isEqualTo(Reason.REFUSED);
        assertThat(reason(() -> s.commit(new ChannelState(41, 41, 39, 41, 0, 0, cur.revealed())))).as("revocation undone")
                .isEqualTo(Reason.REFUSED);
        assertThat(reason(() -> s.commit(new ChannelState(41, 41, 41, 39, 0, 0, cur.revealed())))).as("remote backwards")
                .isEqualTo(Reason.REFUSED);
        assertThat(reason(() -> s.commit(new ChannelState(41, 41, 41, 41, 0, 0, new RevealedSecrets())))).as("secrets forgotten")
                .isEqualTo(Reason.REFUSED);
        assertThat(reason(() -> ChannelStore.create(dir, ChannelState.opened(1, 1)))).as("never overwrite a channel")
                .isEqualTo(Reason.REFUSED);
        assertThat(ChannelStore.open(dir).state().version()).isEqualTo(40);
    }

    @Test
    void aCrashAtAnyWriteStepLeavesTheOldOrTheNewState(@TempDir Path root) throws Exception {
        String[] steps = {"written", "forced", "renamed", "synced"};
        for (String crashAt : steps) {
            Path dir = root.resolve(crashAt);
            ChannelStore.create(dir, ChannelState.opened(1000, 0));
            ChannelStore s = ChannelStore.open(dir, step -> {
                if (step.equals(crashAt)) throw new IOException("crash after " + step);
            });
            try {
                s.commit(after(1));
                throw new AssertionError("the hook did not fire");
            } catch (IOException expected) {
                // the process "dies" here
            }
            ChannelState seen = ChannelStore.open(dir).state();
            boolean renamed = crashAt.equals("renamed") || crashAt.equals("synced");
            assertThat(seen.version()).as("crash after %s", crashAt).isEqualTo(renamed ? 1 : 0);
            // And the store carries on from there (a leftover temporary file does not matter).
            ChannelStore again = ChannelStore.open(dir);
            again.commit(after(seen.version() + 1));
            assertThat(ChannelStore.open(dir).state().version()).isEqualTo(seen.version() + 1);
        }
    }

    @Test
    void aDamagedFileIsReportedAndLeftAsItIs(@TempDir Path dir) throws Exception {
        ChannelStore s = ChannelStore.create(dir, ChannelState.opened(1000, 0));
        for (long n = 1; n <= 5; n++) s.commit(after(n));
        Path f = dir.resolve(ChannelStore.FILE);
        byte[] good = Files.readAllBytes(f);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            Files.write(f, bad);
            assertThat(reason(() -> ChannelStore.open(dir))).as("byte %d", i).isEqualTo(Reason.CORRUPT);
            assertThat(Files.readAllBytes(f)).as("nothing rewritten").isEqualTo(bad);
        }
        for (int len : new int[] {0, 10, good.length - 1}) {
            Files.write(f, java.util.Arrays.copyOf(good, len));
            assertThat(reason(() -> ChannelStore.open(dir))).isEqualTo(Reason.CORRUPT);
        }
        Files.write(f, new byte[ChannelState.MAX_BYTES + 1]);
        assertThat(reason(() -> ChannelStore.open(dir))).isEqualTo(Reason.CORRUPT);
        Files.delete(f);
        assertThat(reason(() -> ChannelStore.open(dir))).isEqualTo(Reason.CORRUPT);
        Files.write(f, good);
        assertThat(ChannelStore.open(dir).state().version()).isEqualTo(5);
    }
}
