package org.flowcoin.moe.ggml;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.TensorInfo;
import org.flowcoin.moe.gguf.GgmlType;
import org.flowcoin.moe.gguf.GgufModel;
import org.flowcoin.moe.gguf.GgufValue;
import org.flowcoin.moe.gguf.GgufWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files from the SDK's GGUF writer, read by ggml's own {@code gguf_init_from_file}. */
class GgufGgmlInteropTest {
    @TempDir
    Path dir;

    /** Opens with ggml, loading tensor data into a ggml context; returns {gguf ctx, ggml ctx}. */
    static MemorySegment[] ggmlOpen(Ggml g, Arena a, Path p) throws Throwable {
        MemorySegment ctxOut = a.allocate(ADDRESS);
        MemorySegment params = a.allocate(Ggml.GGUF_INIT_PARAMS);
        params.set(JAVA_BOOLEAN, 0, false);
        params.set(ADDRESS, 8, ctxOut);
        MemorySegment gguf = (MemorySegment) g.ggufInitFromFile.invokeExact(a.allocateFrom(p.toString()), params);
        return new MemorySegment[] {gguf, ctxOut.get(ADDRESS, 0)};
    }

    @Test
    void modelFileLoadsInGgmlWithIdenticalTensors() throws Throwable {
        Ggml g = GgmlTestSupport.ggml();
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "interop");
        Path p = dir.resolve("tiny.gguf");
        GgufModel.write(w, p);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment[] h = ggmlOpen(g, a, p);
            MemorySegment gguf = h[0], ctx = h[1];
            assertThat(gguf).isNotEqualTo(MemorySegment.NULL);
            try {
                assertThat((int) g.ggufGetVersion.invokeExact(gguf)).isEqualTo(3);
                assertThat((long) g.ggufGetAlignment.invokeExact(gguf)).isEqualTo(32);
                long dataOffset = (long) g.ggufGetDataOffset.invokeExact(gguf);
                assertThat(dataOffset % 32).isZero();
                long arch = (long) g.ggufFindKey.invokeExact(gguf, a.allocateFrom(GgufModel.KEY_ARCH));
                assertThat(((MemorySegment) g.ggufGetValStr.invokeExact(gguf, arch)).reinterpret(100).getString(0)).isEqualTo("flowcoin-moe");
                long dm = (long) g.ggufFindKey.invokeExact(gguf, a.allocateFrom(GgufModel.KEY_D_MODEL));
                assertThat((int) g.ggufGetKvType.invokeExact(gguf, dm)).isEqualTo(4);
                assertThat((int) g.ggufGetValU32.invokeExact(gguf, dm)).isEqualTo(64);
                List<TensorInfo> ts = w.layout().tensors();
                assertThat((long) g.ggufGetNTensors.invokeExact(gguf)).isEqualTo(ts.size());
                long expectedOffset = 0;
                for (int i = 0; i < ts.size(); i++) {
                    TensorInfo t = ts.get(i);
                    MemorySegment name = a.allocateFrom(t.name());
                    long id = (long) g.ggufFindTensor.invokeExact(gguf, name);
                    assertThat(id).isEqualTo(i);
                    assertThat((int) g.ggufGetTensorType.invokeExact(gguf, id)).isEqualTo(Ggml.TYPE_F32);
                    assertThat((long) g.ggufGetTensorSize.invokeExact(gguf, id)).isEqualTo(t.byteSize());
                    assertThat((long) g.ggufGetTensorOffset.invokeExact(gguf, id)).isEqualTo(expectedOffset);
                    expectedOffset = (expectedOffset + t.byteSize() + 31) & -32;
                    MemorySegment ne = ((MemorySegment) g.ggufGetTensorNe.invokeExact(gguf, id)).reinterpret(32);
                    long[] want = GgufModel.ggmlShape(t);
                    for (int d = 0; d < 4; d++) assertThat(ne.getAtIndex(JAVA_LONG, d)).isEqualTo(d < want.length ? want[d] : 1);
                    // The data ggml loaded into its own context equals what was written.
                    MemorySegment gt = (MemorySegment) g.getTensor.invokeExact(ctx, name);
                    assertThat(gt).isNotEqualTo(MemorySegment.NULL);
                    MemorySegment data = g.data(gt);
                    assertThat(data.byteSize()).isEqualTo(t.byteSize());
                    assertThat(data.mismatch(w.tensor(i))).as(t.name()).isEqualTo(-1);
                }
            } finally {
                g.ggufFree.invokeExact(gguf);
                g.free.invokeExact(ctx);
            }
        }
    }

    @Test
    void nonDefaultAlignmentAndIntTensorLoadInGgml() throws Throwable {
        Ggml g = GgmlTestSupport.ggml();
        GgufWriter wr = new GgufWriter(64);
        wr.put("x.s", GgufValue.string("v"));
        int[] vals = {5, -6, 7, 8, 9};
        wr.addTensor("ints", GgmlType.I32, new long[] {5}, MemorySegment.ofArray(vals));
        wr.addTensor("f", GgmlType.F32, new long[] {2, 3}, MemorySegment.ofArray(new float[] {1, 2, 3, 4, 5, 6}));
        Path p = dir.resolve("a64.gguf");
        wr.write(p);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment[] h = ggmlOpen(g, a, p);
            assertThat(h[0]).isNotEqualTo(MemorySegment.NULL);
            try {
                assertThat((long) g.ggufGetAlignment.invokeExact(h[0])).isEqualTo(64);
                MemorySegment t = (MemorySegment) g.getTensor.invokeExact(h[1], a.allocateFrom("ints"));
                assertThat(g.data(t).toArray(ValueLayout.JAVA_INT)).containsExactly(vals);
                MemorySegment f = (MemorySegment) g.getTensor.invokeExact(h[1], a.allocateFrom("f"));
                assertThat(g.data(f).toArray(ValueLayout.JAVA_FLOAT)).containsExactly(1, 2, 3, 4, 5, 6);
            } finally {
                g.ggufFree.invokeExact(h[0]);
                g.free.invokeExact(h[1]);
            }
        }
    }

    @Test
    void ggmlAlsoRejectsABadMagic() throws Throwable {
        Ggml g = GgmlTestSupport.ggml();
        Path p = dir.resolve("bad.gguf");
        GgufModel.write(ModelInit.init(ModelConfig.tiny(), "x"), p);
        byte[] b = Files.readAllBytes(p);
        b[0] = 'X';
        Files.write(p, b);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment[] h = ggmlOpen(g, a, p);
            assertThat(h[0]).isEqualTo(MemorySegment.NULL);
        }
    }
}
