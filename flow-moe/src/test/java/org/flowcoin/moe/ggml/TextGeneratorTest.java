package org.flowcoin.moe.ggml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.junit.jupiter.api.Test;

class TextGeneratorTest {
    static final ModelWeights W = ModelInit.init(ModelConfig.tiny(), "gen");
    static final byte[] PROMPT = "the of".getBytes(StandardCharsets.US_ASCII);

    @Test
    void greedyMatchesArgmaxOfReferenceLogits() {
        TextGenerator gen = new TextGenerator(Evaluators.reference(1), 8);
        byte[] out = gen.generate(W, PROMPT, 5, 0f, 1);
        byte[] text = PROMPT.clone();
        for (int i = 0; i < 5; i++) {
            byte[] win = java.util.Arrays.copyOfRange(text, Math.max(0, text.length - 8), text.length);
            float[] z = Evaluators.reference(1).logits(W, win);
            int row = (win.length - 1) * 256, best = 0;
            for (int j = 1; j < 256; j++) if (z[row + j] > z[row + best]) best = j;
            assertThat(out[i] & 0xff).isEqualTo(best);
            text = java.util.Arrays.copyOf(text, text.length + 1);
            text[text.length - 1] = (byte) best;
        }
    }

    @Test
    void sampledOutputDependsOnlyOnSeed() {
        GgmlTestSupport.ggml();
        TextGenerator gen = new TextGenerator(new GgmlEvaluator(1), 16);
        byte[] a = gen.generate(W, PROMPT, 12, 1.0f, 7);
        byte[] b = new TextGenerator(new GgmlEvaluator(2), 16).generate(W, PROMPT, 12, 1.0f, 7);
        byte[] c = gen.generate(W, PROMPT, 12, 1.0f, 8);
        assertThat(a).hasSize(12).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void samplingFollowsTheDistribution() {
        float[] z = new float[256];
        z[10] = 2f;
        z[20] = 1f;
        for (int i = 0; i < 256; i++) if (i != 10 && i != 20) z[i] = -100f;
        SplittableRandom r = new SplittableRandom(3);
        int n10 = 0, n = 20000;
        for (int i = 0; i < n; i++) if (TextGenerator.sample(z, 0, 1f, r) == 10) n10++;
        double p10 = Math.exp(1) / (Math.exp(1) + 1); // 0.731
        assertThat(Math.abs(n10 / (double) n - p10)).isLessThan(0.02);
        assertThat(TextGenerator.sample(z, 0, 0f, r)).isEqualTo(10);
    }

    @Test
    void rejectsBadArguments() {
        TextGenerator gen = new TextGenerator(Evaluators.reference(1), 8);
        assertThatThrownBy(() -> gen.generate(W, new byte[0], 1, 0f, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gen.generate(W, PROMPT, -1, 0f, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gen.generate(W, PROMPT, 1, -1f, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gen.generate(W, PROMPT, 1, Float.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TextGenerator(Evaluators.reference(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
