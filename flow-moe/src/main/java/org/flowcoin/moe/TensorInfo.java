package org.flowcoin.moe;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of the model: its name, its shape (outermost dimension first, row-major, so the last
 * dimension is contiguous), and where its elements sit in the canonical flat parameter order.
 *
 * <p>In ggml's notation ({@code ne[0]} innermost) the shape is reversed: a matrix {@code [out, in]}
 * here is a ggml tensor with {@code ne = [in, out]}.
 *
 * <pre>{@code
 * TensorInfo t = ModelConfig.tiny().layout().tensor("blk.0.attn_q.weight");
 * long rows = t.dim(0), cols = t.dim(1);
 * }</pre>
 */
public final class TensorInfo {
    private final String name;
    private final long[] shape;
    private final long offset;
    private final long count;

    /**
     * @param name tensor name (llama.cpp style)
     * @param offset index of the first element in the canonical flat order
     * @param shape dimensions, outermost first; all positive
     */
    public TensorInfo(String name, long offset, long... shape) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = shape.clone();
        if (offset < 0) throw new IllegalArgumentException("negative offset");
        long n = 1;
        for (long s : this.shape) {
            if (s <= 0) throw new IllegalArgumentException("non-positive dimension in " + name);
            n = Math.multiplyExact(n, s);
        }
        this.offset = offset;
        this.count = n;
    }

    public String name() {
        return name;
    }

    /** Dimensions, outermost first (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Dimension {@code i}, outermost first. */
    public long dim(int i) {
        return shape[i];
    }

    /** Index of the first element in the canonical flat parameter order. */
    public long offset() {
        return offset;
    }

    /** Number of elements. */
    public long count() {
        return count;
    }

    /** Size in bytes as float32. */
    public long byteSize() {
        return count * Float.BYTES;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && offset == t.offset && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, offset, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + "@" + offset;
    }
}
