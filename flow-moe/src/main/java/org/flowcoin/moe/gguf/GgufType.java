package org.flowcoin.moe.gguf;

/**
 * The metadata value types of GGUF v3 ({@code enum gguf_type}), with their on-disk ids.
 *
 * <pre>{@code
 * GgufType t = GgufType.fromId(4);   // UINT32
 * }</pre>
 */
public enum GgufType {
    UINT8(0, 1), INT8(1, 1), UINT16(2, 2), INT16(3, 2), UINT32(4, 4), INT32(5, 4), FLOAT32(6, 4),
    BOOL(7, 1), STRING(8, 8), ARRAY(9, 12), UINT64(10, 8), INT64(11, 8), FLOAT64(12, 8);

    private final int id;
    private final int minSize;

    GgufType(int id, int minSize) {
        this.id = id;
        this.minSize = minSize;
    }

    /** The on-disk id. */
    public int id() {
        return id;
    }

    /** Smallest encoded size of one value (fixed size for scalars; length prefix for strings/arrays). */
    int minSize() {
        return minSize;
    }

    /**
     * The type with on-disk id {@code id}.
     *
     * @throws GgufFormatException for an unknown id
     */
    public static GgufType fromId(long id) throws GgufFormatException {
        if (id < 0 || id >= values().length) throw new GgufFormatException("unknown GGUF value type " + id);
        return values()[(int) id];
    }
}
