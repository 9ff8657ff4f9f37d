package org.flowcoin.moe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.GrowthSchedule;
import org.flowcoin.primitives.ModelDims;
import org.junit.jupiter.api.Test;

class ModelGrowthTest {
    static final byte[] SEED = "growth".getBytes(StandardCharsets.UTF_8);
    static final ModelWeights TINY = ModelInit.init(ModelConfig.tiny(), "test");
    static final List<byte[]> DATA = TestData.sequences(4, 80, 3);

    static boolean allZero(ModelWeights w, String name) {
        var s = w.tensor(name);
        for (long i = 0; i < s.byteSize() / 4; i++) if (Float.floatToRawIntBits(s.getAtIndex(ModelWeights.FLOAT_LE, i)) != 0) return false;
        return true;
    }

    @Test
    void newLayerIsTheIdentity() {
        ModelDims to = new ModelDims(64, 3, 16, 1, 1, 16);
        ModelWeights g = ModelGrowth.grow(TINY, to, SEED);
        assertThat(allZero(g, "blk.2.attn_output.weight")).isTrue();
        assertThat(allZero(g, "blk.2.ffn_down_exps.weight")).isTrue();
        assertThat(allZero(g, "blk.2.attn_q.weight")).isFalse();
        assertThat(allZero(g, "blk.2.ffn_gate_exps.weight")).isFalse();
        assertThat(g.get(g.layout().indexOf("blk.2.ffn_norm.weight"), 7)).isEqualTo(1f);
        for (byte[] seq : DATA) {
            float[] a = Evaluators.vector(1).logits(TINY, seq), b = Evaluators.vector(1).logits(g, seq);
            assertThat(b).containsExactly(a);
        }
        assertThat(Evaluators.reference(1).evaluate(g, DATA).lossBits()).isEqualTo(Evaluators.reference(1).evaluate(TINY, DATA).lossBits());
        // old tensors unchanged
        assertThat(g.tensor("blk.1.attn_q.weight").mismatch(TINY.tensor("blk.1.attn_q.weight"))).isEqualTo(-1);
    }

    @Test
    void newExpertsOutputZeroAndOldOnesMove() {
        ModelDims to = new ModelDims(64, 2, 16, 1, 1, 64);
        ModelWeights g = ModelGrowth.grow(TINY, to, SEED);
        int d = 64, dE = 16;
        for (int l = 0; l < 2; l++) {
            var oldGate = TINY.tensor("blk." + l + ".ffn_gate_exps.weight");
            var newGate = g.tensor("blk." + l + ".ffn_gate_exps.weight");
            var newDown = g.tensor("blk." + l + ".ffn_down_exps.weight");
            var oldDown = TINY.tensor("blk." + l + ".ffn_down_exps.weight");
            for (int e = 0; e < 64; e++) {
                int i = e / 8, j = e % 8;
                long slice = 4L * dE * d;
                if (i < 4 && j < 4) {
                    int oe = i * 4 + j;
                    assertThat(newGate.asSlice(e * slice, slice).mismatch(oldGate.asSlice(oe * slice, slice))).isEqualTo(-1);
                    assertThat(newDown.asSlice(e * slice, slice).mismatch(oldDown.asSlice(oe * slice, slice))).isEqualTo(-1);
                } else {
                    for (long k = 0; k < slice / 4; k++) assertThat(newDown.getAtIndex(ModelWeights.FLOAT_LE, e * slice / 4 + k)).isZero();
                    assertThat(newGate.getAtIndex(ModelWeights.FLOAT_LE, e * slice / 4)).isNotZero();
                }
            }
            // sub-keys: old rows kept, new rows random
            var pa = g.tensor("blk." + l + ".ffn_pk_a.weight");
            assertThat(pa.asSlice(0, 4L * 4 * 32).mismatch(TINY.tensor("blk." + l + ".ffn_pk_a.weight"))).isEqualTo(-1);
            assertThat(pa.getAtIndex(ModelWeights.FLOAT_LE, 4 * 32)).isNotZero();
        }
        // Zero output of every new expert on a random input, through the real expert kernel.
        assertThat(org.flowcoin.moe.internal.GrowthProbe.maxAbsExpertOutput(g, 0, e -> e / 8 >= 4 || e % 8 >= 4)).isZero();
        assertThat(org.flowcoin.moe.internal.GrowthProbe.maxAbsExpertOutput(g, 0, e -> e / 8 < 4 && e % 8 < 4)).isPositive();
        float loss = Evaluators.vector(1).meanLoss(g, DATA);
        assertThat(Float.isFinite(loss)).isTrue();
    }

    @Test
    void widerModelKeepsOldValuesAndZeroFillsNewOnes() {
        ModelDims to = new ModelDims(128, 2, 16, 2, 1, 16);
        ModelWeights g = ModelGrowth.grow(TINY, to, SEED);
        var q = g.tensor("blk.0.attn_q.weight");
        var oq = TINY.tensor("blk.0.attn_q.weight");
        for (int r = 0; r < 128; r++) {
            for (int c = 0; c < 128; c++) {
                float v = q.getAtIndex(ModelWeights.FLOAT_LE, r * 128L + c);
                if (r < 64 && c < 64) assertThat(v).isEqualTo(oq.getAtIndex(ModelWeights.FLOAT_LE, r * 64L + c));
                else assertThat(v).isZero();
            }
        }
        assertThat(g.get(g.layout().indexOf("output_norm.weight"), 100)).isEqualTo(1f);
        assertThat(allZero(g, "blk.1.attn_q.weight")).isFalse();
        float loss = Evaluators.vector(1).meanLoss(g, DATA);
        assertThat(Float.isFinite(loss)).isTrue();
    }

    @Test
    void growthIsDeterministicAndFollowsTheRegtestSchedule() {
        GrowthSchedule s = ChainParams.regtest().growthSchedule();
        assertThat(s.genesis()).isEqualTo(ModelConfig.tiny().dims());
        ModelWeights m = TINY;
        for (GrowthSchedule.Step step : s.steps()) m = ModelGrowth.grow(m, step.dims(), SEED);
        ModelWeights again = TINY;
        for (GrowthSchedule.Step step : s.steps()) again = ModelGrowth.grow(again, step.dims(), SEED);
        assertThat(m.config().dims()).isEqualTo(s.dimsAt(1_000));
        assertThat(m.bitEquals(again)).isTrue();
        assertThat(Evaluators.vector(2).evaluate(m, DATA).lossBits()).isEqualTo(Evaluators.reference(1).evaluate(again, DATA).lossBits());
        ModelWeights other = ModelGrowth.grow(TINY, s.dimsAt(1_000), "other".getBytes(StandardCharsets.UTF_8));
        assertThat(other.bitEquals(m)).isFalse();
    }

    @Test
    void rejectsShrinkingAndFixedDims() {
        ModelWeights g = ModelGrowth.grow(TINY, new ModelDims(64, 3, 16, 1, 1, 16), SEED);
        assertThatThrownBy(() -> ModelGrowth.grow(g, TINY.config().dims(), SEED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelGrowth.grow(TINY, new ModelDims(64, 2, 8, 1, 1, 16), SEED)).isInstanceOf(IllegalArgumentException.class);
    }
}
