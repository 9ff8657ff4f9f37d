package org.flowcoin.moe.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.TensorInfo;
import org.flowcoin.primitives.ModelDims;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference checks of the backward pass against an independent double-precision forward
 * ({@link DoubleForward}), for every tensor of the model.
 */
class GradientCheckTest {
    static final List<byte[]> BATCH = List.of(
            "Proof-of-Training: the work".getBytes(StandardCharsets.US_ASCII),
            "is the training.".getBytes(StandardCharsets.US_ASCII));

    @Test
    void tinyConfigEveryTensor() {
        checkConfig(ModelConfig.tiny(), "test");
    }

    @Test
    void groupedQueryAttentionConfig() {
        // two query heads sharing one kv head, 16 experts of width 4
        checkConfig(new ModelConfig(new ModelDims(128, 1, 4, 2, 1, 16)), "gqa");
    }

    @Test
    void lossesAgreeAcrossImplementations() {
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "test");
        float canonical = Evaluators.reference(1).meanLoss(w, BATCH);
        try (Trainer tr = new Trainer(w, TrainConfig.defaults().withThreads(1))) {
            float train = tr.loss(BATCH);
            assertThat((double) train).isCloseTo(canonical, org.assertj.core.data.Offset.offset(2e-5));
        }
        double dbl = new DoubleForward(ModelConfig.tiny(), Params.of(w).t).meanLoss(BATCH);
        assertThat(dbl).isCloseTo(canonical, org.assertj.core.data.Offset.offset(2e-5));
    }

    @Test
    void gradientDoesNotDependOnThreadSplitBeyondRounding() {
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "test");
        float[][] g1, g2;
        try (Trainer a = new Trainer(w, TrainConfig.defaults().withThreads(1)); Trainer b = new Trainer(w, TrainConfig.defaults().withThreads(2))) {
            g1 = a.gradientOf(BATCH);
            g2 = b.gradientOf(BATCH);
        }
        for (int t = 0; t < g1.length; t++) {
            for (int i = 0; i < g1[t].length; i++) {
                assertThat((double) g2[t][i]).isCloseTo(g1[t][i], org.assertj.core.data.Offset.offset(1e-6 + 1e-4 * Math.abs(g1[t][i])));
            }
        }
    }

    @Test
    void checkerRejectsAWrongGradient() {
        ModelConfig c = ModelConfig.tiny();
        ModelWeights w = ModelInit.init(c, "test");
        float[][] g;
        try (Trainer tr = new Trainer(w, TrainConfig.defaults().withThreads(1))) {
            g = tr.gradientOf(BATCH);
        }
        // Break one group at a time: each must be caught.
        for (String broken : List.of("blk.0.ffn_pk_b.weight", "blk.1.ffn_up_exps.weight", "blk.0.attn_k.weight", "output_norm.weight")) {
            int ti = c.layout().indexOf(broken);
            float[][] bad = new float[g.length][];
            for (int t = 0; t < g.length; t++) bad[t] = g[t].clone();
            for (int i = 0; i < bad[ti].length; i++) bad[ti][i] *= 1.05f;
            List<String> failures = check(c, w, bad, 4, 0, ti);
            assertThat(failures).as(broken).anyMatch(f -> f.startsWith(broken));
        }
    }

    private static void checkConfig(ModelConfig c, String seed) {
        ModelWeights w = ModelInit.init(c, seed);
        float[][] g;
        try (Trainer tr = new Trainer(w, TrainConfig.defaults().withThreads(1))) {
            g = tr.gradientOf(BATCH);
        }
        List<String> failures = check(c, w, g, 4, 3, -1);
        assertThat(failures).isEmpty();
    }

    /** Checks the largest {@code top} and {@code random} random entries of every tensor (or only tensor {@code only}); returns the mismatches. */
    static List<String> check(ModelConfig c, ModelWeights w, float[][] g, int top, int random, int only) {
        Params p = Params.of(w);
        DoubleForward df = new DoubleForward(c, p.t);
        df.meanLoss(BATCH);
        List<Integer> baseRoutes = List.copyOf(df.routes);
        List<String> failures = new ArrayList<>();
        Random rnd = new Random(7);
        int skipped = 0;
        for (int t = 0; t < g.length; t++) {
            if (only >= 0 && t != only) continue;
            TensorInfo ti = c.layout().tensors().get(t);
            float[] gt = g[t];
            List<Integer> picks = new ArrayList<>();
            Integer[] order = new Integer[gt.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            java.util.Arrays.sort(order, (a, b) -> Float.compare(Math.abs(gt[b]), Math.abs(gt[a])));
            for (int i = 0; i < top; i++) picks.add(order[i]);
            for (int i = 0; i < random; i++) picks.add(rnd.nextInt(gt.length));
            assertThat(Math.abs(gt[order[0]])).as("gradient of %s is not all zero", ti.name()).isGreaterThan(0f);
            for (int idx : picks) {
                double orig = df.w[t][idx];
                double h = 1e-4;
                df.w[t][idx] = orig + h;
                double lp = df.meanLoss(BATCH);
                boolean same = df.routes.equals(baseRoutes);
                df.w[t][idx] = orig - h;
                double lm = df.meanLoss(BATCH);
                same &= df.routes.equals(baseRoutes);
                df.w[t][idx] = orig;
                if (!same) {
                    skipped++;
                    continue;
                }
                double fd = (lp - lm) / (2 * h);
                double a = gt[idx];
                double tol = 1e-5 + 1e-2 * Math.max(Math.abs(a), Math.abs(fd));
                if (Math.abs(a - fd) > tol) failures.add(ti.name() + "[" + idx + "]: analytic " + a + ", finite difference " + fd);
            }
        }
        assertThat(skipped).as("perturbations that changed routing").isLessThan(5);
        return failures;
    }
}
