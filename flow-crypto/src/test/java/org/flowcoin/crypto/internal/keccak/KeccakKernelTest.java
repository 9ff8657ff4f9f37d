package org.flowcoin.crypto.internal.keccak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Both one-state Keccak-f[1600] kernels, whichever the digests use: the vector kernel runs here
 * on every machine (without AVX-512 it is merely slower), so CI checks it even where
 * {@link KeccakKernel} would not select it.
 */
class KeccakKernelTest {
    /** The vector kernels exist from Java 25 on (the jar's versions/25 layer), and only there. */
    static boolean vectorRuntime() {
        return Runtime.version().feature() >= 25;
    }

    /** The vector kernels, where this runtime has them (the test is skipped elsewhere). */
    private static VectorKeccak vectorKernels() {
        assumeTrue(vectorRuntime(), "the vector kernels need Java 25");
        return VectorKeccak.Loaded.KERNELS;
    }

    @Test
    void vectorKernelsLoadExactlyFromJava25() {
        assertThat(VectorKeccak.Loaded.KERNELS != null).isEqualTo(vectorRuntime());
        assertThat(KeccakKernel.preferredVectorBits() > 0).isEqualTo(vectorRuntime());
    }
    @org.junit.jupiter.api.BeforeAll
    static void forceTheRunsKernel() {
        org.flowcoin.crypto.ForcedKeccakKernel.apply();
    }

    /**
     * Keccak-f[1600] of the all-zero state, from the Keccak team's
     * KeccakF-1600-IntermediateValues.txt (XKCP, tests/TestVectors), lanes 0..24.
     */
    private static final long[] ZERO_PERMUTED = {
        0xF1258F7940E1DDE7L, 0x84D5CCF933C0478AL, 0xD598261EA65AA9EEL, 0xBD1547306F80494DL,
        0x8B284E056253D057L, 0xFF97A42D7F8E6FD4L, 0x90FEE5A0A44647C4L, 0x8C5BDA0CD6192E76L,
        0xAD30A6F71B19059CL, 0x30935AB7D08FFC64L, 0xEB5AA93F2317D635L, 0xA9A6E6260D712103L,
        0x81A57C16DBCF555FL, 0x43B831CD0347C826L, 0x01F22F1A11A5569FL, 0x05E5635A21D9AE61L,
        0x64BEFEF28CC970F2L, 0x613670957BC46611L, 0xB87C5A554FD00ECBL, 0x8C3EE88A1CCF32C8L,
        0x940C7922AE3A2614L, 0x1841F924A2C509E4L, 0x16F53526E70465C2L, 0x75F644E97F30A13BL,
        0xEAF1FF7B5CECA249L,
    };

    @Test
    void vectorModuleIsPresentUnderTheTestRunner() {
        // The module POM adds --add-modules jdk.incubator.vector; without it the tests below
        // could not reach the vector kernel.
        assertThat(KeccakKernel.vectorModuleReadable()).isTrue();
    }

    @Test
    void bothKernelsPermuteTheZeroStateAsPublished() {
        long[] s = new long[25];
        KeccakF1600.permute(s);
        assertThat(s).containsExactly(ZERO_PERMUTED);
        long[] k = new long[25];
        KeccakKernel.permute(k);
        assertThat(k).containsExactly(ZERO_PERMUTED);
    }

    @Test
    void vectorKernelPermutesTheZeroStateAsPublished() {
        long[] v = new long[25];
        vectorKernels().permute(v);
        assertThat(v).containsExactly(ZERO_PERMUTED);
    }

