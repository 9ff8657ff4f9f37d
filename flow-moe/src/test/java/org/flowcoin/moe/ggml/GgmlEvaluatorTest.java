package org.flowcoin.moe.ggml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.LossResult;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ggml forward pass against the canonical Java evaluator, and ggml's own determinism. */
class GgmlEvaluatorTest {
    static ModelWeights tiny;
    static List<byte[]> seqs;

    @BeforeAll
    static void setUp() {
        GgmlTestSupport.ggml();
        tiny = ModelInit.init(ModelConfig.tiny(), "ggml-test");
        seqs = GgmlTestSupport.sequences(3, 48, 7);
    }

    @Test
    void versionAndLayoutChecksPass() {
        Ggml g = GgmlTestSupport.ggml();
        assertThat(g.version()).isEqualTo("0.25.1");
    }

    @Test
    void logitsCloseToReference() {
        byte[] seq = seqs.get(0);
        float[] ref = Evaluators.reference(1).logits(tiny, seq);
        float[] gg = new GgmlEvaluator(2).logits(tiny, seq);
        assertThat(gg).hasSize(ref.length);
        double maxAbs = 0, maxRef = 0;
        for (int i = 0; i < ref.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(ref[i] - gg[i]));
            maxRef = Math.max(maxRef, Math.abs(ref[i]));
        }
        // Different summation orders and exp/rsqrt implementations, same mathematics: agreement to ~1e-5 relative.
        assertThat(maxRef).isGreaterThan(0.01);
        assertThat(maxAbs / maxRef).isLessThan(1e-4);
    }

    @Test
    void lossCloseToReference() {
        LossResult ref = Evaluators.reference(1).evaluate(tiny, seqs);
        LossResult gg = new GgmlEvaluator(2).evaluate(tiny, seqs);
        assertThat(gg.tokens()).isEqualTo(ref.tokens());
        assertThat(Math.abs((double) gg.loss() - ref.loss()) / ref.loss()).isLessThan(1e-5);
    }

    @Test
    void detectsDifferentWeights() {
        ModelWeights other = ModelInit.init(ModelConfig.tiny(), "other");
        LossEvaluator ev = new GgmlEvaluator(1);
        assertThat(ev.meanLoss(other, seqs)).isNotEqualTo(ev.meanLoss(tiny, seqs));
    }

    /**
     * ggml's matrix products give each output element to one thread with the whole dot product, and
     * its other ops are element- or row-wise, so the bits must not depend on the thread count. Kept
     * short: ggml's barriers spin, which is slow when threads outnumber free cores.
     */
    @Test
    void identicalAcrossRunsAndThreadCounts() {
        List<byte[]> few = List.of(seqs.get(0), java.util.Arrays.copyOf(seqs.get(1), 20));
        float first = new GgmlEvaluator(1).meanLoss(tiny, few);
        float[] logits1 = new GgmlEvaluator(1).logits(tiny, few.get(1));
        float firstAll = new GgmlEvaluator(1).meanLoss(tiny, seqs);
        int maxThreads = Math.max(4, Runtime.getRuntime().availableProcessors());
        for (int t = 1; t <= maxThreads; t++) {
            // t ggml threads inside each operation, and t workers over sequences.
            GgmlEvaluator ops = new GgmlEvaluator(1, t);
            assertThat(ops.logits(tiny, few.get(1))).as("opThreads=%d", t).isEqualTo(logits1);
            if (t <= 2) assertThat(Float.floatToRawIntBits(ops.meanLoss(tiny, few))).as("opThreads=%d", t).isEqualTo(Float.floatToRawIntBits(first));
            GgmlEvaluator workers = new GgmlEvaluator(t);
            assertThat(Float.floatToRawIntBits(workers.meanLoss(tiny, seqs))).as("threads=%d", t).isEqualTo(Float.floatToRawIntBits(firstAll));
        }
    }

    @Test
    void nativeAndHeapWeightsGiveSameBits() {
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            ModelWeights nat = tiny.copy(arena);
            GgmlEvaluator ev = new GgmlEvaluator(2);
            assertThat(ev.meanLoss(nat, seqs)).isEqualTo(ev.meanLoss(tiny, seqs));
        }
    }

    @Test
    void rejectsBadThreadCounts() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GgmlEvaluator(0)).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GgmlEvaluator(1, 0)).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GgmlEvaluator(1).evaluate(tiny, List.of(new byte[1])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void notCanonical() {
        assertThat(new GgmlEvaluator(1).canonical()).isFalse();
        assertThat(new GgmlEvaluator(1).name()).isEqualTo("ggml");
    }
}
