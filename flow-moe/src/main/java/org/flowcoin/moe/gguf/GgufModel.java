package org.flowcoin.moe.gguf;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.TensorInfo;
import org.flowcoin.primitives.ModelDims;

/**
 * Model files: a {@link ModelWeights} as GGUF v3 and back.
 *
 * <p>Metadata: {@code general.architecture = "flowcoin-moe"} and the six dimensions as UINT32 under
 * {@code flowcoin-moe.d_model, .n_layers, .d_expert, .n_heads, .n_kv_heads, .n_experts}. Tensors:
 * the configuration's canonical list, in canonical order, F32, shapes in ggml order (reversed), so a
 * matrix {@code [out, in]} is {@code ne = [in, out]}; default alignment 32.
 *
 * <pre>{@code
 * GgufModel.write(weights, Path.of("m.gguf"));
 * try (GgufFile f = GgufFile.open(Path.of("m.gguf"))) {
 *     ModelWeights w = GgufModel.weights(f);   // mapped, valid until f is closed
 * }
 * }</pre>
 */
public final class GgufModel {
    public static final String ARCHITECTURE = "flowcoin-moe";
    public static final String KEY_ARCH = "general.architecture";
    public static final String KEY_D_MODEL = ARCHITECTURE + ".d_model";
    public static final String KEY_N_LAYERS = ARCHITECTURE + ".n_layers";
    public static final String KEY_D_EXPERT = ARCHITECTURE + ".d_expert";
    public static final String KEY_N_HEADS = ARCHITECTURE + ".n_heads";
    public static final String KEY_N_KV_HEADS = ARCHITECTURE + ".n_kv_heads";
    public static final String KEY_N_EXPERTS = ARCHITECTURE + ".n_experts";

    private GgufModel() {}

    /** The writer for {@code w} (callers may add metadata before writing). */
    public static GgufWriter writer(ModelWeights w) {
        ModelDims d = w.config().dims();
        GgufWriter g = new GgufWriter();
        g.put(KEY_ARCH, GgufValue.string(ARCHITECTURE));
        g.put(KEY_D_MODEL, GgufValue.u32(d.dModel()));
        g.put(KEY_N_LAYERS, GgufValue.u32(d.nLayers()));
        g.put(KEY_D_EXPERT, GgufValue.u32(d.dFf()));
        g.put(KEY_N_HEADS, GgufValue.u32(d.nHeads()));
        g.put(KEY_N_KV_HEADS, GgufValue.u32(d.nKvHeads()));
        g.put(KEY_N_EXPERTS, GgufValue.u32(d.nExperts()));
        List<TensorInfo> ts = w.layout().tensors();
        for (int i = 0; i < ts.size(); i++) {
            g.addTensor(ts.get(i).name(), GgmlType.F32, ggmlShape(ts.get(i)), w.tensor(i));
        }
        return g;
    }

    /** Writes {@code w} to {@code path}. */
    public static void write(ModelWeights w, Path path) throws IOException {
        writer(w).write(path);
    }

    /** The ggml-order shape of a tensor (its shape reversed). */
    public static long[] ggmlShape(TensorInfo t) {
        long[] s = t.shape();
        long[] ne = new long[s.length];
        for (int i = 0; i < s.length; i++) ne[i] = s[s.length - 1 - i];
        return ne;
    }

    /**
     * The configuration stored in a file's metadata.
     *
     * @throws GgufFormatException if the architecture or a dimension is missing, mistyped or invalid
     */
    public static ModelConfig config(GgufFile f) throws GgufFormatException {
        GgufValue arch = f.metadata().get(KEY_ARCH);
        if (arch == null || arch.type() != GgufType.STRING || !ARCHITECTURE.equals(arch.asString())) {
            throw new GgufFormatException("not a " + ARCHITECTURE + " model (general.architecture)");
        }
        try {
            return new ModelConfig(new ModelDims(dim(f, KEY_D_MODEL), dim(f, KEY_N_LAYERS), dim(f, KEY_D_EXPERT),
                    dim(f, KEY_N_HEADS), dim(f, KEY_N_KV_HEADS), dim(f, KEY_N_EXPERTS)));
        } catch (IllegalArgumentException e) {
            throw new GgufFormatException("invalid model dimensions: " + e.getMessage(), e);
        }
    }

    private static int dim(GgufFile f, String key) throws GgufFormatException {
        GgufValue v = f.metadata().get(key);
        if (v == null || v.type() != GgufType.UINT32) throw new GgufFormatException(key + " missing or not UINT32");
        long x = v.asLong();
        if (x < 1 || x > Integer.MAX_VALUE) throw new GgufFormatException(key + " out of range: " + x);
        return (int) x;
    }

    /**
     * The model in a file, as segments of the mapped file (no copy; valid while {@code f} is open).
     *
     * @throws GgufFormatException if the tensors differ from the canonical list of the stored
     *     configuration (names, order, shapes, type F32)
     */
    public static ModelWeights weights(GgufFile f) throws GgufFormatException {
        ModelConfig c = config(f);
        List<TensorInfo> want = c.layout().tensors();
        List<GgufTensorInfo> have = f.tensors();
        if (have.size() != want.size()) throw new GgufFormatException("expected " + want.size() + " tensors, file has " + have.size());
        List<MemorySegment> segs = new ArrayList<>(want.size());
        for (int i = 0; i < want.size(); i++) {
            TensorInfo w = want.get(i);
            GgufTensorInfo h = have.get(i);
            if (!h.name().equals(w.name()) || h.type() != GgmlType.F32 || !java.util.Arrays.equals(h.ne(), ggmlShape(w))) {
                throw new GgufFormatException("tensor " + i + " is " + h + ", expected " + w.name() + " F32 " + java.util.Arrays.toString(ggmlShape(w)));
            }
            segs.add(f.tensorData(h));
        }
        return ModelWeights.of(c, segs);
    }
}
