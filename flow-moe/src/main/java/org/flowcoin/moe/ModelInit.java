package org.flowcoin.moe;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.flowcoin.crypto.Keccak;

/**
 * The deterministic initialisation of docs/spec/model.md ("Initialisation"): every parameter is a
 * Keccak-512 counter-mode stream keyed by (seed, tensor name), mapped to a float in [-1, 1) by an
 * exact formula and multiplied by the tensor's scale; norm gains are 1.
 *
 * <pre>{@code
 * ModelWeights genesis = ModelInit.init(ModelConfig.genesis(), ModelInit.GENESIS_SEED);
 * }</pre>
 */
public final class ModelInit {
    /** The seed of the network's genesis model. */
    public static final String GENESIS_SEED = "FlowCoin genesis v1";
    /** Domain separation prefix of the stream key. */
    public static final String DOMAIN = "flowcoin/moe/init/v1";

    private ModelInit() {}

    /** Initialises a model in garbage-collected native memory from a UTF-8 seed string. */
    public static ModelWeights init(ModelConfig config, String seed) {
        return init(config, seed.getBytes(StandardCharsets.UTF_8));
    }

    /** Initialises a model in garbage-collected native memory. */
    public static ModelWeights init(ModelConfig config, byte[] seed) {
        ModelWeights w = ModelWeights.zeros(config);
        fillAll(w, seed);
        return w;
    }

    /** Initialises a model in native memory owned by {@code arena}. */
    public static ModelWeights init(ModelConfig config, byte[] seed, Arena arena) {
        ModelWeights w = ModelWeights.zeros(config, arena);
        fillAll(w, seed);
        return w;
    }

    private static void fillAll(ModelWeights w, byte[] seed) {
        ModelLayout layout = w.layout();
        IntStream.range(0, layout.size()).parallel().forEach(i -> {
            TensorInfo t = layout.tensors().get(i);
            MemorySegment seg = w.tensor(i);
            if (isNorm(t.name())) {
                for (long j = 0; j < t.count(); j++) seg.setAtIndex(ModelWeights.FLOAT_LE, j, 1f);
            } else {
                Stream s = new Stream(seed, t.name());
                float scale = scale(w.config(), t.name());
                for (long j = 0; j < t.count(); j++) seg.setAtIndex(ModelWeights.FLOAT_LE, j, s.uniform(j) * scale);
            }
        });
    }

    static boolean isNorm(String name) {
        return name.endsWith("norm.weight");
    }

    /**
     * The scale of a tensor: (float) (1 / sqrt(fan_in)) with fan_in the length of the rows it
     * multiplies (d_model, n_heads*64, d_model/2 or d_expert); norm gains have no scale (they are 1).
     */
    public static float scale(ModelConfig c, String tensorName) {
        String suffix = tensorName.startsWith("blk.") ? tensorName.substring(tensorName.indexOf('.', 4) + 1) : tensorName;
        int fanIn = switch (suffix) {
            case "token_embd.weight", "attn_q.weight", "attn_k.weight", "attn_v.weight",
                 "ffn_gate_exps.weight", "ffn_up_exps.weight" -> c.dModel();
            case "attn_output.weight" -> c.qDim();
            case "ffn_pk_a.weight", "ffn_pk_b.weight" -> c.dModel() / 2;
            case "ffn_down_exps.weight" -> c.dExpert();
            default -> throw new IllegalArgumentException("no scale for " + tensorName);
        };
        return (float) (1.0 / Math.sqrt(fanIn));
    }

    /**
     * The uniform value of element {@code index} of the stream keyed by (seed, tensor name), in
     * [-1, 1) with 24 random bits; see model.md.
     */
    public static float uniform(byte[] seed, String tensorName, long index) {
        return new Stream(seed, tensorName).uniform(index);
    }

    /** Keccak-512(key || u64le(block)), 16 little-endian u32 words per block, cached per block. */
    static final class Stream {
        private final byte[] msg;
        private final int ctrAt;
        private long block = -1;
        private byte[] out;

        Stream(byte[] seed, String tensorName) {
            byte[] dom = DOMAIN.getBytes(StandardCharsets.UTF_8);
            byte[] name = tensorName.getBytes(StandardCharsets.UTF_8);
            msg = new byte[dom.length + 1 + seed.length + 1 + name.length + 1 + 8];
            int o = 0;
            System.arraycopy(dom, 0, msg, o, dom.length);
            o += dom.length + 1;
            System.arraycopy(seed, 0, msg, o, seed.length);
            o += seed.length + 1;
            System.arraycopy(name, 0, msg, o, name.length);
            o += name.length + 1;
            ctrAt = o;
        }

        float uniform(long index) {
            long b = index >>> 4;
            if (b != block) {
                for (int i = 0; i < 8; i++) msg[ctrAt + i] = (byte) (b >>> (8 * i));
                out = Keccak.keccak512(msg);
                block = b;
            }
            int k = (int) (index & 15) * 4;
            int word = (out[k] & 0xff) | (out[k + 1] & 0xff) << 8 | (out[k + 2] & 0xff) << 16 | (out[k + 3] & 0xff) << 24;
            return ((word >>> 8) - 8388608) * 0x1p-23f;
        }
    }
}
