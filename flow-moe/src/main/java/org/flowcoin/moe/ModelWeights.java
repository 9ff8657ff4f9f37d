package org.flowcoin.moe;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The weights of one model: one float32 little-endian {@link MemorySegment} per tensor, in the
 * canonical order of the configuration's {@link ModelLayout}. A segment may live on the heap (small
 * models, tests), in native memory, or in a memory-mapped GGUF file (no copy).
 *
 * <p>The segments are shared, not copied: writing into them (delta application, training) changes
 * this object. Use {@link #copy(Arena)} or {@link #copy()} for an independent copy. The Vector API
 * evaluator reads native (and mapped) segments at full speed; heap segments are read by the scalar
 * kernels (same bits, slower).
 *
 * <pre>{@code
 * ModelWeights w = ModelInit.init(ModelConfig.tiny(), "test");
 * float x = w.get(w.layout().tensor("output_norm.weight").offset());
 * MemorySegment q0 = w.tensor("blk.0.attn_q.weight");
 * }</pre>
 */
public final class ModelWeights {
    /** Element layout of every tensor: float32, little-endian, no alignment requirement. */
    public static final ValueLayout.OfFloat FLOAT_LE =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final ModelConfig config;
    private final ModelLayout layout;
    private final MemorySegment[] tensors;

    private ModelWeights(ModelConfig config, MemorySegment[] tensors) {
        this.config = config;
        this.layout = config.layout();
        this.tensors = tensors;
    }

    /**
     * Wraps existing segments (no copy), one per tensor in canonical order.
     *
     * @throws IllegalArgumentException if the count or a segment's byte size does not match the layout
     */
    public static ModelWeights of(ModelConfig config, List<MemorySegment> tensors) {
        ModelLayout layout = config.layout();
        if (tensors.size() != layout.size()) {
            throw new IllegalArgumentException("expected " + layout.size() + " tensors, got " + tensors.size());
        }
        MemorySegment[] a = new MemorySegment[tensors.size()];
        for (int i = 0; i < a.length; i++) {
            MemorySegment s = Objects.requireNonNull(tensors.get(i), "tensor segment");
            TensorInfo t = layout.tensors().get(i);
            if (s.byteSize() != t.byteSize()) {
                throw new IllegalArgumentException("tensor " + t.name() + ": " + s.byteSize() + " bytes, expected " + t.byteSize());
            }
            a[i] = s;
        }
        return new ModelWeights(config, a);
    }

    /**
     * An all-zero model in garbage-collected native memory ({@link Arena#ofAuto()}). Native memory
     * rather than Java arrays because the Vector API reads native segments at full speed.
     */
    public static ModelWeights zeros(ModelConfig config) {
        return zeros(config, Arena.ofAuto());
    }

    /** An all-zero model in native memory owned by {@code arena}. */
    public static ModelWeights zeros(ModelConfig config, Arena arena) {
        List<MemorySegment> segs = new ArrayList<>();
        for (TensorInfo t : config.layout().tensors()) {
            segs.add(arena.allocate(t.byteSize(), 64)); // zero-filled by the arena
        }
        return of(config, segs);
    }

    public ModelConfig config() {
        return config;
    }

    public ModelLayout layout() {
        return layout;
    }

    /** Segment of the tensor at canonical position {@code index} (shared, not a copy). */
    public MemorySegment tensor(int index) {
        return tensors[index];
    }

    /** Segment of the tensor called {@code name} (shared, not a copy). */
    public MemorySegment tensor(String name) {
        return tensors[layout.indexOf(name)];
    }

    /** All tensor segments in canonical order (shared segments, new list). */
    public List<MemorySegment> tensors() {
        return List.of(tensors);
    }

    /** Element {@code i} of tensor {@code tensorIndex}. */
    public float get(int tensorIndex, long i) {
        return tensors[tensorIndex].getAtIndex(FLOAT_LE, i);
    }

    /** Sets element {@code i} of tensor {@code tensorIndex}. */
    public void set(int tensorIndex, long i, float v) {
        tensors[tensorIndex].setAtIndex(FLOAT_LE, i, v);
    }

    /** Parameter at {@code flatIndex} in the canonical flat order. */
    public float get(long flatIndex) {
        int t = tensorOf(flatIndex);
        return get(t, flatIndex - layout.tensors().get(t).offset());
    }

    /** Sets the parameter at {@code flatIndex} in the canonical flat order. */
    public void set(long flatIndex, float v) {
        int t = tensorOf(flatIndex);
        set(t, flatIndex - layout.tensors().get(t).offset(), v);
    }

    /** Position (canonical) of the tensor holding flat index {@code flatIndex}. */
    public int tensorOf(long flatIndex) {
        if (flatIndex < 0 || flatIndex >= layout.parameterCount()) {
            throw new IndexOutOfBoundsException("flat index " + flatIndex + " outside [0, " + layout.parameterCount() + ")");
        }
        List<TensorInfo> ts = layout.tensors();
        int lo = 0, hi = ts.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (ts.get(mid).offset() <= flatIndex) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    /** An independent copy in native memory owned by {@code arena}. */
    public ModelWeights copy(Arena arena) {
        List<MemorySegment> segs = new ArrayList<>();
        for (MemorySegment s : tensors) {
            MemorySegment c = arena.allocate(s.byteSize(), 64);
            c.copyFrom(s);
            segs.add(c);
        }
        return of(config, segs);
    }

    /** An independent copy in garbage-collected native memory. */
    public ModelWeights copy() {
        return copy(Arena.ofAuto());
    }

    /** True when every parameter of both models has the same bit pattern. */
    public boolean bitEquals(ModelWeights o) {
        if (!config.equals(o.config)) return false;
        for (int i = 0; i < tensors.length; i++) {
            if (tensors[i].mismatch(o.tensors[i]) != -1) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return "ModelWeights[" + config.dims() + "]";
    }
}
