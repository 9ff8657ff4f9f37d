package org.flowcoin.moe.ggml;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.TensorInfo;
import org.flowcoin.moe.gguf.GgufFormatException;
import org.flowcoin.moe.gguf.GgufModel;
import org.flowcoin.primitives.ModelDims;

/**
 * Loads a model file through ggml's own GGUF reader ({@code gguf_init_from_file}), not the SDK's
 * Java parser: the dims come from ggml's view of the metadata, every tensor is looked up by name in
 * the ggml context ggml filled from the file, and its type, shape and size are checked against the
 * canonical layout before the data is copied into a fresh {@link ModelWeights}. A file that ggml
 * itself cannot open, or whose tensors differ from the layout, is a {@link GgufFormatException}.
 *
 * <pre>{@code
 * ModelWeights w = GgmlGgufLoader.load(Path.of("tip.gguf"));
 * byte[] text = new TextGenerator(new GgmlEvaluator(2), 128).generate(w, "ROMEO:".getBytes(UTF_8), 64, 0.8f, 1);
 * }</pre>
 */
public final class GgmlGgufLoader {
    private static final int GGUF_TYPE_UINT32 = 4;
    private static final int GGUF_TYPE_STRING = 8;

    private GgmlGgufLoader() {}

    /**
     * Opens {@code file} with ggml and returns its weights (a heap-independent native copy).
     *
     * @throws GgufFormatException if ggml rejects the file or it does not hold a FlowCoin MoE model
     * @throws GgmlUnavailableException if the ggml library cannot be loaded on this machine
     */
    public static ModelWeights load(Path file) throws GgufFormatException {
        Ggml g = Ggml.load();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ctxOut = a.allocate(ADDRESS);
            MemorySegment params = a.allocate(Ggml.GGUF_INIT_PARAMS);
            params.set(JAVA_BOOLEAN, 0, false); // no_alloc = false: ggml reads the tensor data too
            params.set(ADDRESS, 8, ctxOut);
            MemorySegment gguf = (MemorySegment) g.ggufInitFromFile.invokeExact(a.allocateFrom(file.toAbsolutePath().toString()), params);
            if (gguf.equals(MemorySegment.NULL)) throw new GgufFormatException("ggml's gguf reader rejected " + file);
            MemorySegment ctx = ctxOut.get(ADDRESS, 0);
            try {
                String arch = string(g, a, gguf, GgufModel.KEY_ARCH);
                if (!GgufModel.ARCHITECTURE.equals(arch)) throw new GgufFormatException("architecture is " + arch + ", expected " + GgufModel.ARCHITECTURE);
                ModelConfig config;
                try {
                    config = new ModelConfig(new ModelDims(u32(g, a, gguf, GgufModel.KEY_D_MODEL), u32(g, a, gguf, GgufModel.KEY_N_LAYERS),
                            u32(g, a, gguf, GgufModel.KEY_D_EXPERT), u32(g, a, gguf, GgufModel.KEY_N_HEADS),
                            u32(g, a, gguf, GgufModel.KEY_N_KV_HEADS), u32(g, a, gguf, GgufModel.KEY_N_EXPERTS)));
                } catch (IllegalArgumentException e) {
                    throw new GgufFormatException("invalid model dims: " + e.getMessage());
                }
                long n = (long) g.ggufGetNTensors.invokeExact(gguf);
                // every layer has tensors of its own: this bounds the layout by what the file holds
                if (config.nLayers() > n) throw new GgufFormatException(config.nLayers() + " layers but only " + n + " tensors");
                List<TensorInfo> want = config.layout().tensors();
                if (n != want.size()) throw new GgufFormatException("expected " + want.size() + " tensors, ggml sees " + n);
                // Every tensor is checked before anything is allocated, so the allocation is bounded by what ggml read from the file.
                MemorySegment[] data = new MemorySegment[want.size()];
                for (int i = 0; i < want.size(); i++) {
                    TensorInfo t = want.get(i);
                    MemorySegment name = a.allocateFrom(t.name());
                    long id = (long) g.ggufFindTensor.invokeExact(gguf, name);
                    if (id != i) throw new GgufFormatException("tensor " + t.name() + " is at " + id + ", expected " + i);
                    if ((int) g.ggufGetTensorType.invokeExact(gguf, id) != Ggml.TYPE_F32) throw new GgufFormatException("tensor " + t.name() + " is not F32");
                    if ((long) g.ggufGetTensorSize.invokeExact(gguf, id) != t.byteSize()) throw new GgufFormatException("tensor " + t.name() + " has the wrong size");
                    MemorySegment ne = ((MemorySegment) g.ggufGetTensorNe.invokeExact(gguf, id)).reinterpret(32);
                    long[] shape = GgufModel.ggmlShape(t);
                    for (int d = 0; d < 4; d++) {
                        if (ne.getAtIndex(JAVA_LONG, d) != (d < shape.length ? shape[d] : 1)) throw new GgufFormatException("tensor " + t.name() + " has the wrong shape");
                    }
                    MemorySegment tensor = (MemorySegment) g.getTensor.invokeExact(ctx, name);
                    if (tensor.equals(MemorySegment.NULL)) throw new GgufFormatException("ggml context lacks tensor " + t.name());
                    data[i] = g.data(tensor);
                    if (data[i].byteSize() != t.byteSize()) throw new GgufFormatException("tensor " + t.name() + " data size differs");
                }
                ModelWeights out = ModelWeights.zeros(config);
                for (int i = 0; i < data.length; i++) out.tensor(i).copyFrom(data[i]);
                return out;
            } finally {
                g.ggufFree.invokeExact(gguf);
                if (!ctx.equals(MemorySegment.NULL)) g.free.invokeExact(ctx);
            }
        } catch (GgufFormatException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("ggml call failed", t);
        }
    }

    private static long key(Ggml g, Arena a, MemorySegment gguf, String key, int type) throws Throwable {
        long k = (long) g.ggufFindKey.invokeExact(gguf, a.allocateFrom(key));
        if (k < 0) throw new GgufFormatException("missing key " + key);
        if ((int) g.ggufGetKvType.invokeExact(gguf, k) != type) throw new GgufFormatException("key " + key + " has the wrong type");
        return k;
    }

    private static int u32(Ggml g, Arena a, MemorySegment gguf, String key) throws Throwable {
        return (int) g.ggufGetValU32.invokeExact(gguf, key(g, a, gguf, key, GGUF_TYPE_UINT32));
    }

    private static String string(Ggml g, Arena a, MemorySegment gguf, String key) throws Throwable {
        MemorySegment s = (MemorySegment) g.ggufGetValStr.invokeExact(gguf, key(g, a, gguf, key, GGUF_TYPE_STRING));
        return s.reinterpret(1 << 16).getString(0);
    }
}
