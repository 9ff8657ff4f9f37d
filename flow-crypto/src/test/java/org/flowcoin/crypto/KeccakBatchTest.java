package org.flowcoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.flowcoin.crypto.internal.keccak.KeccakBatch;
import org.junit.jupiter.api.Test;

/** The bulk Keccak-256d agrees with the one-message Keccak-256d on every input. */
class KeccakBatchTest {
    @org.junit.jupiter.api.BeforeAll
    static void forceTheRunsKernel() {
        org.flowcoin.crypto.ForcedKeccakKernel.apply();
    }

    @Test
    void vectorPathIsActiveWhenTheModuleIsPresentFromJava25() {
        // Surefire adds jdk.incubator.vector; every CPU this project supports has 256-bit vectors;
        // the four-way kernel is in the jar's versions/25 layer, so older runtimes hash one by one.
        assertThat(KeccakBatch.vectorized()).isEqualTo(Runtime.version().feature() >= 25);
    }

    @Test
    void equalLengthGroupsMatchSingleHashes() {
        Random rnd = new Random(1);
        for (int len : new int[] {0, 1, 7, 8, 31, 32, 135, 136, 137, 244, 271, 272, 273, 1000}) {
            byte[][] msgs = new byte[11][len]; // two full groups of four and a remainder of three
            for (byte[] m : msgs) rnd.nextBytes(m);
            assertMatchesSingle(msgs);
        }
    }

    @Test
    void mixedLengthsMatchSingleHashes() {
        Random rnd = new Random(2);
        int iterations = Math.max(50, Integer.getInteger("flow.fuzz.iterations", 20000) / 100);
        for (int it = 0; it < iterations; it++) {
            byte[][] msgs = new byte[rnd.nextInt(13)][];
            int common = rnd.nextInt(400);
            for (int i = 0; i < msgs.length; i++) {
                msgs[i] = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(400) : common];
                rnd.nextBytes(msgs[i]);
            }
            assertMatchesSingle(msgs);
        }
    }

    @Test
    void flatOutputHoldsDigestsInOrder() {
        byte[][] msgs = {new byte[244], new byte[244], new byte[244], new byte[244], new byte[5]};
        for (int i = 0; i < msgs.length; i++) msgs[i][0] = (byte) i;
        byte[] flat = new byte[32 * msgs.length];
        Keccak.keccak256dAll(msgs, flat);
        for (int i = 0; i < msgs.length; i++) {
            byte[] one = new byte[32];
            System.arraycopy(flat, 32 * i, one, 0, 32);
            assertThat(one).isEqualTo(Keccak.keccak256d(msgs[i]));
        }
    }

    private static void assertMatchesSingle(byte[][] msgs) {
        byte[][] all = Keccak.keccak256dAll(msgs);
        assertThat(all.length).isEqualTo(msgs.length);
        for (int i = 0; i < msgs.length; i++) {
            assertThat(all[i]).as("message %d of length %d", i, msgs[i].length).isEqualTo(Keccak.keccak256d(msgs[i]));
        }
    }
}
