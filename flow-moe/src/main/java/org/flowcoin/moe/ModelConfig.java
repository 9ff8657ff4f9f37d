package org.flowcoin.moe;

import java.util.Locale;
import java.util.Objects;
import org.flowcoin.primitives.ModelDims;

/**
 * The MoE transformer configuration: the six header dimensions plus the constants fixed by the
 * protocol (byte vocabulary, head width, rotary base, RMSNorm epsilon, top-2 routing). See
 * {@code docs/spec/model.md}.
 *
 * <pre>{@code
 * ModelConfig c = ModelConfig.genesis();
 * long params = c.parameterCount();   // 56,131,072 ... see model.md
 * }</pre>
 *
 * @param dims the header dimensions (d_model, n_layers, d_expert, n_heads, n_kv_heads, n_experts)
 */
public record ModelConfig(ModelDims dims) {
    /** Byte vocabulary. */
    public static final int VOCAB = 256;
    /** Attention head width. */
    public static final int HEAD_DIM = ModelDims.HEAD_DIM;
    /** Experts run per token per layer. */
    public static final int TOP_K = 2;
    /** Rotary base theta. */
    public static final double ROPE_THETA = 10000.0;
    /** RMSNorm epsilon, added to the mean square in float32. */
    public static final float RMS_EPS = 1e-5f;

    public ModelConfig {
        Objects.requireNonNull(dims, "dims");
        if (dims.nExperts() < 4) throw new IllegalArgumentException("top-2 product-key routing needs n_experts >= 4");
    }

    /** Fast-test preset: d 64, 2 layers, d_expert 16, 1 head, 1 kv head, 16 experts. */
    public static ModelConfig tiny() {
        return new ModelConfig(new ModelDims(64, 2, 16, 1, 1, 16));
    }

    /** Genesis preset: d 512, 8 layers, d_expert 4, 8 heads, 2 kv heads, 1024 experts. */
    public static ModelConfig genesis() {
        return new ModelConfig(new ModelDims(512, 8, 4, 8, 2, 1024));
    }

    /**
     * A preset by name.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static ModelConfig preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tiny" -> tiny();
            case "genesis" -> genesis();
            default -> throw new IllegalArgumentException("unknown model preset: " + name);
        };
    }

    public int dModel() {
        return dims.dModel();
    }

    public int nLayers() {
        return dims.nLayers();
    }

    /** Hidden width of one SwiGLU expert (the header's d_ff). */
    public int dExpert() {
        return dims.dFf();
    }

    public int nHeads() {
        return dims.nHeads();
    }

    public int nKvHeads() {
        return dims.nKvHeads();
    }

    public int nExperts() {
        return dims.nExperts();
    }

    /** sqrt(n_experts): sub-keys per query half. */
    public int subKeys() {
        return dims.subKeysPerHalf();
    }

    /** Width of the query projection, n_heads * 64 (equals d_model). */
    public int qDim() {
        return nHeads() * HEAD_DIM;
    }

    /** Width of the key and value projections, n_kv_heads * 64. */
    public int kvDim() {
        return nKvHeads() * HEAD_DIM;
    }

    /** The tensors of this configuration in canonical order. */
    public ModelLayout layout() {
        return ModelLayout.of(this);
    }

    /** Number of float32 parameters. */
    public long parameterCount() {
        long d = dModel();
        long perLayer = 2 * d                                   // attn_norm, ffn_norm
                + (long) qDim() * d * 2                         // attn_q, attn_output
                + (long) kvDim() * d * 2                        // attn_k, attn_v
                + 2L * subKeys() * (d / 2)                      // product sub-keys, both halves
                + 3L * nExperts() * dExpert() * d;              // gate, up, down of every expert
        return (long) VOCAB * d + d + perLayer * nLayers();
    }

    /** Bytes of the weights in float32. */
    public long byteSize() {
        return parameterCount() * Float.BYTES;
    }
}