    @Test
    void kernelsAgreeOnRandomStatesAndChains() {
        VectorKeccak vector = vectorKernels();
        SplittableRandom rnd = new SplittableRandom(1600);
        int n = Math.max(200, Math.min(5000, Integer.getInteger("flow.fuzz.iterations", 20000) / 4));
        long[] a = new long[25];
        long[] b = new long[25];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 25; j++) a[j] = rnd.nextLong();
            // Sparse states too: single bits exercise each rotation in isolation.
            if (i % 4 == 0) {
                Arrays.fill(a, 0L);
                a[rnd.nextInt(25)] = 1L << rnd.nextInt(64);
            }
            System.arraycopy(a, 0, b, 0, 25);
            KeccakF1600.permute(a);
            vector.permute(b);
            assertThat(b).as("state %d", i).containsExactly(a);
        }
        // A long chain: any difference would be amplified, not hidden.
        for (int i = 0; i < 500; i++) {
            KeccakF1600.permute(a);
            vector.permute(b);
        }
        assertThat(b).containsExactly(a);
    }

    @Test
    void selectionFollowsThePropertyAndTheHardware() {
        assertThat(KeccakKernel.decide("scalar", 512)).isFalse();
        assertThat(KeccakKernel.decide("vector", 256)).isTrue();
        assertThat(KeccakKernel.decide("vector", 0)).as("module missing").isFalse();
        assertThat(KeccakKernel.decide("auto", 512)).isTrue();
        assertThat(KeccakKernel.decide("auto", 256)).as("AVX2 only").isFalse();
        assertThat(KeccakKernel.decide("auto", 0)).isFalse();
        assertThat(KeccakKernel.decide("bogus", 512)).as("unknown means auto").isTrue();

        String mode = org.flowcoin.crypto.ForcedKeccakKernel.apply();
        boolean expected = switch (mode) {
            case "scalar" -> false;
            case "vector" -> vectorRuntime();
            default -> KeccakKernel.preferredVectorBits() >= KeccakKernel.MIN_AUTO_VECTOR_BITS;
        };
        assertThat(KeccakKernel.vector()).as("mode %s", mode).isEqualTo(expected);
        assertThat(KeccakKernel.name()).isEqualTo(expected ? "vector" : "scalar");
        if (mode.equals("vector")) assertThat(KeccakKernel.vectorActive()).as("forced: no warm-up").isEqualTo(vectorRuntime());
        if (!expected) assertThat(KeccakKernel.vectorActive()).isFalse();
    }

    @Test
    void selectForcesEitherKernelAndRefusesUnknownModes() {
        try {
            KeccakKernel.select("scalar");
            assertThat(KeccakKernel.vector()).isFalse();
            assertThat(KeccakKernel.vectorActive()).isFalse();
            KeccakKernel.select("vector");
            // Before Java 25 forcing the vector kernel falls back to scalar.
            assertThat(KeccakKernel.vector()).isEqualTo(vectorRuntime());
            assertThat(KeccakKernel.vectorActive()).as("forced: no warm-up").isEqualTo(vectorRuntime());
            long[] k = new long[25];
            KeccakKernel.permute(k);
            assertThat(k).containsExactly(ZERO_PERMUTED);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeccakKernel.select("fast"))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            org.flowcoin.crypto.ForcedKeccakKernel.apply();
        }
    }

    @Test
    void selectedKernelTakesOverAfterTheWarmUpAndAgreesThroughout() {
        // Whatever ran before in this JVM, one warm-up's worth of permutations completes it; with
        // no warm-up pending (forced or scalar mode) a shorter run suffices.
        boolean pending = KeccakKernel.vector() && !KeccakKernel.vectorActive();
        int n = pending ? KeccakKernel.SCALAR_WARMUP_PERMUTATIONS + 1 : 4096;
        SplittableRandom rnd = new SplittableRandom(65536);
        long[] viaKernel = new long[25];
        long[] viaScalar = new long[25];
        for (int j = 0; j < 25; j++) viaKernel[j] = viaScalar[j] = rnd.nextLong();
        for (int i = 0; i < n; i++) {
            KeccakKernel.permute(viaKernel);
            KeccakF1600.permute(viaScalar);
            if (i % 4096 == 0) assertThat(viaKernel).as("permutation %d", i).containsExactly(viaScalar);
        }
        assertThat(viaKernel).containsExactly(viaScalar);
        assertThat(KeccakKernel.vectorActive()).isEqualTo(KeccakKernel.vector());
    }
}
