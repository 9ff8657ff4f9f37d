package org.flowcoin.moe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.GrowthSchedule;
import org.flowcoin.primitives.ModelDims;
import org.junit.jupiter.api.Test;

class LayoutTest {
    @Test
    void parameterCountsOfTheSpecTable() {
        assertThat(ModelConfig.tiny().parameterCount()).isEqualTo(148_288);
        assertThat(ModelConfig.genesis().parameterCount()).isEqualTo(55_845_376);
        assertThat(ModelConfig.genesis().byteSize()).isEqualTo(223_381_504L).isLessThanOrEqualTo(256L << 20);
        // d_expert = 5 would not fit in 256 MB.
        assertThat(new ModelConfig(new ModelDims(512, 8, 5, 8, 2, 1024)).byteSize()).isEqualTo(273_713_152L).isGreaterThan(256L << 20);
        GrowthSchedule g = ChainParams.mainnet().growthSchedule();
        assertThat(new ModelConfig(g.dimsAt(512)).parameterCount()).isEqualTo(359_711_744L);
        assertThat(new ModelConfig(g.dimsAt(3072)).parameterCount()).isEqualTo(19_390_579_712L);
    }

    @Test
    void layoutIsContiguousInCanonicalOrder() {
        for (ModelConfig c : List.of(ModelConfig.tiny(), ModelConfig.genesis())) {
            ModelLayout l = c.layout();
            assertThat(l.size()).isEqualTo(2 + c.nLayers() * ModelLayout.TENSORS_PER_LAYER);
            long off = 0;
            for (TensorInfo t : l.tensors()) {
                assertThat(t.offset()).isEqualTo(off);
                assertThat(t.count() % 8).isZero(); // 32-byte multiples
                off += t.count();
            }
            assertThat(off).isEqualTo(c.parameterCount()).isEqualTo(l.parameterCount());
            assertThat(l.tensors().get(0).name()).isEqualTo("token_embd.weight");
            assertThat(l.tensors().get(l.size() - 1).name()).isEqualTo("output_norm.weight");
            assertThat(l.tensors().get(1).name()).isEqualTo("blk.0.attn_norm.weight");
            assertThat(l.tensor("blk.1.ffn_down_exps.weight").shape()).containsExactly(c.nExperts(), c.dModel(), c.dExpert());
            assertThat(l.indexOf(1, "attn_q.weight")).isEqualTo(1 + ModelLayout.TENSORS_PER_LAYER + 1);
        }
        assertThatThrownBy(() -> ModelConfig.tiny().layout().tensor("nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelConfig.preset("huge")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelConfig(new ModelDims(64, 1, 4, 1, 1, 1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void weightsAccessByFlatIndex() {
        ModelWeights w = ModelWeights.zeros(ModelConfig.tiny());
        ModelLayout l = w.layout();
        for (TensorInfo t : l.tensors()) {
            w.set(t.offset(), 1.5f);
            w.set(t.offset() + t.count() - 1, -2f);
        }
        for (int i = 0; i < l.size(); i++) {
            TensorInfo t = l.tensors().get(i);
            assertThat(w.tensorOf(t.offset())).isEqualTo(i);
            assertThat(w.tensorOf(t.offset() + t.count() - 1)).isEqualTo(i);
            assertThat(w.get(i, 0)).isEqualTo(1.5f);
            assertThat(w.get(i, t.count() - 1)).isEqualTo(-2f);
        }
        assertThatThrownBy(() -> w.get(l.parameterCount())).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> w.get(-1L)).isInstanceOf(IndexOutOfBoundsException.class);
        ModelWeights c = w.copy();
        assertThat(c.bitEquals(w)).isTrue();
        c.set(5, 1f);
        assertThat(c.bitEquals(w)).isFalse();
        assertThat(w.get(5)).isZero();
    }

    @Test
    void wrapRejectsWrongSegments() {
        ModelConfig c = ModelConfig.tiny();
        List<MemorySegment> segs = new ArrayList<>(ModelWeights.zeros(c).tensors());
        assertThat(ModelWeights.of(c, segs).config()).isEqualTo(c);
        assertThatThrownBy(() -> ModelWeights.of(c, segs.subList(1, segs.size()))).isInstanceOf(IllegalArgumentException.class);
        segs.set(3, MemorySegment.ofArray(new byte[12]));
        assertThatThrownBy(() -> ModelWeights.of(c, segs)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sequencesSplit() {
        assertThat(Sequences.split(new byte[600], 256)).extracting(b -> b.length).containsExactly(256, 256, 88);
        assertThat(Sequences.split(new byte[513], 256)).extracting(b -> b.length).containsExactly(256, 256);
        assertThat(Sequences.split(new byte[1], 256)).isEmpty();
        assertThatThrownBy(() -> Sequences.split(new byte[4], 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
