package org.flowcoin.moe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The canonical tensor list of a configuration: names, shapes and flat offsets, in the order that
 * defines the canonical flat parameter vector (deltas, model root, GGUF tensor order).
 *
 * <p>Order: {@code token_embd.weight}; then for each layer {@code N} = 0..n_layers-1:
 * {@code blk.N.attn_norm.weight, blk.N.attn_q.weight, blk.N.attn_k.weight, blk.N.attn_v.weight,
 * blk.N.attn_output.weight, blk.N.ffn_norm.weight, blk.N.ffn_pk_a.weight, blk.N.ffn_pk_b.weight,
 * blk.N.ffn_gate_exps.weight, blk.N.ffn_up_exps.weight, blk.N.ffn_down_exps.weight}; then
 * {@code output_norm.weight}. Within a tensor, elements are row-major (last dimension contiguous);
 * the expert tensors have the expert index outermost, so each expert is one contiguous slice.
 *
 * <pre>{@code
 * ModelLayout l = ModelConfig.genesis().layout();
 * for (TensorInfo t : l.tensors()) System.out.println(t);
 * }</pre>
 */
public final class ModelLayout {
    /** Per-layer tensor suffixes in canonical order. */
    public static final List<String> LAYER_TENSORS = List.of(
            "attn_norm.weight", "attn_q.weight", "attn_k.weight", "attn_v.weight", "attn_output.weight",
            "ffn_norm.weight", "ffn_pk_a.weight", "ffn_pk_b.weight",
            "ffn_gate_exps.weight", "ffn_up_exps.weight", "ffn_down_exps.weight");
    /** Number of tensors per layer. */
    public static final int TENSORS_PER_LAYER = LAYER_TENSORS.size();

    private final ModelConfig config;
    private final List<TensorInfo> tensors;
    private final Map<String, Integer> byName;
    private final long parameterCount;

    private ModelLayout(ModelConfig config) {
        this.config = config;
        List<TensorInfo> list = new ArrayList<>();
        long d = config.dModel();
        long[] off = {0};
        java.util.function.BiConsumer<String, long[]> add = (name, shape) -> {
            TensorInfo t = new TensorInfo(name, off[0], shape);
            list.add(t);
            off[0] += t.count();
        };
        add.accept("token_embd.weight", new long[] {ModelConfig.VOCAB, d});
        for (int l = 0; l < config.nLayers(); l++) {
            String p = "blk." + l + ".";
            add.accept(p + "attn_norm.weight", new long[] {d});
            add.accept(p + "attn_q.weight", new long[] {config.qDim(), d});
            add.accept(p + "attn_k.weight", new long[] {config.kvDim(), d});
            add.accept(p + "attn_v.weight", new long[] {config.kvDim(), d});
            add.accept(p + "attn_output.weight", new long[] {d, config.qDim()});
            add.accept(p + "ffn_norm.weight", new long[] {d});
            add.accept(p + "ffn_pk_a.weight", new long[] {config.subKeys(), d / 2});
            add.accept(p + "ffn_pk_b.weight", new long[] {config.subKeys(), d / 2});
            add.accept(p + "ffn_gate_exps.weight", new long[] {config.nExperts(), config.dExpert(), d});
            add.accept(p + "ffn_up_exps.weight", new long[] {config.nExperts(), config.dExpert(), d});
            add.accept(p + "ffn_down_exps.weight", new long[] {config.nExperts(), d, config.dExpert()});
        }
        add.accept("output_norm.weight", new long[] {d});
        this.tensors = Collections.unmodifiableList(list);
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < list.size(); i++) m.put(list.get(i).name(), i);
        this.byName = Map.copyOf(m);
        this.parameterCount = off[0];
    }

    /** The layout of {@code config}. */
    public static ModelLayout of(ModelConfig config) {
        return new ModelLayout(Objects.requireNonNull(config, "config"));
    }

    public ModelConfig config() {
        return config;
    }

    /** Tensors in canonical order (unmodifiable). */
    public List<TensorInfo> tensors() {
        return tensors;
    }

    /** Number of tensors. */
    public int size() {
        return tensors.size();
    }

    /**
     * Position of a tensor in canonical order.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public int indexOf(String name) {
        Integer i = byName.get(name);
        if (i == null) throw new IllegalArgumentException("no tensor named " + name);
        return i;
    }

    /** The tensor called {@code name}. */
    public TensorInfo tensor(String name) {
        return tensors.get(indexOf(name));
    }

    /** Canonical index of layer {@code layer}'s tensor with suffix {@code suffix} (e.g. "attn_q.weight"). */
    public int indexOf(int layer, String suffix) {
        return indexOf("blk." + layer + "." + suffix);
    }

    /** Total float32 parameters (equals {@link ModelConfig#parameterCount()}). */
    public long parameterCount() {
        return parameterCount;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelLayout l && config.equals(l.config);
    }

    @Override
    public int hashCode() {
        return config.hashCode();
    }

    @Override
    public String toString() {
        return "ModelLayout[" + config.dims() + ", " + tensors.size() + " tensors, " + parameterCount + " params]";
    }
}
