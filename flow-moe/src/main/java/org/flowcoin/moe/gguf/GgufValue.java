package org.flowcoin.moe.gguf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One immutable GGUF metadata value: a scalar of any {@link GgufType}, a string, or an array of
 * values of one non-array type.
 *
 * <pre>{@code
 * GgufValue v = GgufValue.u32(512);
 * long n = v.asLong();
 * GgufValue names = GgufValue.array(GgufType.STRING, List.of(GgufValue.string("a"), GgufValue.string("b")));
 * }</pre>
 */
public final class GgufValue {
    private final GgufType type;
    private final long bits;          // integers (sign- or zero-extended), float/double raw bits, bool 0/1
    private final String string;      // STRING
    private final GgufType elementType; // ARRAY
    private final List<GgufValue> elements; // ARRAY

    private GgufValue(GgufType type, long bits, String string, GgufType elementType, List<GgufValue> elements) {
        this.type = type;
        this.bits = bits;
        this.string = string;
        this.elementType = elementType;
        this.elements = elements;
    }

    private static GgufValue scalar(GgufType t, long bits) {
        return new GgufValue(t, bits, null, null, null);
    }

    private static long checkRange(long v, long lo, long hi, GgufType t) {
        if (v < lo || v > hi) throw new IllegalArgumentException(v + " out of range for " + t);
        return v;
    }

    public static GgufValue u8(int v) { return scalar(GgufType.UINT8, checkRange(v, 0, 0xff, GgufType.UINT8)); }

    public static GgufValue i8(int v) { return scalar(GgufType.INT8, checkRange(v, Byte.MIN_VALUE, Byte.MAX_VALUE, GgufType.INT8)); }

    public static GgufValue u16(int v) { return scalar(GgufType.UINT16, checkRange(v, 0, 0xffff, GgufType.UINT16)); }

    public static GgufValue i16(int v) { return scalar(GgufType.INT16, checkRange(v, Short.MIN_VALUE, Short.MAX_VALUE, GgufType.INT16)); }

    public static GgufValue u32(long v) { return scalar(GgufType.UINT32, checkRange(v, 0, 0xffff_ffffL, GgufType.UINT32)); }

    public static GgufValue i32(int v) { return scalar(GgufType.INT32, v); }

    /** Unsigned 64-bit: {@code v} is read as unsigned (its raw bits are stored). */
    public static GgufValue u64(long v) { return scalar(GgufType.UINT64, v); }

    public static GgufValue i64(long v) { return scalar(GgufType.INT64, v); }

    public static GgufValue f32(float v) { return scalar(GgufType.FLOAT32, Float.floatToRawIntBits(v) & 0xffff_ffffL); }

    public static GgufValue f64(double v) { return scalar(GgufType.FLOAT64, Double.doubleToRawLongBits(v)); }

    public static GgufValue bool(boolean v) { return scalar(GgufType.BOOL, v ? 1 : 0); }

    public static GgufValue string(String v) {
        return new GgufValue(GgufType.STRING, 0, Objects.requireNonNull(v, "string"), null, null);
    }

    /**
     * An array; every element must have type {@code elementType}, which may not be ARRAY.
     */
    public static GgufValue array(GgufType elementType, List<GgufValue> elements) {
        Objects.requireNonNull(elementType, "elementType");
        if (elementType == GgufType.ARRAY) throw new IllegalArgumentException("nested arrays are not supported");
        List<GgufValue> copy = List.copyOf(elements);
        for (GgufValue e : copy) {
            if (e.type != elementType) throw new IllegalArgumentException("array element " + e.type + " is not " + elementType);
        }
        return new GgufValue(GgufType.ARRAY, 0, null, elementType, copy);
    }

    /** Builds a scalar of type {@code t} from raw bits as read from a file (reader use). */
    static GgufValue ofRaw(GgufType t, long bits) {
        return scalar(t, bits);
    }

    public GgufType type() {
        return type;
    }

    /** The integer value (unsigned types zero-extended, UINT64 as raw bits) or 0/1 for BOOL. */
    public long asLong() {
        return switch (type) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64, BOOL -> bits;
            default -> throw new IllegalStateException(type + " is not an integer");
        };
    }

    public float asFloat() {
        if (type != GgufType.FLOAT32) throw new IllegalStateException(type + " is not FLOAT32");
        return Float.intBitsToFloat((int) bits);
    }

    public double asDouble() {
        if (type != GgufType.FLOAT64) throw new IllegalStateException(type + " is not FLOAT64");
        return Double.longBitsToDouble(bits);
    }

    public boolean asBoolean() {
        if (type != GgufType.BOOL) throw new IllegalStateException(type + " is not BOOL");
        return bits != 0;
    }

    public String asString() {
        if (type != GgufType.STRING) throw new IllegalStateException(type + " is not STRING");
        return string;
    }

    /** Element type of an array. */
    public GgufType elementType() {
        if (type != GgufType.ARRAY) throw new IllegalStateException(type + " is not ARRAY");
        return elementType;
    }

    /** Elements of an array (unmodifiable). */
    public List<GgufValue> elements() {
        if (type != GgufType.ARRAY) throw new IllegalStateException(type + " is not ARRAY");
        return elements;
    }

    /** Raw bits of a scalar (for the writer). */
    long rawBits() {
        return bits;
    }

    /** Encoded size in bytes (without the type tag of a key/value pair). */
    long encodedSize() {
        return switch (type) {
            case STRING -> 8L + string.getBytes(StandardCharsets.UTF_8).length;
            case ARRAY -> {
                long n = 12;
                for (GgufValue e : elements) n += e.encodedSize();
                yield n;
            }
            default -> type.minSize();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufValue v && type == v.type && bits == v.bits && Objects.equals(string, v.string)
                && elementType == v.elementType && Objects.equals(elements, v.elements);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, bits, string, elementType, elements);
    }

    @Override
    public String toString() {
        return switch (type) {
            case STRING -> '"' + string + '"';
            case ARRAY -> elementType + elements.toString();
            case FLOAT32 -> Float.toString(asFloat());
            case FLOAT64 -> Double.toString(asDouble());
            case BOOL -> Boolean.toString(bits != 0);
            case UINT64 -> Long.toUnsignedString(bits);
            default -> Long.toString(bits);
        };
    }
}
