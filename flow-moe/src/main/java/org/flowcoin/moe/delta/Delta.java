package org.flowcoin.moe.delta;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.TensorInfo;

/**
 * A block's weight delta in canonical form (docs/spec/delta.md): either a sparse list of
 * (flat index, value) pairs with strictly increasing indices, or a dense vector over every parameter
 * of the model in canonical flat order. The payload on the wire is one zstd frame of
 * {@code format u8 | count u64 | body}.
 *
 * <p>Exactly one form is canonical for a set of changes: sparse when {@code 3 * n <= P} (n non-zero
 * entries, P parameters), dense otherwise; so a given change set has one decompressed encoding.
 *
 * <pre>{@code
 * Delta d = Delta.of(weights.layout().parameterCount(), new long[] {5, 9}, new float[] {0.01f, -0.02f});
 * byte[] payload = d.encode();                       // goes into the block body
 * Delta back = Delta.decode(payload, parameterCount); // DeltaFormatException if not canonical
 * Delta.Applied undo = back.apply(weights);          // float32 addition, in place
 * }</pre>
 */
public final class Delta {
    /** Format byte of the sparse form. */
    public static final int FORMAT_SPARSE = 0x01;
    /** Format byte of the dense form. */
    public static final int FORMAT_DENSE = 0x02;
    /** Size of the decompressed header: format byte and u64 count. */
    public static final int HEADER_SIZE = 9;
    /** Hard cap on the decompressed size, whatever the model size (1 GiB). */
    public static final long MAX_DECOMPRESSED = 1L << 30;
    /** zstd frame magic number as it appears on the wire. */
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    /** zstd level used by {@link #encode()} (not consensus: the hash covers the payload bytes). */
    public static final int DEFAULT_LEVEL = 3;

    /** Which form a delta takes. */
    public enum Form { SPARSE, DENSE }

    private final long parameterCount;
    private final long[] indices; // sparse only
    private final float[] values; // sparse: one per index; dense: one per parameter
    private final int nonZero;

    private Delta(long parameterCount, long[] indices, float[] values, int nonZero) {
        this.parameterCount = parameterCount;
        this.indices = indices;
        this.values = values;
        this.nonZero = nonZero;
    }

