package org.flowcoin.channels.revocation;

import org.flowcoin.channels.ChannelException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowcoin.channels.Fixtures.reason;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.flowcoin.channels.ChannelException.Reason;
import org.junit.jupiter.api.Test;

/** The compact store beyond the BOLT vectors: order, lengths, the encoding and its rejections. */
class RevealedSecretsTest {
    private static final long MAX = PerCommitmentSecrets.MAX_INDEX;

    private static PerCommitmentSecrets seeded(long s) {
        byte[] seed = new byte[32];
        new SplittableRandom(s).nextBytes(seed);
        return PerCommitmentSecrets.fromSeed(seed);
    }



    @Test
    void everyRevealedSecretIsRecoverableAndNoOtherIs() throws Exception {
        PerCommitmentSecrets gen = seeded(1);
        RevealedSecrets store = new RevealedSecrets();
        int n = 1100; // crosses slot boundaries up to 2^10
        for (int i = 0; i < n; i++) store.insert(MAX - i, gen.secret(MAX - i));
        for (int i = 0; i < n; i++) assertThat(store.secret(MAX - i)).get().isEqualTo(gen.secret(MAX - i));
        assertThat(store.secret(MAX - n)).isEmpty();
        assertThat(store.secret(0)).isEmpty();
        assertThat(store.count()).isEqualTo(n);
        assertThat(store.nextIndex()).isEqualTo(MAX - n);
    }

    @Test
    void refusesOutOfOrderWrongLengthAndForeignSecrets() throws Exception {
        PerCommitmentSecrets gen = seeded(2);
        RevealedSecrets store = new RevealedSecrets();
        assertThat(reason(() -> store.insert(MAX - 1, gen.secret(MAX - 1)))).isEqualTo(Reason.OUT_OF_ORDER);
        store.insert(MAX, gen.secret(MAX));
        assertThat(reason(() -> store.insert(MAX, gen.secret(MAX)))).as("replay").isEqualTo(Reason.OUT_OF_ORDER);
        assertThat(reason(() -> store.insert(MAX - 1, new byte[31]))).isEqualTo(Reason.WRONG_LENGTH);
        // A secret from another seed is caught when it must derive a stored one (index MAX - 1 has slot 1).
        assertThat(reason(() -> store.insert(MAX - 1, seeded(3).secret(MAX - 1)))).isEqualTo(Reason.NOT_DERIVABLE);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void encodingRoundTripsAtManyCounts() throws Exception {
        PerCommitmentSecrets gen = seeded(4);
        RevealedSecrets store = new RevealedSecrets();
        for (int i = 0; i <= 600; i++) {
            RevealedSecrets back = RevealedSecrets.decode(store.encode());
            assertThat(back.count()).isEqualTo(store.count());
            assertThat(back.encode()).isEqualTo(store.encode());
            if (i > 0) assertThat(back.secret(MAX - i + 1)).get().isEqualTo(gen.secret(MAX - i + 1));
            store.insert(MAX - i, gen.secret(MAX - i));
        }
        // The decoded store carries on accepting the same chain.
        RevealedSecrets back = RevealedSecrets.decode(store.encode());
        back.insert(back.nextIndex(), gen.secret(back.nextIndex()));
    }

    @Test
    void expectedSlotsMatchInsertedOnes() throws Exception {
        PerCommitmentSecrets gen = seeded(5);
        RevealedSecrets store = new RevealedSecrets();
        for (int i = 0; i < 300; i++) {
            store.insert(MAX - i, gen.secret(MAX - i));
            long[] slots = RevealedSecrets.expectedSlots(i + 1);
            for (int b = 0; b <= 48; b++) {
                long want = slots[b];
                // slot b is filled iff some revealed index has exactly b trailing zeros
                boolean any = false;
                for (int j = 0; j <= i; j++) any |= RevealedSecrets.slotOf(MAX - j) == b;
                assertThat(want >= 0).as("count %d slot %d", i + 1, b).isEqualTo(any);
                if (want >= 0) assertThat(RevealedSecrets.slotOf(want)).isEqualTo(b);
            }
        }
        // The whole range: the last secret (index 0) fills slot 48.
        assertThat(RevealedSecrets.expectedSlots(MAX + 1)[48]).isEqualTo(0);
    }

    @Test
    void decodeRejectsEveryMalformedEncoding() throws Exception {
        PerCommitmentSecrets gen = seeded(6);
        RevealedSecrets store = new RevealedSecrets();
        for (int i = 0; i < 12; i++) store.insert(MAX - i, gen.secret(MAX - i));
        byte[] good = store.encode();
        assertThat(reason(() -> RevealedSecrets.decode(new byte[0]))).isEqualTo(Reason.MALFORMED);
        byte[] v2 = good.clone();
        v2[0] = 2;
        assertThat(reason(() -> RevealedSecrets.decode(v2))).isEqualTo(Reason.MALFORMED);
        assertThat(reason(() -> RevealedSecrets.decode(Arrays.copyOf(good, good.length - 1)))).isEqualTo(Reason.MALFORMED);
        assertThat(reason(() -> RevealedSecrets.decode(Arrays.copyOf(good, good.length + 32)))).isEqualTo(Reason.MALFORMED);
        byte[] hugeCount = good.clone();
        hugeCount[1] = (byte) 0x7f;
        assertThat(reason(() -> RevealedSecrets.decode(hugeCount))).isEqualTo(Reason.MALFORMED);
        // Any flipped bit in any stored secret breaks a derivation the decoder checks, except in the
        // newest slot of each chain, which nothing stored derives from: those must at least differ.
        int refused = 0;
        for (int pos = 9; pos < good.length; pos++) {
            byte[] bad = good.clone();
            bad[pos] ^= 1;
            try {
                RevealedSecrets d = RevealedSecrets.decode(bad);
                assertThat(d.encode()).isNotEqualTo(good);
            } catch (ChannelException e) {
                assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(0);
    }

    @Test
    void secretsNeverAppearInToString() {
        PerCommitmentSecrets gen = seeded(7);
        assertThat(gen.toString()).doesNotContain(java.util.HexFormat.of().formatHex(gen.secret(MAX)).substring(0, 8));
        assertThat(new RevealedSecrets().toString()).contains("hidden");
        assertThatThrownBy(() -> PerCommitmentSecrets.fromSeed(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gen.secret(MAX + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gen.secret(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
