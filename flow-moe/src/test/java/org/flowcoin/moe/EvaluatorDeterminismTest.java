package org.flowcoin.moe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvaluatorDeterminismTest {
    static ModelWeights tiny;
    static List<byte[]> data;

    @BeforeAll
    static void setUp() {
        tiny = ModelInit.init(ModelConfig.tiny(), "test");
        data = TestData.sequences(6, 97, 1);
    }

    @Test
    void zeroModelGivesLn256PerToken() {
        ModelWeights z = ModelWeights.zeros(ModelConfig.tiny());
        LossResult r = Evaluators.reference(1).evaluate(z, data);
        // (float) StrictMath.log(256.0) = 5.5451775f, bits 0x40b17218.
        assertThat(r.lossBitsHex()).isEqualTo("40b17218");
        assertThat(r.loss()).isEqualTo((float) Math.log(256.0));
        assertThat(r.tokens()).isEqualTo(6 * 96);
        float[] logits = Evaluators.reference(1).logits(z, data.get(0));
        for (float f : logits) assertThat(Float.floatToRawIntBits(f)).isZero();
        assertThat(Evaluators.vector(1).evaluate(z, data).lossBitsHex()).isEqualTo("40b17218");
    }

    @Test
    void scalarAndVectorGiveIdenticalBits() {
        assertThat(Evaluators.vectorAvailable()).isTrue();
        LossResult s = Evaluators.reference(1).evaluate(tiny, data);
        LossResult v = Evaluators.vector(1).evaluate(tiny, data);
        assertThat(v.lossBits()).isEqualTo(s.lossBits());
        for (byte[] seq : data) {
            float[] a = Evaluators.reference(1).logits(tiny, seq);
            float[] b = Evaluators.vector(1).logits(tiny, seq);
            for (int i = 0; i < a.length; i++) {
                assertThat(Float.floatToRawIntBits(b[i])).as("logit %d", i).isEqualTo(Float.floatToRawIntBits(a[i]));
            }
        }
        // A random model is far from uniform: the loss is a real value, not ln 256.
        assertThat(s.loss()).isNotEqualTo((float) Math.log(256.0)).isBetween(3f, 9f);
    }

    @Test
    void threadCountDoesNotChangeBits() {
        int bits = Evaluators.reference(1).evaluate(tiny, data).lossBits();
        for (int t : new int[] {2, 3, 8}) {
            assertThat(Evaluators.reference(t).evaluate(tiny, data).lossBits()).isEqualTo(bits);
            assertThat(Evaluators.vector(t).evaluate(tiny, data).lossBits()).isEqualTo(bits);
        }
    }

    @Test
    void differentWeightsOrDataChangeTheLoss() {
        int bits = Evaluators.vector(1).evaluate(tiny, data).lossBits();
        ModelWeights other = tiny.copy();
        other.set(123, other.get(123) + 0.5f);
        assertThat(Evaluators.vector(1).evaluate(other, data).lossBits()).isNotEqualTo(bits);
        List<byte[]> d2 = new ArrayList<>(data);
        d2.set(0, d2.get(0).clone());
        d2.get(0)[50] ^= 1;
        assertThat(Evaluators.vector(1).evaluate(tiny, d2).lossBits()).isNotEqualTo(bits);
    }

    @Test
    void rejectsEmptyInput() {
        assertThatThrownBy(() -> Evaluators.reference(1).evaluate(tiny, List.of(new byte[1], new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Evaluators.reference(1).evaluate(tiny, List.of(new byte[LossEvaluator.MAX_SEQUENCE_LENGTH + 1])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