    /**
     * The canonical delta of a set of changes given as strictly increasing indices and non-zero
     * finite values; picks the sparse or the dense form by the rule above.
     *
     * @throws IllegalArgumentException if the changes are empty, unsorted, out of range, zero or not finite
     */
    public static Delta of(long parameterCount, long[] indices, float[] values) {
        checkParameterCount(parameterCount);
        if (indices.length != values.length) throw new IllegalArgumentException("indices and values differ in length");
        if (indices.length == 0) throw new IllegalArgumentException("an empty delta is not valid");
        try {
            checkSparse(parameterCount, indices, values);
        } catch (DeltaFormatException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (sparseIsCanonical(indices.length, parameterCount)) {
            return new Delta(parameterCount, indices.clone(), values.clone(), indices.length);
        }
        if (parameterCount > (MAX_DECOMPRESSED - HEADER_SIZE) / 4) throw new IllegalArgumentException("dense form too large");
        float[] dense = new float[(int) parameterCount];
        for (int i = 0; i < indices.length; i++) dense[(int) indices[i]] = values[i];
        return new Delta(parameterCount, null, dense, indices.length);
    }

    /**
     * The canonical delta whose dense form is {@code dense} (zeros mean "unchanged"; -0.0 is
     * treated as 0). Picks the sparse form when it is the canonical one.
     *
     * @throws IllegalArgumentException if all entries are zero or one is not finite
     */
    public static Delta ofDense(float[] dense) {
        int n = 0;
        for (float v : dense) {
            if (!Float.isFinite(v)) throw new IllegalArgumentException("non-finite delta value");
            if (v != 0f) n++;
        }
        long[] idx = new long[n];
        float[] val = new float[n];
        int j = 0;
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] != 0f) {
                idx[j] = i;
                val[j++] = dense[i];
            }
        }
        return of(dense.length, idx, val);
    }

    /** The difference {@code after - before} (float32 subtraction) as a delta, when non-empty. */
    public static Delta between(ModelWeights before, ModelWeights after) {
        if (!before.config().equals(after.config())) throw new IllegalArgumentException("different model configurations");
        long p = before.layout().parameterCount();
        if (p > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("model too large for an in-memory difference");
        float[] dense = new float[(int) p];
        List<TensorInfo> ts = before.layout().tensors();
        for (int t = 0; t < ts.size(); t++) {
            MemorySegment a = before.tensor(t), b = after.tensor(t);
            int off = (int) ts.get(t).offset();
            for (long i = 0, n = ts.get(t).count(); i < n; i++) {
                dense[off + (int) i] = b.getAtIndex(ModelWeights.FLOAT_LE, i) - a.getAtIndex(ModelWeights.FLOAT_LE, i);
            }
        }
        return ofDense(dense);
    }

    static boolean sparseIsCanonical(long n, long parameterCount) {
        return 3 * n <= parameterCount;
    }

    private static void checkParameterCount(long p) {
        if (p < 1) throw new IllegalArgumentException("parameter count must be positive");
    }

    private static void checkSparse(long p, long[] idx, float[] val) {
        long prev = -1;
        for (int i = 0; i < idx.length; i++) {
            long x = idx[i];
            if (x <= prev) throw new DeltaFormatException(DeltaFormatException.Kind.INDEX, "index " + Long.toUnsignedString(x) + " at entry " + i + " is not above the previous one");
            if (x >= p) throw new DeltaFormatException(DeltaFormatException.Kind.INDEX, "index " + Long.toUnsignedString(x) + " is not below the parameter count " + p);
            prev = x;
            float v = val[i];
            if (!Float.isFinite(v)) throw new DeltaFormatException(DeltaFormatException.Kind.VALUE, "non-finite value at entry " + i);
            if (v == 0f) throw new DeltaFormatException(DeltaFormatException.Kind.VALUE, "zero value at entry " + i);
        }
    }

    /** Largest decompressed content a delta over {@code parameterCount} parameters may declare. */
    public static long maxDecompressedSize(long parameterCount) {
        return Math.min(MAX_DECOMPRESSED, HEADER_SIZE + 4 * parameterCount);
    }

    /**
     * Decodes and checks a delta payload against a model of {@code parameterCount} parameters. The
     * decompressed size is read from the zstd frame header and bounded before anything is allocated.
     *
     * @throws DeltaFormatException if the payload breaks any rule of docs/spec/delta.md
     */
    public static Delta decode(byte[] payload, long parameterCount) {
        checkParameterCount(parameterCount);
        Objects.requireNonNull(payload, "payload");
        if (payload.length < 4 || !Arrays.equals(payload, 0, 4, ZSTD_MAGIC, 0, 4)) {
            throw new DeltaFormatException(DeltaFormatException.Kind.FRAME, "payload is not a zstd frame");
        }
        try {
            long frameSize = Zstd.findFrameCompressedSize(payload);
            if (Zstd.isError(frameSize)) throw new DeltaFormatException(DeltaFormatException.Kind.FRAME, "malformed zstd frame: " + Zstd.getErrorName(frameSize));
            if (frameSize != payload.length) throw new DeltaFormatException(DeltaFormatException.Kind.FRAME, "payload must be exactly one zstd frame");
            long declared = Zstd.getFrameContentSize(payload);
            if (declared < 0) throw new DeltaFormatException(DeltaFormatException.Kind.FRAME, "zstd frame does not declare its content size");
            long bound = maxDecompressedSize(parameterCount);
            if (declared < HEADER_SIZE || declared > bound) {
                throw new DeltaFormatException(DeltaFormatException.Kind.SIZE, "declared content size " + declared + " outside [" + HEADER_SIZE + ", " + bound + "]");
            }
            byte[] raw = new byte[(int) declared];
            long got = Zstd.decompressByteArray(raw, 0, raw.length, payload, 0, payload.length);
            if (Zstd.isError(got)) throw new DeltaFormatException(DeltaFormatException.Kind.FRAME, "zstd: " + Zstd.getErrorName(got));
            if (got != declared) throw new DeltaFormatException(DeltaFormatException.Kind.SIZE, "frame holds " + got + " bytes, declares " + declared);
            return parse(raw, parameterCount);
        } catch (ZstdException e) {
            throw new DeltaFormatException(DeltaFormatException.Kind.FRAME, "malformed zstd frame: " + e.getMessage());
        }
    }

    /** Checks and parses decompressed content (docs/spec/delta.md, "Content"). */
    static Delta parse(byte[] raw, long p) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int format = b.get() & 0xff;
        long n = b.getLong();
        long body = raw.length - HEADER_SIZE;
        switch (format) {
            case FORMAT_SPARSE -> {
                if (n < 1 || n > p || n * 12 != body) {
                    throw new DeltaFormatException(DeltaFormatException.Kind.LAYOUT, "sparse count " + Long.toUnsignedString(n) + " does not match " + body + " body bytes");
                }
                if (!sparseIsCanonical(n, p)) throw new DeltaFormatException(DeltaFormatException.Kind.FORM, n + " sparse entries: the dense form is canonical");
                long[] idx = new long[(int) n];
                float[] val = new float[(int) n];
                for (int i = 0; i < n; i++) idx[i] = b.getLong();
                for (int i = 0; i < n; i++) val[i] = Float.intBitsToFloat(b.getInt());
                checkSparse(p, idx, val);
                return new Delta(p, idx, val, (int) n);
            }
            case FORMAT_DENSE -> {
                if (n != p || n * 4 != body) {
                    throw new DeltaFormatException(DeltaFormatException.Kind.LAYOUT, "dense count " + Long.toUnsignedString(n) + " must equal the parameter count " + p + " and the body");
                }
                float[] val = new float[(int) n];
                int nz = 0;
                for (int i = 0; i < n; i++) {
                    int bits = b.getInt();
                    float v = Float.intBitsToFloat(bits);
                    if (!Float.isFinite(v)) throw new DeltaFormatException(DeltaFormatException.Kind.VALUE, "non-finite value at " + i);
                    if (bits == 0x8000_0000) throw new DeltaFormatException(DeltaFormatException.Kind.VALUE, "negative zero at " + i);
                    if (bits != 0) nz++;
                    val[i] = v;
                }
                if (nz == 0) throw new DeltaFormatException(DeltaFormatException.Kind.VALUE, "all-zero delta");
                if (sparseIsCanonical(nz, p)) throw new DeltaFormatException(DeltaFormatException.Kind.FORM, nz + " non-zero entries: the sparse form is canonical");
                return new Delta(p, null, val, nz);
            }
            default -> throw new DeltaFormatException(DeltaFormatException.Kind.LAYOUT, "unknown format byte 0x" + Integer.toHexString(format));
        }
    }

    /** The decompressed content (format, count, body). */
    public byte[] content() {
        boolean sparse = indices != null;
        long n = sparse ? indices.length : values.length;
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + (int) (sparse ? 12 * n : 4 * n)).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) (sparse ? FORMAT_SPARSE : FORMAT_DENSE)).putLong(n);
        if (sparse) for (long i : indices) b.putLong(i);
        for (float v : values) b.putInt(Float.floatToRawIntBits(v));
        return b.array();
    }

    /** The payload: one zstd frame at {@link #DEFAULT_LEVEL} with the content size in its header. */
    public byte[] encode() {
        return encode(DEFAULT_LEVEL);
    }

    /** The payload compressed at zstd {@code level} (any level decodes; the bytes differ). */
    public byte[] encode(int level) {
        byte[] c = content();
        // Zstd.compress writes the content size into the frame header (pledged source size).
        return Zstd.compress(c, level);
    }

    /** Keccak-256 of a payload: the header's training_hash. */
    public static byte[] hash(byte[] payload) {
        return Keccak.keccak256(payload);
    }

    /** The form this delta takes. */
    public Form form() {
        return indices == null ? Form.DENSE : Form.SPARSE;
    }

    /** Parameters of the model this delta is for. */
    public long parameterCount() {
        return parameterCount;
    }

    /** Number of entries: sparse: the list length; dense: the parameter count (the header's sparse_count). */
    public long entryCount() {
        return indices == null ? values.length : indices.length;
    }

    /** Number of non-zero values. */
    public int nonZeroCount() {
        return nonZero;
    }

    /** Flat index of entry {@code i} (the entry's position for the dense form). */
    public long index(int i) {
        return indices == null ? i : indices[i];
    }

    /** Value of entry {@code i}. */
    public float value(int i) {
        return values[i];
    }

    /**
     * What applying a delta did: how many parameters changed their bit pattern, and the previous
     * values of every entry (in entry order) so that {@link #revert} restores the exact old bits.
     */
    public record Applied(long changed, float[] previous) {}

    /**
     * Adds this delta to {@code w} in place (float32 addition, one rounding per element). Checks
     * every sum first: if any would be NaN or infinite, throws and leaves {@code w} unchanged.
     *
     * @throws IllegalArgumentException if the model's parameter count differs
     * @throws DeltaApplyException if a sum is not finite
     */
    public Applied apply(ModelWeights w) {
        if (w.layout().parameterCount() != parameterCount) {
            throw new IllegalArgumentException("delta is for " + parameterCount + " parameters, model has " + w.layout().parameterCount());
        }
        int n = values.length;
        float[] prev = new float[n];
        long changed = 0;
        Cursor c = new Cursor(w);
        for (int i = 0; i < n; i++) {
            float old = c.get(index(i));
            float s = old + values[i];
            if (!Float.isFinite(s)) throw new DeltaApplyException("parameter " + index(i) + " would become non-finite");
            if (Float.floatToRawIntBits(s) != Float.floatToRawIntBits(old)) changed++;
            prev[i] = old;
        }
        for (int i = 0; i < n; i++) c.set(index(i), prev[i] + values[i]);
        return new Applied(changed, prev);
    }

    /** The current values of {@code w} at this delta's entries, in entry order (nothing is written). */
    public float[] previousValues(ModelWeights w) {
        if (w.layout().parameterCount() != parameterCount) throw new IllegalArgumentException("parameter count differs");
        float[] prev = new float[values.length];
        Cursor c = new Cursor(w);
        for (int i = 0; i < prev.length; i++) prev[i] = c.get(index(i));
        return prev;
    }

    /** Writes {@code previous[i] + value(i)} at every entry: the state after {@link #apply} (idempotent redo). */
    public void redo(ModelWeights w, float[] previous) {
        if (previous.length != values.length) throw new IllegalArgumentException("undo data does not match this delta");
        Cursor c = new Cursor(w);
        for (int i = 0; i < previous.length; i++) c.set(index(i), previous[i] + values[i]);
    }

    /** Restores the values saved by {@link #apply}: the weights get their exact earlier bits. */
    public void revert(ModelWeights w, float[] previous) {
        if (previous.length != values.length) throw new IllegalArgumentException("undo data does not match this delta");
        Cursor c = new Cursor(w);
        for (int i = 0; i < previous.length; i++) c.set(index(i), previous[i]);
    }

    /** Sequential flat-index access that avoids a binary search per element for increasing indices. */
    private static final class Cursor {
        private final ModelWeights w;
        private final List<TensorInfo> ts;
        private int t = 0;

        Cursor(ModelWeights w) {
            this.w = w;
            this.ts = w.layout().tensors();
        }

        private long local(long flat) {
            TensorInfo ti = ts.get(t);
            if (flat < ti.offset() || flat >= ti.offset() + ti.count()) {
                t = w.tensorOf(flat);
                ti = ts.get(t);
            }
            return flat - ti.offset();
        }

        float get(long flat) {
            long l = local(flat);
            return w.tensor(t).getAtIndex(ModelWeights.FLOAT_LE, l);
        }

        void set(long flat, float v) {
            long l = local(flat);
            w.tensor(t).setAtIndex(ModelWeights.FLOAT_LE, l, v);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Delta d && parameterCount == d.parameterCount && Arrays.equals(indices, d.indices) && Arrays.equals(values, d.values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(parameterCount) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Delta[" + form() + ", entries=" + entryCount() + ", nonZero=" + nonZero + ", of " + parameterCount + "]";
    }
}
