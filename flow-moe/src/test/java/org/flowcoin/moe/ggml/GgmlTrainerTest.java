package org.flowcoin.moe.ggml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.train.TrainConfig;
import org.flowcoin.moe.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * ggml training against the Java trainer, whose backward pass is checked against finite differences
 * (GradientCheckTest): same gradients to float accuracy, same clipping norm, and a loss that falls.
 */
class GgmlTrainerTest {
    private static final List<byte[]> BATCH = List.of(
            "Proof-of-Training: the work".getBytes(StandardCharsets.US_ASCII),
            "is the training.".getBytes(StandardCharsets.US_ASCII));

    private static TrainConfig config() {
        return TrainConfig.defaults().withThreads(1).withClipNorm(0);
    }

    @Test
    void differentiableGraphComputesTheSameLogits() {
        Ggml g = GgmlTestSupport.ggml();
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "test");
        byte[] seq = GgmlTestSupport.sequences(1, 96, 7).getFirst();
        float[] a, b;
        try (GgmlForward f = new GgmlForward(g, w, 1, false)) {
            a = f.logits(seq);
        }
        try (GgmlForward f = new GgmlForward(g, w, 1, true)) {
            b = f.logits(seq);
        }
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.length; i++) {
            assertThat((double) b[i]).as("logit " + i).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(a[i]))));
        }
    }

    @Test
    void gradientsAgreeWithTheJavaTrainerOnEveryTensor() {
        GgmlTestSupport.ggml();
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "test");
        float[][] java, ggml;
        try (Trainer tr = new Trainer(w, config())) {
            java = tr.gradientOf(BATCH);
        }
        try (GgmlTrainer tr = new GgmlTrainer(w, config())) {
            ggml = tr.gradient(BATCH);
        }
        assertThat(ggml.length).isEqualTo(java.length);
        var names = w.layout().tensors();
        for (int t = 0; t < java.length; t++) {
            double diff = 0, ref = 0;
            for (int i = 0; i < java[t].length; i++) {
                double e = (double) ggml[t][i] - java[t][i];
                diff += e * e;
                ref += (double) java[t][i] * java[t][i];
                // An expert no token was routed to gets no gradient on either side.
                if (java[t][i] == 0f && names.get(t).name().contains("expert")) assertThat(ggml[t][i]).isZero();
            }
            assertThat(ref).as(names.get(t).name() + " has a gradient").isPositive();
            assertThat(Math.sqrt(diff / ref)).as(names.get(t).name() + " relative L2 error").isLessThan(1e-5);
        }
    }

    @Test
    void clippingNormMatchesTheJavaTrainer() {
        GgmlTestSupport.ggml();
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "test");
        Trainer.StepStats java, ggml;
        try (Trainer tr = new Trainer(w, config().withClipNorm(1e-3f))) {
            java = tr.step(BATCH);
        }
        try (GgmlTrainer tr = new GgmlTrainer(w, config().withClipNorm(1e-3f))) {
            ggml = tr.step(BATCH);
            assertThat(tr.steps()).isEqualTo(1);
        }
        assertThat(ggml.clipped()).isTrue();
        assertThat(ggml.tokens()).isEqualTo(java.tokens());
        assertThat((double) ggml.gradNorm()).isCloseTo(java.gradNorm(), org.assertj.core.data.Offset.offset(1e-4 * java.gradNorm()));
        assertThat((double) ggml.loss()).isCloseTo(java.loss(), org.assertj.core.data.Offset.offset(1e-5 * java.loss()));
    }

    @Test
    void firstStepMovesParametersLikeTheJavaTrainerAndLeavesUnroutedExpertsAlone() {
        GgmlTestSupport.ggml();
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "test");
        ModelWeights a, b;
        try (Trainer tr = new Trainer(w, config())) {
            tr.step(BATCH);
            a = tr.weights();
        }
        try (GgmlTrainer tr = new GgmlTrainer(w, config())) {
            tr.step(BATCH);
            b = tr.weights();
        }
        long same = 0, total = 0;
        for (int t = 0; t < w.layout().size(); t++) {
            long n = w.layout().tensors().get(t).count();
            for (long i = 0; i < n; i++) {
                float before = w.get(t, i), ja = a.get(t, i), gb = b.get(t, i);
                if (ja == before) assertThat(gb).as("untouched parameter stays bit-identical").isEqualTo(before);
                // The first AdamW step is about lr * sign(g): equal wherever the gradients are not tiny.
                if (Math.abs(ja - gb) <= 1e-6f) same++;
                total++;
            }
        }
        assertThat((double) same / total).isGreaterThan(0.99);
    }

    @Test
    void trainingLowersHeldOutLoss() {
        GgmlTestSupport.ggml();
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "test");
        List<byte[]> heldOut = GgmlTestSupport.sequences(4, 64, 99);
        float before = Evaluators.reference(1).meanLoss(w, heldOut);
        ModelWeights trained;
        try (GgmlTrainer tr = new GgmlTrainer(w, TrainConfig.defaults().withThreads(2).withLearningRate(3e-3f))) {
            float first = 0, last = 0;
            for (int i = 0; i < 15; i++) {
                Trainer.StepStats st = tr.step(GgmlTestSupport.sequences(4, 64, 1000 + i));
                if (i == 0) first = st.loss();
                last = st.loss();
            }
            assertThat(last).isLessThan(first);
            trained = tr.weights();
            assertThat(tr.loss(heldOut)).isLessThan(before - 0.3f);
        }
        // The canonical evaluator agrees that the trained weights are better.
        assertThat(Evaluators.reference(1).meanLoss(trained, heldOut)).isLessThan(before - 0.3f);
    }
}
