package org.flowcoin.moe.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.delta.Delta;
import org.junit.jupiter.api.Test;

/** AdamW, clipping, reproducibility and delta construction. */
class TrainerTest {
    static final List<byte[]> BATCH = GradientCheckTest.BATCH;

    @Test
    void firstAdamStepMovesEachTouchedParameterByTheLearningRate() {
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "test");
        float lr = 1e-3f;
        float[][] g;
        ModelWeights after;
        try (Trainer tr = new Trainer(w, TrainConfig.defaults().withThreads(1).withLearningRate(lr).withClipNorm(0))) {
            g = tr.gradientOf(BATCH);
            Trainer.StepStats st = tr.step(BATCH);
            assertThat(st.clipped()).isFalse();
            after = tr.weights();
        }
        long moved = 0, untouched = 0;
        for (int t = 0; t < g.length; t++) {
            for (int i = 0; i < g[t].length; i++) {
                float before = w.get(t, i), now = after.get(t, i);
                if (g[t][i] == 0f) {
                    assertThat(Float.floatToRawIntBits(now)).isEqualTo(Float.floatToRawIntBits(before));
                    untouched++;
                } else {
                    // bias-corrected first step: m_hat = g, v_hat = g^2, update = lr * g / (|g| + eps)
                    double expected = before - lr * g[t][i] / (Math.abs(g[t][i]) + 1e-8);
                    assertThat((double) now).isCloseTo(expected, org.assertj.core.data.Offset.offset(2e-6 + 1e-3 * lr));
                    moved++;
                }
            }
        }
        assertThat(moved).isPositive();
        assertThat(untouched).isPositive(); // experts no token was routed to
    }

    @Test
    void clippingReportsTheGlobalNorm() {
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "test");
        try (Trainer tr = new Trainer(w, TrainConfig.defaults().withThreads(1).withClipNorm(1e-3f))) {
            float[][] g = tr.gradientOf(BATCH);
            double ss = 0;
            for (float[] a : g) for (float v : a) ss += (double) v * v;
            Trainer.StepStats st = tr.step(BATCH);
            assertThat((double) st.gradNorm()).isCloseTo(Math.sqrt(ss), org.assertj.core.data.Offset.offset(1e-6 * Math.sqrt(ss)));
            assertThat(st.clipped()).isTrue();
            assertThat(st.tokens()).isEqualTo(BATCH.get(0).length - 1 + BATCH.get(1).length - 1);
        }
    }

    @Test
    void runsAreReproducibleForAThreadCount() {
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "test");
        byte[] data = "It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness."
                .repeat(8).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ModelWeights a = train(w, data, 2), b = train(w, data, 2);
        assertThat(a.bitEquals(b)).isTrue();
        assertThat(a.bitEquals(w)).isFalse();
        assertThat(w.bitEquals(ModelInit.init(ModelConfig.tiny(), "test"))).isTrue(); // the start was copied, not written
    }

    private static ModelWeights train(ModelWeights w, byte[] data, int threads) {
        try (Trainer tr = new Trainer(w, TrainConfig.defaults().withThreads(threads).withBatch(4, 32))) {
            SplittableRandom rnd = new SplittableRandom(42);
            for (int i = 0; i < 3; i++) tr.step(data, rnd);
            return tr.weights();
        }
    }

    @Test
    void deltaKeepsTheLargestChangesWithTiesInIndexOrder() {
        ModelWeights tip = ModelInit.init(ModelConfig.tiny(), "test");
        ModelWeights trained = tip.copy();
        long p = tip.layout().parameterCount();
        // 10 changes: magnitudes 4, 3, 3, 3, 3, 2, 1, 1, 1, 1 (x 2^-10, exact in float near these weights)
        long[] at = {5, 100, 200, 300, 400, 500, 600, 700, 800, 900};
        float[] by = {4, -3, 3, -3, 3, 2, 1, 1, -1, 1};
        for (int i = 0; i < at.length; i++) trained.set(at[i], trained.get(at[i]) + by[i] / 1024f);
        DeltaBuilder.Result r = DeltaBuilder.build(tip, trained, 1 << 20, 3).orElseThrow();
        assertThat(r.delta().entryCount()).isEqualTo(3);
        assertThat(new long[] {r.delta().index(0), r.delta().index(1), r.delta().index(2)}).containsExactly(5, 100, 200);
        assertThat(r.changed()).isEqualTo(10);
        // applied = tip + decoded delta, float32 addition, bit for bit
        ModelWeights again = tip.copy();
        Delta.decode(r.payload(), p).apply(again);
        assertThat(again.bitEquals(r.applied())).isTrue();
        for (int i = 0; i < 3; i++) assertThat(r.applied().get(at[i])).isEqualTo(tip.get(at[i]) + r.delta().value(i));
        assertThat(r.applied().get(at[5])).isEqualTo(tip.get(at[5]));
        // everything fits: all 10
        assertThat(DeltaBuilder.build(tip, trained, 1 << 20, 1000).orElseThrow().delta().entryCount()).isEqualTo(10);
    }
}
