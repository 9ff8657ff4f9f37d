package org.flowcoin.moe.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed GGUF v3 file: its metadata, its tensor infos and, for each tensor, a read-only slice of
 * the memory-mapped file (tensor data is never copied onto the heap).
 *
 * <p>Parsing is strict and bounded, for untrusted files: little-endian, magic {@code GGUF}, version
 * 3, at most {@link #MAX_KV} keys and {@link #MAX_TENSORS} tensors, strings of at most
 * {@link #MAX_STRING_BYTES} bytes of valid UTF-8, at most {@link #MAX_ARRAY_ELEMENTS} array elements
 * in all, no nested arrays, unique keys and tensor names, 1 to 4 positive dimensions, plain tensor
 * types only, {@code general.alignment} (UINT32, a power of two; default 32), and tensor data laid out
 * in order, each tensor starting at the previous one's end rounded up to the alignment (the rule
 * ggml's own reader applies), all inside the file. Any violation is a {@link GgufFormatException}.
 *
 * <pre>{@code
 * try (GgufFile f = GgufFile.open(Path.of("m.gguf"))) {
 *     long d = f.metadata().get("flowcoin-moe.d_model").asLong();
 *     MemorySegment emb = f.tensorData("token_embd.weight");
 * }
 * }</pre>
 */
public final class GgufFile implements AutoCloseable {
    /** "GGUF" read as a little-endian u32. */
    public static final int MAGIC = 0x46554747;
    public static final int VERSION = 3;
    public static final int DEFAULT_ALIGNMENT = 32;
    public static final String ALIGNMENT_KEY = "general.alignment";
    public static final int MAX_KV = 1 << 16;
    public static final int MAX_TENSORS = 1 << 16;
    public static final int MAX_STRING_BYTES = 1 << 20;
    public static final int MAX_ARRAY_ELEMENTS = 1 << 20;
    /** Largest accepted alignment. */
    public static final int MAX_ALIGNMENT = 1 << 16;

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Arena arena; // null when parsing a caller's segment
    private final MemorySegment file;
    private final Map<String, GgufValue> metadata;
    private final List<GgufTensorInfo> tensors;
    private final Map<String, GgufTensorInfo> byName;
    private final int alignment;
    private final long dataOffset;

    private GgufFile(Arena arena, MemorySegment file) throws GgufFormatException {
        this.arena = arena;
        this.file = file.asReadOnly();
        Cursor c = new Cursor(this.file);
        if (c.u32() != MAGIC) throw new GgufFormatException("bad magic: not a GGUF file");
        long version = c.u32() & 0xffff_ffffL;
        if (version != VERSION) throw new GgufFormatException("unsupported GGUF version " + version);
        long nTensors = c.u64();
        long nKv = c.u64();
        if (nTensors < 0 || nTensors > MAX_TENSORS) throw new GgufFormatException("tensor count " + Long.toUnsignedString(nTensors) + " exceeds " + MAX_TENSORS);
        if (nKv < 0 || nKv > MAX_KV) throw new GgufFormatException("key count " + Long.toUnsignedString(nKv) + " exceeds " + MAX_KV);
        Map<String, GgufValue> md = new LinkedHashMap<>();
        for (long i = 0; i < nKv; i++) {
            String key = c.string();
            GgufType t = GgufType.fromId(c.u32() & 0xffff_ffffL);
            GgufValue v = c.value(t);
            if (md.putIfAbsent(key, v) != null) throw new GgufFormatException("duplicate key " + key);
        }
        GgufValue al = md.get(ALIGNMENT_KEY);
        int align = DEFAULT_ALIGNMENT;
        if (al != null) {
            if (al.type() != GgufType.UINT32) throw new GgufFormatException(ALIGNMENT_KEY + " must be UINT32");
            long a = al.asLong();
            if (a == 0 || a > MAX_ALIGNMENT || Long.bitCount(a) != 1) throw new GgufFormatException("bad alignment " + a);
            align = (int) a;
        }
        List<GgufTensorInfo> ts = new ArrayList<>();
        Map<String, GgufTensorInfo> names = new HashMap<>();
        long expected = 0;
        for (long i = 0; i < nTensors; i++) {
            String name = c.string();
            if (name.getBytes(StandardCharsets.UTF_8).length > GgufTensorInfo.MAX_NAME_BYTES) {
                throw new GgufFormatException("tensor name longer than " + GgufTensorInfo.MAX_NAME_BYTES + " bytes");
            }
            long nDims = c.u32() & 0xffff_ffffL;
            if (nDims < 1 || nDims > GgufTensorInfo.MAX_DIMS) throw new GgufFormatException("tensor " + name + ": " + nDims + " dimensions");
            long[] ne = new long[(int) nDims];
            long count = 1;
            for (int d = 0; d < nDims; d++) {
                ne[d] = c.u64();
                if (ne[d] <= 0) throw new GgufFormatException("tensor " + name + ": dimension " + Long.toUnsignedString(ne[d]));
                count = mulOrFail(count, ne[d], name);
            }
            GgmlType type = GgmlType.fromId(c.u32() & 0xffff_ffffL);
            long offset = c.u64();
            long bytes = mulOrFail(count, type.size(), name);
            if (offset != expected) {
                throw new GgufFormatException("tensor " + name + ": offset " + Long.toUnsignedString(offset) + ", expected " + expected
                        + (offset % align != 0 ? " (unaligned)" : ""));
            }
            expected = alignUp(offset + bytes, align, name);
            GgufTensorInfo ti = new GgufTensorInfo(name, ne, type, offset);
            if (names.putIfAbsent(name, ti) != null) throw new GgufFormatException("duplicate tensor " + name);
            ts.add(ti);
        }
        long dataStart = nTensors == 0 ? c.pos : alignUp(c.pos, align, "header");
        if (!ts.isEmpty()) {
            GgufTensorInfo last = ts.get(ts.size() - 1);
            long end = dataStart + last.offset() + last.byteSize();
            if (end < 0 || end > this.file.byteSize()) {
                throw new GgufFormatException("truncated: tensor data ends at " + end + ", file has " + this.file.byteSize() + " bytes");
            }
        }
        this.metadata = Collections.unmodifiableMap(md);
        this.tensors = List.copyOf(ts);
        this.byName = Map.copyOf(names);
        this.alignment = align;
        this.dataOffset = dataStart;
    }

    private static long mulOrFail(long a, long b, String what) throws GgufFormatException {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new GgufFormatException("size overflow in " + what);
        }
    }

    private static long alignUp(long v, long align, String what) throws GgufFormatException {
        long r = v + (align - 1);
        if (r < 0) throw new GgufFormatException("size overflow in " + what);
        return r & -align;
    }

    /**
     * Memory-maps and parses a file. Close the result to unmap it; tensor segments become invalid then.
     *
     * @throws GgufFormatException if the file is not a valid GGUF v3 file as described above
     * @throws IOException if it cannot be read
     */
    public static GgufFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            return new GgufFile(arena, seg);
        } catch (IOException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /**
     * Parses GGUF bytes held in a segment (no copy; the segment must outlive the result).
     *
     * @throws GgufFormatException if the bytes are not a valid GGUF v3 file
     */
    public static GgufFile parse(MemorySegment bytes) throws GgufFormatException {
        return new GgufFile(null, Objects.requireNonNull(bytes, "bytes"));
    }

    /** Metadata in file order (unmodifiable). */
    public Map<String, GgufValue> metadata() {
        return metadata;
    }

    /** Tensor infos in file order. */
    public List<GgufTensorInfo> tensors() {
        return tensors;
    }

    /** The tensor called {@code name}, or null. */
    public GgufTensorInfo tensor(String name) {
        return byName.get(name);
    }

    public int alignment() {
        return alignment;
    }

    /** Absolute offset of the data section. */
    public long dataOffset() {
        return dataOffset;
    }

    /** Read-only slice of the file holding the tensor's data. */
    public MemorySegment tensorData(GgufTensorInfo t) {
        if (byName.get(t.name()) != t) throw new IllegalArgumentException("tensor not from this file: " + t.name());
        return file.asSlice(dataOffset + t.offset(), t.byteSize());
    }

    /**
     * Read-only slice of the file holding the data of tensor {@code name}.
     *
     * @throws IllegalArgumentException if there is no such tensor
     */
    public MemorySegment tensorData(String name) {
        GgufTensorInfo t = byName.get(name);
        if (t == null) throw new IllegalArgumentException("no tensor " + name);
        return tensorData(t);
    }

    @Override
    public void close() {
        if (arena != null) arena.close();
    }

    @Override
    public String toString() {
        return "GgufFile[" + metadata.size() + " keys, " + tensors.size() + " tensors, alignment " + alignment + "]";
    }

    /** Bounds-checked little-endian reader over the file. */
    private static final class Cursor {
        private final MemorySegment s;
        long pos;
        long arrayElements;

        Cursor(MemorySegment s) {
            this.s = s;
        }

        private void need(long n) throws GgufFormatException {
            if (n < 0 || n > s.byteSize() - pos) throw new GgufFormatException("truncated at byte " + pos);
        }

        int u8() throws GgufFormatException {
            need(1);
            return s.get(ValueLayout.JAVA_BYTE, pos++) & 0xff;
        }

        int u16() throws GgufFormatException {
            need(2);
            int v = s.get(U16, pos) & 0xffff;
            pos += 2;
            return v;
        }

        int u32() throws GgufFormatException {
            need(4);
            int v = s.get(U32, pos);
            pos += 4;
            return v;
        }

        long u64() throws GgufFormatException {
            need(8);
            long v = s.get(U64, pos);
            pos += 8;
            return v;
        }

        String string() throws GgufFormatException {
            long len = u64();
            if (len < 0 || len > MAX_STRING_BYTES) throw new GgufFormatException("string length " + Long.toUnsignedString(len) + " exceeds " + MAX_STRING_BYTES);
            need(len);
            byte[] b = s.asSlice(pos, len).toArray(ValueLayout.JAVA_BYTE);
            pos += len;
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b)).toString();
            } catch (CharacterCodingException e) {
                throw new GgufFormatException("string is not valid UTF-8");
            }
        }

        GgufValue value(GgufType t) throws GgufFormatException {
            return switch (t) {
                case UINT8 -> GgufValue.ofRaw(t, u8());
                case INT8 -> GgufValue.ofRaw(t, (byte) u8());
                case UINT16 -> GgufValue.ofRaw(t, u16());
                case INT16 -> GgufValue.ofRaw(t, (short) u16());
                case UINT32 -> GgufValue.ofRaw(t, u32() & 0xffff_ffffL);
                case INT32, FLOAT32 -> GgufValue.ofRaw(t, t == GgufType.INT32 ? u32() : u32() & 0xffff_ffffL);
                case UINT64, INT64, FLOAT64 -> GgufValue.ofRaw(t, u64());
                case BOOL -> {
                    int b = u8();
                    if (b > 1) throw new GgufFormatException("bool value " + b);
                    yield GgufValue.ofRaw(t, b);
                }
                case STRING -> GgufValue.string(string());
                case ARRAY -> {
                    GgufType et = GgufType.fromId(u32() & 0xffff_ffffL);
                    if (et == GgufType.ARRAY) throw new GgufFormatException("nested arrays are not supported");
                    long n = u64();
                    if (n < 0 || n > MAX_ARRAY_ELEMENTS - arrayElements) throw new GgufFormatException("array elements exceed " + MAX_ARRAY_ELEMENTS);
                    need(n * et.minSize()); // cheap early rejection of impossible counts
                    arrayElements += n;
                    List<GgufValue> es = new ArrayList<>((int) n);
                    for (long i = 0; i < n; i++) es.add(value(et));
                    yield GgufValue.array(et, es);
                }
            };
        }
    }
}
