package org.flowcoin.channels.commitment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CommitmentNumberTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * BOLT-3 Appendix C (lightning/bolts, 03-transactions.md): with its two payment basepoints
     * the obscuring factor is 0x2bb038521914, and commitment 42 has lock time 0x2052193e and
     * sequence 0x802bb038 (the bytes 3e195220 and 38b02b80 of every commit_tx there). The
     * function takes any bytes; this chain's basepoints are 32-byte Ed25519 keys.
     */
    @Test
    void bolt3AppendixC() {
        long f = CommitmentNumber.obscuringFactor(
                HEX.parseHex("034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa"),
                HEX.parseHex("032c0b7cf95324a07d05398b240174dc0c2be444d96b159aa6c7f7b1e668680991"));
        assertThat(f).isEqualTo(0x2bb038521914L);
        assertThat(CommitmentNumber.lockTime(42, f)).isEqualTo(0x2052193e);
        assertThat(CommitmentNumber.sequence(42, f)).isEqualTo(0x802bb038);
        assertThat(CommitmentNumber.recover(0x2052193e, 0x802bb038, f)).hasValue(42);
    }

    @Test
    void roundTripsAndRefusesWhatIsNotACommitment() {
        SplittableRandom rnd = new SplittableRandom(48);
        for (int i = 0; i < 10_000; i++) {
            long f = rnd.nextLong() & CommitmentNumber.MAX;
            long n = i < 3 ? new long[] {0, 1, CommitmentNumber.MAX}[i] : rnd.nextLong() & CommitmentNumber.MAX;
            int lt = CommitmentNumber.lockTime(n, f);
            int seq = CommitmentNumber.sequence(n, f);
            assertThat(lt >>> 24).isEqualTo(0x20);
            assertThat(seq >>> 24).isEqualTo(0x80);
            assertThat(CommitmentNumber.recover(lt, seq, f)).hasValue(n);
        }
        assertThat(CommitmentNumber.recover(0, -1, 0)).as("a final, unlocked transaction").isEmpty();
        assertThat(CommitmentNumber.recover(0x2052193e, 0x002bb038, 0)).isEmpty();
        assertThat(CommitmentNumber.recover(0x1052193e, 0x802bb038, 0)).isEmpty();
        assertThatThrownBy(() -> CommitmentNumber.lockTime(CommitmentNumber.MAX + 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommitmentNumber.sequence(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommitmentNumber.lockTime(0, 1L << 48)).isInstanceOf(IllegalArgumentException.class);
    }
}
