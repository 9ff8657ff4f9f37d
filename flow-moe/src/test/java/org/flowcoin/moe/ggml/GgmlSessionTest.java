package org.flowcoin.moe.ggml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.junit.jupiter.api.Test;

/** The key/value-cached session against whole-text evaluation. */
class GgmlSessionTest {
    private static void assertClose(float[] got, int gotRow, float[] want, int wantRow, String what) {
        for (int j = 0; j < ModelConfig.VOCAB; j++) {
            float a = got[gotRow * ModelConfig.VOCAB + j], b = want[wantRow * ModelConfig.VOCAB + j];
            assertThat((double) a).as(what + " logit " + j).isCloseTo(b, org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(b))));
        }
    }

    @Test
    void appendedBytesGetTheLogitsOfWholeTextEvaluation() {
        GgmlTestSupport.ggml();
        for (String config : new String[] {"tiny", "genesis"}) {
            ModelWeights w = ModelInit.init(ModelConfig.preset(config), "session");
            byte[] text = GgmlTestSupport.sequences(1, 40, 5).getFirst();
            GgmlEvaluator ev = new GgmlEvaluator(1);
            float[] full = ev.logits(w, text);
            try (GgmlSession s = ev.session(w, 64)) {
                float[] prefill = s.append(Arrays.copyOf(text, 24));            // several bytes at once
                for (int i = 0; i < 24; i++) assertClose(prefill, i, full, i, config + " prefill " + i);
                for (int i = 24; i < text.length; i++) {                        // then one at a time
                    float[] z = s.append(new byte[] {text[i]});
                    assertThat(z).hasSize(ModelConfig.VOCAB);
                    assertClose(z, 0, full, i, config + " step " + i);
                }
                assertThat(s.position()).isEqualTo(text.length);
                s.reset();
                assertClose(s.append(Arrays.copyOf(text, 3)), 2, full, 2, config + " after reset");
            }
        }
    }

    @Test
    void refusesToOverflowAndEmptyAppends() {
        GgmlTestSupport.ggml();
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "session");
        try (GgmlSession s = new GgmlEvaluator(1).session(w, 4)) {
            s.append(new byte[] {1, 2, 3});
            assertThatThrownBy(() -> s.append(new byte[] {4, 5})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds 4");
            assertThatThrownBy(() -> s.append(new byte[0])).isInstanceOf(IllegalArgumentException.class);
            assertThat(s.append(new byte[] {4})).hasSize(ModelConfig.VOCAB);
            assertThat(s.position()).isEqualTo(4);
        }
        assertThatThrownBy(() -> new GgmlEvaluator(1).session(w, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generationWithTheCacheFollowsWholeWindowLogits() {
        GgmlTestSupport.ggml();
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "gen");
        byte[] prompt = "the of".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        GgmlEvaluator ev = new GgmlEvaluator(1);
        // Window 16: the first 10 bytes use the cache, the rest slide the window.
        byte[] out = new TextGenerator(ev, 16).generate(w, prompt, 20, 0f, 1);
        byte[] text = prompt;
        for (int i = 0; i < out.length; i++) {
            byte[] win = Arrays.copyOfRange(text, Math.max(0, text.length - 16), text.length);
            float[] z = ev.logits(w, win);
            int row = (win.length - 1) * ModelConfig.VOCAB;
            int best = 0;
            for (int j = 1; j < ModelConfig.VOCAB; j++) if (z[row + j] > z[row + best]) best = j;
            float margin = z[row + best] - z[row + (out[i] & 0xff)];
            // Greedy choice of the whole-window logits, up to near-ties within ggml's rounding.
            assertThat(margin).as("byte " + i).isLessThanOrEqualTo(1e-4f * Math.max(1, Math.abs(z[row + best])));
            text = Arrays.copyOf(text, text.length + 1);
            text[text.length - 1] = out[i];
        }
    }
}
