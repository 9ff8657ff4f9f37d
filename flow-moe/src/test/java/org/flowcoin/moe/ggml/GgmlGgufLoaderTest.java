package org.flowcoin.moe.ggml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.gguf.GgmlType;
import org.flowcoin.moe.gguf.GgufFile;
import org.flowcoin.moe.gguf.GgufFormatException;
import org.flowcoin.moe.gguf.GgufModel;
import org.flowcoin.moe.gguf.GgufValue;
import org.flowcoin.moe.gguf.GgufWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GgmlGgufLoader}: ggml's own reader against the SDK's writer and the SDK's Java reader. */
class GgmlGgufLoaderTest {
    @TempDir
    Path dir;

    @Test
    void loadsWhatTheWriterWroteBitForBitAndAgreesWithTheJavaReader() throws Exception {
        GgmlTestSupport.ggml();
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "loader");
        Path p = dir.resolve("m.gguf");
        GgufModel.write(w, p);
        ModelWeights viaGgml = GgmlGgufLoader.load(p);
        assertThat(viaGgml.config()).isEqualTo(w.config());
        assertThat(viaGgml.bitEquals(w)).isTrue();
        try (GgufFile f = GgufFile.open(p)) {
            assertThat(GgufModel.weights(f).bitEquals(viaGgml)).isTrue();
        }
        // and it is a copy: changing it leaves the written model alone
        viaGgml.set(0, viaGgml.get(0) + 1f);
        assertThat(viaGgml.bitEquals(w)).isFalse();
    }

    @Test
    void ggmlRejectsACorruptFile() throws Exception {
        GgmlTestSupport.ggml();
        Path p = dir.resolve("bad.gguf");
        GgufModel.write(ModelInit.init(ModelConfig.tiny(), "x"), p);
        byte[] b = Files.readAllBytes(p);
        b[0] = 'X';
        Files.write(p, b);
        assertThatThrownBy(() -> GgmlGgufLoader.load(p)).isInstanceOf(GgufFormatException.class).hasMessageContaining("rejected");
        Path cut = dir.resolve("cut.gguf");
        Path good = dir.resolve("good.gguf");
        GgufModel.write(ModelInit.init(ModelConfig.tiny(), "x"), good);
        byte[] whole = Files.readAllBytes(good);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 1000)); // tensor data cut short
        assertThatThrownBy(() -> GgmlGgufLoader.load(cut)).isInstanceOf(GgufFormatException.class);
    }

    @Test
    void rejectsFilesThatAreNotAFlowcoinModel() throws Exception {
        GgmlTestSupport.ggml();
        GgufWriter other = new GgufWriter();
        other.put(GgufModel.KEY_ARCH, GgufValue.string("llama"));
        other.addTensor("f", GgmlType.F32, new long[] {2}, MemorySegment.ofArray(new float[] {1, 2}));
        Path p = dir.resolve("llama.gguf");
        other.write(p);
        assertThatThrownBy(() -> GgmlGgufLoader.load(p)).isInstanceOf(GgufFormatException.class).hasMessageContaining("architecture");

        // right metadata, one tensor too few
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "y");
        GgufWriter g = new GgufWriter();
        g.put(GgufModel.KEY_ARCH, GgufValue.string(GgufModel.ARCHITECTURE));
        var d = w.config().dims();
        g.put(GgufModel.KEY_D_MODEL, GgufValue.u32(d.dModel())).put(GgufModel.KEY_N_LAYERS, GgufValue.u32(d.nLayers()))
                .put(GgufModel.KEY_D_EXPERT, GgufValue.u32(d.dFf())).put(GgufModel.KEY_N_HEADS, GgufValue.u32(d.nHeads()))
                .put(GgufModel.KEY_N_KV_HEADS, GgufValue.u32(d.nKvHeads())).put(GgufModel.KEY_N_EXPERTS, GgufValue.u32(d.nExperts()));
        var ts = w.layout().tensors();
        for (int i = 0; i + 1 < ts.size(); i++) g.addTensor(ts.get(i).name(), GgmlType.F32, GgufModel.ggmlShape(ts.get(i)), w.tensor(i));
        Path q = dir.resolve("short.gguf");
        g.write(q);
        assertThatThrownBy(() -> GgmlGgufLoader.load(q)).isInstanceOf(GgufFormatException.class).hasMessageContaining("tensors");

        // dims that would make a huge layout out of a small file
        GgufWriter big = new GgufWriter();
        big.put(GgufModel.KEY_ARCH, GgufValue.string(GgufModel.ARCHITECTURE));
        big.put(GgufModel.KEY_D_MODEL, GgufValue.u32(64)).put(GgufModel.KEY_N_LAYERS, GgufValue.u32(Integer.MAX_VALUE))
                .put(GgufModel.KEY_D_EXPERT, GgufValue.u32(16)).put(GgufModel.KEY_N_HEADS, GgufValue.u32(1))
                .put(GgufModel.KEY_N_KV_HEADS, GgufValue.u32(1)).put(GgufModel.KEY_N_EXPERTS, GgufValue.u32(16));
        big.addTensor("f", GgmlType.F32, new long[] {2}, MemorySegment.ofArray(new float[] {1, 2}));
        Path bigFile = dir.resolve("big.gguf");
        big.write(bigFile);
        assertThatThrownBy(() -> GgmlGgufLoader.load(bigFile)).isInstanceOf(GgufFormatException.class).hasMessageContaining("layers");
        // and dims that break a structural rule (d_model != 64 n_heads)
        GgufWriter bad = new GgufWriter();
        bad.put(GgufModel.KEY_ARCH, GgufValue.string(GgufModel.ARCHITECTURE));
        bad.put(GgufModel.KEY_D_MODEL, GgufValue.u32(65)).put(GgufModel.KEY_N_LAYERS, GgufValue.u32(1))
                .put(GgufModel.KEY_D_EXPERT, GgufValue.u32(16)).put(GgufModel.KEY_N_HEADS, GgufValue.u32(1))
                .put(GgufModel.KEY_N_KV_HEADS, GgufValue.u32(1)).put(GgufModel.KEY_N_EXPERTS, GgufValue.u32(16));
        Path badFile = dir.resolve("dims.gguf");
        bad.write(badFile);
        assertThatThrownBy(() -> GgmlGgufLoader.load(badFile)).isInstanceOf(GgufFormatException.class).hasMessageContaining("dims");

        // a dims key of the wrong type
        GgufWriter t = new GgufWriter();
        t.put(GgufModel.KEY_ARCH, GgufValue.string(GgufModel.ARCHITECTURE));
        t.put(GgufModel.KEY_D_MODEL, GgufValue.string("64"));
        Path r = dir.resolve("type.gguf");
        t.write(r);
        assertThatThrownBy(() -> GgmlGgufLoader.load(r)).isInstanceOf(GgufFormatException.class).hasMessageContaining("type");
    }
}
