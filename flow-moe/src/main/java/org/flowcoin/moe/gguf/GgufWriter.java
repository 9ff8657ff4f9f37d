package org.flowcoin.moe.gguf;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes GGUF v3 files: metadata in insertion order, then tensor infos, then the tensor data, each
 * tensor starting at a multiple of the alignment (zero padding). Tensor data is streamed from the
 * caller's segments (heap, native or mapped), never gathered in one buffer.
 *
 * <pre>{@code
 * GgufWriter w = new GgufWriter();
 * w.put("general.architecture", GgufValue.string("flowcoin-moe"));
 * w.addTensor("token_embd.weight", GgmlType.F32, new long[] {64, 256}, segment);
 * w.write(Path.of("m.gguf"));
 * }</pre>
 */
public final class GgufWriter {
    private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
    private final List<Entry> tensors = new ArrayList<>();
    private final int alignment;

    private record Entry(String name, GgmlType type, long[] ne, MemorySegment data) {}

    /** A writer with the default alignment (32). */
    public GgufWriter() {
        this(GgufFile.DEFAULT_ALIGNMENT);
    }

    /** A writer with the given alignment (a power of two); a non-default one is stored as {@code general.alignment}. */
    public GgufWriter(int alignment) {
        if (alignment <= 0 || alignment > GgufFile.MAX_ALIGNMENT || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two <= " + GgufFile.MAX_ALIGNMENT);
        }
        this.alignment = alignment;
        if (alignment != GgufFile.DEFAULT_ALIGNMENT) metadata.put(GgufFile.ALIGNMENT_KEY, GgufValue.u32(alignment));
    }

    /** Adds or replaces a key (order of first insertion is kept). */
    public GgufWriter put(String key, GgufValue value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.getBytes(StandardCharsets.UTF_8).length > GgufFile.MAX_STRING_BYTES) throw new IllegalArgumentException("key too long");
        if (key.equals(GgufFile.ALIGNMENT_KEY) && !value.equals(GgufValue.u32(alignment))) {
            throw new IllegalArgumentException("general.alignment is set by the constructor");
        }
        metadata.put(key, value);
        return this;
    }

    /**
     * Adds a tensor; {@code data} must hold exactly {@code product(ne) * type.size()} bytes in
     * little-endian order and must stay valid until {@link #write(Path)} returns.
     */
    public GgufWriter addTensor(String name, GgmlType type, long[] ne, MemorySegment data) {
        Objects.requireNonNull(name, "name");
        if (name.getBytes(StandardCharsets.UTF_8).length > GgufTensorInfo.MAX_NAME_BYTES) {
            throw new IllegalArgumentException("tensor name longer than " + GgufTensorInfo.MAX_NAME_BYTES + " bytes: " + name);
        }
        if (ne.length < 1 || ne.length > GgufTensorInfo.MAX_DIMS) throw new IllegalArgumentException("1 to 4 dimensions");
        long n = type.size();
        for (long d : ne) {
            if (d <= 0) throw new IllegalArgumentException("non-positive dimension");
            n = Math.multiplyExact(n, d);
        }
        if (data.byteSize() != n) throw new IllegalArgumentException("tensor " + name + ": " + data.byteSize() + " bytes, expected " + n);
        for (Entry e : tensors) if (e.name.equals(name)) throw new IllegalArgumentException("duplicate tensor " + name);
        if (tensors.size() >= GgufFile.MAX_TENSORS) throw new IllegalArgumentException("too many tensors");
        tensors.add(new Entry(name, type, ne.clone(), data));
        return this;
    }

    private static long align(long v, long a) {
        return (v + a - 1) & -a;
    }

    /** The header (magic through tensor infos, plus padding up to the data section). */
    private ByteBuffer header() {
        long size = 24;
        for (var e : metadata.entrySet()) size += 8 + e.getKey().getBytes(StandardCharsets.UTF_8).length + 4 + e.getValue().encodedSize();
        for (Entry t : tensors) size += 8 + t.name.getBytes(StandardCharsets.UTF_8).length + 4 + 8L * t.ne.length + 4 + 8;
        long padded = tensors.isEmpty() ? size : align(size, alignment);
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(padded)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(GgufFile.MAGIC).putInt(GgufFile.VERSION).putLong(tensors.size()).putLong(metadata.size());
        for (var e : metadata.entrySet()) {
            putString(b, e.getKey());
            b.putInt(e.getValue().type().id());
            putValue(b, e.getValue());
        }
        long off = 0;
        for (Entry t : tensors) {
            putString(b, t.name);
            b.putInt(t.ne.length);
            for (long d : t.ne) b.putLong(d);
            b.putInt(t.type.id());
            b.putLong(off);
            off = align(off + t.data.byteSize(), alignment);
        }
        return b.position(0);
    }

    private static void putString(ByteBuffer b, String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        b.putLong(u.length).put(u);
    }

    private static void putValue(ByteBuffer b, GgufValue v) {
        switch (v.type()) {
            case UINT8, INT8, BOOL -> b.put((byte) v.rawBits());
            case UINT16, INT16 -> b.putShort((short) v.rawBits());
            case UINT32, INT32, FLOAT32 -> b.putInt((int) v.rawBits());
            case UINT64, INT64, FLOAT64 -> b.putLong(v.rawBits());
            case STRING -> putString(b, v.asString());
            case ARRAY -> {
                b.putInt(v.elementType().id()).putLong(v.elements().size());
                for (GgufValue e : v.elements()) putValue(b, e);
            }
        }
    }

    /** Writes the file (to a temporary sibling first, then moved into place). */
    public void write(Path path) throws IOException {
        Path abs = path.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, header());
                ByteBuffer zeros = ByteBuffer.allocate(alignment);
                for (Entry t : tensors) {
                    long n = t.data.byteSize();
                    for (long o = 0; o < n; o += 1 << 20) {
                        long len = Math.min(1 << 20, n - o);
                        MemorySegment slice = t.data.asSlice(o, len);
                        ByteBuffer bb = slice.isNative() || slice.heapBase().map(h -> h instanceof byte[]).orElse(false)
                                ? slice.asByteBuffer()
                                : ByteBuffer.wrap(slice.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                        writeFully(ch, bb);
                    }
                    long pad = align(n, alignment) - n;
                    if (pad > 0) writeFully(ch, zeros.clear().limit((int) pad));
                }
                ch.force(true);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }
}
