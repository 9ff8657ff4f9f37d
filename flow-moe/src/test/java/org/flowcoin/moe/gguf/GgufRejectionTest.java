package org.flowcoin.moe.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every malformed input gives {@link GgufFormatException}, never another exception, a large
 * allocation or a hang. The fuzz loop runs {@code flow.fuzz.iterations} mutations (CI: the parent
 * POM's bounded default; long run: {@code -Dflow.fuzz.iterations=5000000}).
 */
class GgufRejectionTest {
    @TempDir
    Path dir;

    static byte[] validFile() {
        GgufWriter w = new GgufWriter();
        GgufRoundTripTest.allTypes().forEach(w::put);
        w.addTensor("a", GgmlType.F32, new long[] {3, 2}, MemorySegment.ofArray(new float[] {1, 2, 3, 4, 5, 6}));
        w.addTensor("b", GgmlType.I32, new long[] {3}, MemorySegment.ofArray(new int[] {7, 8, 9}));
        try {
            Path p = Files.createTempFile("gguf", ".gguf");
            w.write(p);
            byte[] b = Files.readAllBytes(p);
            Files.delete(p);
            return b;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static GgufFile parse(byte[] b) throws GgufFormatException {
        return GgufFile.parse(MemorySegment.ofArray(b));
    }

    /** A header with given counts, then raw body bytes. */
    static byte[] file(long nTensors, long nKv, ByteBuffer body) {
        body.flip();
        ByteBuffer b = ByteBuffer.allocate(24 + body.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GGUF".getBytes()).putInt(3).putLong(nTensors).putLong(nKv).put(body);
        return b.array();
    }

    static ByteBuffer body() {
        return ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    }

    static ByteBuffer str(ByteBuffer b, String s) {
        return b.putLong(s.length()).put(s.getBytes());
    }

    void rejects(byte[] b, String messagePart) {
        assertThatThrownBy(() -> parse(b)).isInstanceOf(GgufFormatException.class).hasMessageContaining(messagePart);
    }

    @Test
    void validFileParses() throws Exception {
        assertThat(parse(validFile()).tensors()).hasSize(2);
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] v = validFile();
        int tensorEnd;
        try {
            GgufFile f = parse(v);
            GgufTensorInfo last = f.tensors().get(1);
            tensorEnd = (int) (f.dataOffset() + last.offset() + last.byteSize());
        } catch (GgufFormatException e) {
            throw new AssertionError(e);
        }
        for (int n = 0; n < tensorEnd; n++) {
            byte[] t = java.util.Arrays.copyOf(v, n);
            assertThatThrownBy(() -> parse(t)).as("length %d", n).isInstanceOf(GgufFormatException.class);
        }
    }

    @Test
    void badMagicAndVersion() {
        byte[] v = validFile();
        v[0] = 'X';
        rejects(v, "magic");
        byte[] w = validFile();
        w[4] = 2;
        rejects(w, "version");
    }

    @Test
    void oversizedCountsAndLengths() {
        rejects(file(1L << 40, 0, body()), "tensor count");
        rejects(file(-1, 0, body()), "tensor count");
        rejects(file(0, 1L << 40, body()), "key count");
        rejects(file(0, 1, body().putLong(Long.MAX_VALUE)), "string length");
        rejects(file(0, 1, body().putLong(GgufFile.MAX_STRING_BYTES + 1L)), "string length");
        rejects(file(0, 1, body().putLong(1000).put((byte) 'a')), "truncated");
        // An array claiming 2^40 elements, or more bytes than the file holds.
        rejects(file(0, 1, str(body(), "k").putInt(9).putInt(4).putLong(1L << 40)), "array");
        rejects(file(0, 1, str(body(), "k").putInt(9).putInt(4).putLong(1000).putInt(1)), "truncated");
        rejects(file(0, 1, str(body(), "k").putInt(9).putInt(9).putLong(1)), "nested");
        rejects(file(0, 1, str(body(), "k").putInt(13)), "unknown GGUF value type");
        rejects(file(0, 1, str(body(), "k").putInt(7).put((byte) 2)), "bool");
        rejects(file(0, 2, str(str(body(), "k").putInt(4).putInt(1), "k").putInt(4).putInt(2)), "duplicate key");
        rejects(file(0, 1, body().putLong(2).put(new byte[] {(byte) 0xc3, (byte) 0x28}).putInt(4).putInt(1)), "UTF-8");
    }

    static ByteBuffer tensorInfo(ByteBuffer b, String name, long[] ne, int type, long offset) {
        str(b, name).putInt(ne.length);
        for (long d : ne) b.putLong(d);
        return b.putInt(type).putLong(offset);
    }

    static byte[] withData(byte[] header, int dataBytes) {
        int start = (header.length + 31) & -32;
        return java.util.Arrays.copyOf(header, start + dataBytes);
    }

    @Test
    void badTensorInfos() {
        rejects(withData(file(1, 0, tensorInfo(body(), "t", new long[] {4}, 0, 0)), 8), "truncated");
        rejects(withData(file(1, 0, tensorInfo(body(), "t", new long[] {4}, 0, 32)), 64), "offset");
        rejects(withData(file(1, 0, tensorInfo(body(), "t", new long[] {4}, 0, 3)), 64), "unaligned");
        rejects(withData(file(1, 0, tensorInfo(body(), "t", new long[] {0}, 0, 0)), 64), "dimension");
        rejects(withData(file(1, 0, tensorInfo(body(), "t", new long[] {-1}, 0, 0)), 64), "dimension");
        rejects(withData(file(1, 0, tensorInfo(body(), "t", new long[] {1L << 62, 1L << 62}, 0, 0)), 64), "overflow");
        rejects(withData(file(1, 0, tensorInfo(body(), "t", new long[] {1, 1, 1, 1, 1}, 0, 0)), 64), "dimensions");
        rejects(withData(file(1, 0, tensorInfo(body(), "t", new long[] {4}, 2, 0)), 64), "unsupported ggml tensor type");
        rejects(withData(file(1, 0, tensorInfo(body(), "t".repeat(64), new long[] {4}, 0, 0)), 64), "name");
        ByteBuffer two = tensorInfo(tensorInfo(body(), "t", new long[] {4}, 0, 0), "t", new long[] {4}, 0, 32);
        rejects(withData(file(2, 0, two), 64), "duplicate tensor");
        // Second tensor overlapping the first.
        ByteBuffer ov = tensorInfo(tensorInfo(body(), "t", new long[] {16}, 0, 0), "u", new long[] {4}, 0, 32);
        rejects(withData(file(2, 0, ov), 128), "offset");
    }

    @Test
    void badAlignment() {
        for (long a : new long[] {0, 3, 48, 1L << 20}) {
            ByteBuffer b = str(body(), GgufFile.ALIGNMENT_KEY).putInt(4).putInt((int) a);
            rejects(file(0, 1, b), "alignment");
        }
        rejects(file(0, 1, str(body(), GgufFile.ALIGNMENT_KEY).putInt(5).putInt(32)), "UINT32");
    }

    @Test
    void modelFileChecks() throws Exception {
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "x");
        GgufWriter g = GgufModel.writer(w);
        g.put(GgufModel.KEY_N_HEADS, GgufValue.u32(3)); // 3 * 64 != 64
        Path p = dir.resolve("bad.gguf");
        g.write(p);
        try (GgufFile f = GgufFile.open(p)) {
            assertThatThrownBy(() -> GgufModel.weights(f)).isInstanceOf(GgufFormatException.class).hasMessageContaining("dimensions");
        }
        GgufWriter g2 = new GgufWriter();
        g2.put(GgufModel.KEY_ARCH, GgufValue.string("llama"));
        Path p2 = dir.resolve("llama.gguf");
        g2.write(p2);
        try (GgufFile f = GgufFile.open(p2)) {
            assertThatThrownBy(() -> GgufModel.config(f)).isInstanceOf(GgufFormatException.class).hasMessageContaining("architecture");
        }
        Path empty = dir.resolve("empty.gguf");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> GgufFile.open(empty)).isInstanceOf(GgufFormatException.class);
    }

    @Test
    void fuzzedFilesOnlyEverGiveTheTypedException() {
        int iterations = Integer.getInteger("flow.fuzz.iterations", 2000);
        byte[] v = validFile();
        SplittableRandom r = new SplittableRandom(42);
        int accepted = 0;
        for (int i = 0; i < iterations; i++) {
            byte[] m = v.clone();
            int edits = 1 + r.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int pos = r.nextInt(m.length);
                switch (r.nextInt(3)) {
                    case 0 -> m[pos] = (byte) r.nextInt(256);
                    case 1 -> m[pos] ^= (byte) (1 << r.nextInt(8));
                    default -> m[pos] = (byte) (r.nextBoolean() ? 0xff : 0x7f);
                }
            }
            if (r.nextInt(8) == 0) m = java.util.Arrays.copyOf(m, r.nextInt(m.length + 1));
            try {
                parse(m);
                accepted++;
            } catch (GgufFormatException expected) {
                // the only acceptable failure
            }
        }
        // Mutations inside tensor data or padding leave a valid file: some must be accepted.
        assertThat(accepted).isPositive();
    }
}
