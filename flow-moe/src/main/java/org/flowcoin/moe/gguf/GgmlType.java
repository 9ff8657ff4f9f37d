package org.flowcoin.moe.gguf;

/**
 * The tensor element types this SDK reads and writes in GGUF: the plain (non-quantised) ggml types,
 * with their {@code enum ggml_type} ids and element sizes.
 *
 * <pre>{@code
 * GgmlType t = GgmlType.fromId(0);   // F32, 4 bytes
 * }</pre>
 */
public enum GgmlType {
    F32(0, 4), F16(1, 2), I8(24, 1), I16(25, 2), I32(26, 4), I64(27, 8), F64(28, 8), BF16(30, 2);

    private final int id;
    private final int size;

    GgmlType(int id, int size) {
        this.id = id;
        this.size = size;
    }

    public int id() {
        return id;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /**
     * The type with ggml id {@code id}.
     *
     * @throws GgufFormatException for a quantised or unknown type
     */
    public static GgmlType fromId(long id) throws GgufFormatException {
        for (GgmlType t : values()) if (t.id == id) return t;
        throw new GgufFormatException("unsupported ggml tensor type " + id);
    }
}
