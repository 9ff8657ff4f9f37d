package org.flowcoin.moe.gguf;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor entry of a GGUF file: name, dimensions in ggml order ({@code ne[0]} innermost, so a
 * row-major {@code [rows, cols]} matrix has {@code ne = [cols, rows]}), ggml type, and byte offset
 * relative to the start of the data section.
 *
 * <pre>{@code
 * GgufTensorInfo t = file.tensor("token_embd.weight");
 * long cols = t.ne(0), rows = t.ne(1);
 * }</pre>
 */
public final class GgufTensorInfo {
    /** Longest tensor name ggml accepts ({@code GGML_MAX_NAME} - 1). */
    public static final int MAX_NAME_BYTES = 63;
    /** Most dimensions ggml supports ({@code GGML_MAX_DIMS}). */
    public static final int MAX_DIMS = 4;

    private final String name;
    private final long[] ne;
    private final GgmlType type;
    private final long offset;

    GgufTensorInfo(String name, long[] ne, GgmlType type, long offset) {
        this.name = Objects.requireNonNull(name, "name");
        this.ne = ne.clone();
        this.type = Objects.requireNonNull(type, "type");
        this.offset = offset;
    }

    public String name() {
        return name;
    }

    /** Number of dimensions (1..4). */
    public int nDims() {
        return ne.length;
    }

    /** Dimension {@code i}, ggml order. */
    public long ne(int i) {
        return ne[i];
    }

    /** All dimensions, ggml order (a copy). */
    public long[] ne() {
        return ne.clone();
    }

    public GgmlType type() {
        return type;
    }

    /** Offset of the data relative to the data section (a multiple of the file's alignment). */
    public long offset() {
        return offset;
    }

    /** Number of elements. */
    public long elementCount() {
        long n = 1;
        for (long d : ne) n = Math.multiplyExact(n, d);
        return n;
    }

    /** Size of the data in bytes. */
    public long byteSize() {
        return Math.multiplyExact(elementCount(), type.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensorInfo t && name.equals(t.name) && Arrays.equals(ne, t.ne) && type == t.type
                && offset == t.offset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(ne), type, offset);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(ne) + " " + type + " @" + offset;
    }
}
