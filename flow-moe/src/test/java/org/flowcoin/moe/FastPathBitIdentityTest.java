package org.flowcoin.moe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flowcoin.moe.train.TrainConfig;
import org.flowcoin.moe.train.Trainer;
import org.flowcoin.primitives.ModelDims;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The fast canonical path (blocked products, channel-major attention scores, vector softmax and
 * exp) against the scalar reference, whole evaluations: loss bits and every logit's bits, on 1 and 3
 * threads, for shapes that take every kernel branch (one head; four query heads per KV head with
 * d_expert 4, the genesis layout; three heads per KV head and a d_expert that is no multiple of 16),
 * several seeds, every sequence length 2..40 and long ones up to 300 (the score rows' whole
 * vectors and tails), untrained and trained weights, and tie-heavy inputs.
 */
class FastPathBitIdentityTest {
    static final ModelConfig GROUPED = new ModelConfig(new ModelDims(256, 2, 4, 4, 1, 16));
    static final ModelConfig ODD = new ModelConfig(new ModelDims(192, 1, 5, 3, 1, 9));

    static ModelConfig config(String name) {
        return switch (name) {
            case "tiny" -> ModelConfig.tiny();
            case "grouped" -> GROUPED;
            default -> ODD;
        };
    }

    static List<byte[]> randomLengths(SplittableRandom r, int count, int maxLength) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[2 + r.nextInt(maxLength - 1)];
            for (int j = 0; j < b.length; j++) b[j] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : 'a' + r.nextInt(6));
            out.add(b);
        }
        return out;
    }

    /** Repeated bytes: identical positions give equal scores, equal router candidates and equal logits. */
    static List<byte[]> tieHeavy() {
        byte[] same = new byte[70];
        java.util.Arrays.fill(same, (byte) 'e');
        byte[] two = new byte[33];
        for (int i = 0; i < two.length; i++) two[i] = (byte) (i % 2 == 0 ? 0 : 255);
        return List.of(same, two, new byte[] {7, 7}, "aaaaaaaaaaaaaaaaab".getBytes(StandardCharsets.US_ASCII));
    }

    static void assertSameBits(ModelWeights w, List<byte[]> data, String what) {
        LossResult ref = Evaluators.reference(1).evaluate(w, data);
        assertThat(Evaluators.vector(1).evaluate(w, data).lossBits()).as(what + ", 1 thread").isEqualTo(ref.lossBits());
        assertThat(Evaluators.vector(3).evaluate(w, data).lossBits()).as(what + ", 3 threads").isEqualTo(ref.lossBits());
        for (int s = 0; s < data.size(); s += 3) {
            float[] a = Evaluators.reference(1).logits(w, data.get(s)), b = Evaluators.vector(1).logits(w, data.get(s));
            for (int i = 0; i < a.length; i++) {
                if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                    throw new AssertionError(what + ": logit " + i + " of sequence " + s + " (length " + data.get(s).length + ")");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny", "grouped", "odd"})
    void untrainedWeightsEveryLength(String shape) {
        assertThat(Evaluators.vectorAvailable()).isTrue();
        ModelConfig c = config(shape);
        for (int seed = 0; seed < 3; seed++) {
            ModelWeights w = ModelInit.init(c, "bits-" + seed);
            List<byte[]> every = new ArrayList<>();
            SplittableRandom r = new SplittableRandom(seed);
            for (int n = 2; n <= 40; n++) every.add(fixedLength(r, n));
            assertSameBits(w, every, shape + " seed " + seed + " lengths 2..40");
            assertSameBits(w, randomLengths(r, 4, 300), shape + " seed " + seed + " long");
            assertSameBits(w, tieHeavy(), shape + " seed " + seed + " ties");
        }
    }

    static byte[] fixedLength(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int j = 0; j < n; j++) b[j] = (byte) r.nextInt(256);
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny", "grouped"})
    void trainedWeights(String shape) {
        ModelWeights w = ModelInit.init(config(shape), "trained");
        List<byte[]> batch = TestData.sequences(4, 48, 3);
        try (Trainer tr = new Trainer(w, TrainConfig.defaults().withThreads(1).withLearningRate(3e-3f))) {
            for (int i = 0; i < 3; i++) tr.step(batch);
            ModelWeights trained = tr.weights();
            assertThat(Evaluators.reference(1).evaluate(trained, batch).lossBits())
                    .as("training moved the loss").isNotEqualTo(Evaluators.reference(1).evaluate(w, batch).lossBits());
            assertSameBits(trained, batch, shape + " trained");
            assertSameBits(trained, tieHeavy(), shape + " trained, ties");
        }
    }

    /** The genesis model itself: a full 256-byte sequence and a shorter tie-heavy one. */
    @Test
    void genesisFewSequences() {
        ModelWeights g = ModelInit.init(ModelConfig.genesis(), ModelInit.GENESIS_SEED);
        List<byte[]> data = List.of(TestData.sequences(1, 256, 9).get(0), tieHeavy().get(0));
        LossResult ref = Evaluators.reference(1).evaluate(g, data);
        assertThat(Evaluators.vector(1).evaluate(g, data).lossBits()).isEqualTo(ref.lossBits());
        assertThat(Evaluators.vector(2).evaluate(g, data).lossBits()).isEqualTo(ref.lossBits());
    }
}
