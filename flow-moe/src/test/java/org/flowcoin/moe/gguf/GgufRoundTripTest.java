package org.flowcoin.moe.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writer/reader round trips and the exact byte layout of a small file. */
class GgufRoundTripTest {
    @TempDir
    Path dir;

    static Map<String, GgufValue> allTypes() {
        Map<String, GgufValue> m = new LinkedHashMap<>();
        m.put("t.u8", GgufValue.u8(250));
        m.put("t.i8", GgufValue.i8(-5));
        m.put("t.u16", GgufValue.u16(65000));
        m.put("t.i16", GgufValue.i16(-30000));
        m.put("t.u32", GgufValue.u32(4_000_000_000L));
        m.put("t.i32", GgufValue.i32(-2_000_000_000));
        m.put("t.f32", GgufValue.f32(-1.5f));
        m.put("t.bool", GgufValue.bool(true));
        m.put("t.str", GgufValue.string("héllo ✓"));
        m.put("t.u64", GgufValue.u64(-1L));
        m.put("t.i64", GgufValue.i64(Long.MIN_VALUE));
        m.put("t.f64", GgufValue.f64(Math.PI));
        m.put("t.arr.u32", GgufValue.array(GgufType.UINT32, List.of(GgufValue.u32(1), GgufValue.u32(2), GgufValue.u32(3))));
        m.put("t.arr.str", GgufValue.array(GgufType.STRING, List.of(GgufValue.string("a"), GgufValue.string(""))));
        m.put("t.arr.empty", GgufValue.array(GgufType.FLOAT64, List.of()));
        return m;
    }

    @Test
    void metadataOfEveryTypeAndTensorsRoundTrip() throws Exception {
        for (int align : new int[] {32, 64, 8, 1}) {
            GgufWriter w = new GgufWriter(align);
            allTypes().forEach(w::put);
            MemorySegment a = MemorySegment.ofArray(new float[] {1, 2, 3, 4, 5, 6});
            MemorySegment b = MemorySegment.ofArray(new int[] {7, -8, 9});
            w.addTensor("a", GgmlType.F32, new long[] {3, 2}, a);
            w.addTensor("b", GgmlType.I32, new long[] {3}, b);
            Path p = dir.resolve("rt" + align + ".gguf");
            w.write(p);
            try (GgufFile f = GgufFile.open(p)) {
                Map<String, GgufValue> md = new LinkedHashMap<>(f.metadata());
                if (align != 32) assertThat(md.remove(GgufFile.ALIGNMENT_KEY)).isEqualTo(GgufValue.u32(align));
                assertThat(md).containsExactlyEntriesOf(allTypes());
                assertThat(f.alignment()).isEqualTo(align);
                assertThat(f.dataOffset() % align).isZero();
                assertThat(f.tensors()).extracting(GgufTensorInfo::name).containsExactly("a", "b");
                assertThat(f.tensor("b").offset() % align).isZero();
                assertThat(f.tensorData("a").toArray(ValueLayout.JAVA_FLOAT_UNALIGNED)).containsExactly(1, 2, 3, 4, 5, 6);
                assertThat(f.tensorData("b").toArray(ValueLayout.JAVA_INT_UNALIGNED)).containsExactly(7, -8, 9);
                assertThat(f.metadata().get("t.u64").toString()).isEqualTo("18446744073709551615");
            }
        }
    }

    /** The vector of docs/spec/gguf.md section "Test vector", computed by hand from the GGUF v3 layout. */
    static final String MINIMAL_HEX = "474755460300000001000000000000000100000000000000"   // magic, version 3, 1 tensor, 1 key
            + "01000000000000006b" + "04000000" + "07000000"                                  // key "k", UINT32, 7
            + "010000000000000074" + "01000000" + "0200000000000000" + "00000000" + "0000000000000000" // "t", 1 dim, ne0 2, F32, offset 0
            + "00000000000000000000000000000000000000000000"                                    // 74 -> 96: pad to 32
            + "0000803f000000c0" + "000000000000000000000000000000000000000000000000";          // 1.0f, -2.0f, pad to 32

    @Test
    void exactBytesOfAMinimalFile() throws Exception {
        GgufWriter w = new GgufWriter();
        w.put("k", GgufValue.u32(7));
        w.addTensor("t", GgmlType.F32, new long[] {2}, MemorySegment.ofArray(new float[] {1f, -2f}));
        Path p = dir.resolve("min.gguf");
        w.write(p);
        assertThat(java.util.HexFormat.of().formatHex(Files.readAllBytes(p))).isEqualTo(MINIMAL_HEX);
        try (GgufFile f = GgufFile.open(p)) {
            assertThat(f.dataOffset()).isEqualTo(96);
            assertThat(f.metadata().get("k")).isEqualTo(GgufValue.u32(7));
        }
    }

    @Test
    void modelRoundTripIsBitExactAndMapped() throws Exception {
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "gguf");
        Path p = dir.resolve("tiny.gguf");
        GgufModel.write(w, p);
        try (GgufFile f = GgufFile.open(p)) {
            assertThat(GgufModel.config(f)).isEqualTo(ModelConfig.tiny());
            ModelWeights r = GgufModel.weights(f);
            assertThat(r.bitEquals(w)).isTrue();
            assertThat(r.tensor(0).isNative()).isTrue();   // a slice of the mapped file, not a heap copy
            assertThat(r.tensor(0).isReadOnly()).isTrue();
            assertThat(f.tensor("token_embd.weight").ne()).containsExactly(64, 256);
        }
    }

    @Test
    void writerRejectsBadInput() {
        GgufWriter w = new GgufWriter();
        MemorySegment s = MemorySegment.ofArray(new float[4]);
        assertThatThrownBy(() -> w.addTensor("x", GgmlType.F32, new long[] {3}, s)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.addTensor("x".repeat(64), GgmlType.F32, new long[] {4}, s)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.addTensor("x", GgmlType.F32, new long[] {}, s)).isInstanceOf(IllegalArgumentException.class);
        w.addTensor("x", GgmlType.F32, new long[] {2, 2}, s);
        assertThatThrownBy(() -> w.addTensor("x", GgmlType.F32, new long[] {4}, s)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GgufWriter(24)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.put(GgufFile.ALIGNMENT_KEY, GgufValue.u32(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GgufValue.u8(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GgufValue.array(GgufType.UINT8, List.of(GgufValue.u16(1)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nativeSegmentsAreWritten() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(4L * 100);
            for (int i = 0; i < 100; i++) s.setAtIndex(ValueLayout.JAVA_FLOAT, i, i * 0.5f);
            GgufWriter w = new GgufWriter();
            w.addTensor("n", GgmlType.F32, new long[] {10, 10}, s);
            Path p = dir.resolve("n.gguf");
            w.write(p);
            try (GgufFile f = GgufFile.open(p)) {
                assertThat(f.tensorData("n").mismatch(s)).isEqualTo(-1);
            }
        }
    }
}
