package org.flowcoin.moe.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.junit.jupiter.api.Test;

class DeltaTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * A zstd frame built by hand (RFC 8878): single-segment, content size in the header, one raw
     * block. Independent of the zstd library, so decode is checked against a second implementation.
     */
    static byte[] rawFrame(byte[] content) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd});
        if (content.length < 256) {
            o.write(0x20); // FCS flag 0 + single segment: 1-byte content size
            o.write(content.length);
        } else {
            o.write(0xa0); // FCS flag 2 + single segment: 4-byte content size
            o.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(content.length).array());
        }
        int pos = 0;
        do {
            int n = Math.min(128 * 1024, content.length - pos);
            boolean last = pos + n == content.length;
            int bh = (n << 3) | (last ? 1 : 0);
            o.write(bh);
            o.write(bh >>> 8);
            o.write(bh >>> 16);
            o.write(content, pos, n);
            pos += n;
        } while (pos < content.length);
        return o.toByteArray();
    }

    static byte[] sparseContent(long count, long[] idx, int[] bits) {
        ByteBuffer b = ByteBuffer.allocate(9 + 12 * idx.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).putLong(count);
        for (long i : idx) b.putLong(i);
        for (int v : bits) b.putInt(v);
        return b.array();
    }

    static byte[] denseContent(long count, int[] bits) {
        ByteBuffer b = ByteBuffer.allocate(9 + 4 * bits.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 2).putLong(count);
        for (int v : bits) b.putInt(v);
        return b.array();
    }

    @Test
    void specVectorSparse() {
        // docs/spec/delta.md, vector 1: P = 10, entries (2, 0.5), (7, -1.0)
        String content = "01" + "0200000000000000" + "0200000000000000" + "0700000000000000" + "0000003f" + "000080bf";
        Delta d = Delta.of(10, new long[] {2, 7}, new float[] {0.5f, -1f});
        assertThat(HEX.formatHex(d.content())).isEqualTo(content);
        String frame = "28b52ffd" + "20" + "21" + "090100" + content;
        assertThat(HEX.formatHex(rawFrame(d.content()))).isEqualTo(frame);
        Delta back = Delta.decode(HEX.parseHex(frame), 10);
        assertThat(back).isEqualTo(d);
        assertThat(HEX.formatHex(Delta.hash(HEX.parseHex(frame)))).isEqualTo(HEX.formatHex(Keccak.keccak256(HEX.parseHex(frame))));
        assertThat(Delta.decode(d.encode(), 10)).isEqualTo(d);
    }

    @Test
    void specVectorDense() {
        // docs/spec/delta.md, vector 2: P = 2, values (0.25, 0) -> 3 * 1 > 2, dense is canonical
        Delta d = Delta.ofDense(new float[] {0.25f, 0f});
        assertThat(d.form()).isEqualTo(Delta.Form.DENSE);
        assertThat(HEX.formatHex(d.content())).isEqualTo("02" + "0200000000000000" + "0000803e" + "00000000");
        assertThat(Delta.decode(rawFrame(d.content()), 2)).isEqualTo(d);
    }

    @Test
    void formBoundary() {
        assertThat(Delta.of(30, range(10), ones(10)).form()).isEqualTo(Delta.Form.SPARSE);
        assertThat(Delta.of(30, range(11), ones(11)).form()).isEqualTo(Delta.Form.DENSE);
        // the same changes in the non-canonical form are rejected (a too-long sparse list exceeds the bound)
        assertKind(rawFrame(sparseContent(11, range(11), bitsOf(ones(11)))), 30, DeltaFormatException.Kind.SIZE);
        int[] dense = new int[30];
        for (int i = 0; i < 10; i++) dense[i] = Float.floatToIntBits(1f);
        assertKind(rawFrame(denseContent(30, dense)), 30, DeltaFormatException.Kind.FORM);
    }

    @Test
    void roundTripRandom() {
        Random r = new Random(7);
        for (int iter = 0; iter < 200; iter++) {
            int p = 1 + r.nextInt(3000);
            int n = 1 + r.nextInt(Math.min(p, 1 + r.nextInt(p)));
            long[] idx = r.longs(0, p).distinct().limit(n).sorted().toArray();
            float[] val = new float[idx.length];
            for (int i = 0; i < val.length; i++) do val[i] = (float) r.nextGaussian(); while (val[i] == 0f);
            Delta d = Delta.of(p, idx, val);
            for (int level : new int[] {1, 3, 19}) assertThat(Delta.decode(d.encode(level), p)).isEqualTo(d);
            assertThat(Delta.decode(rawFrame(d.content()), p)).isEqualTo(d);
            assertThat(d.nonZeroCount()).isEqualTo(idx.length);
        }
    }

    @Test
    void rejectsFrameProblems() {
        byte[] ok = Delta.of(10, new long[] {1}, new float[] {1f}).encode();
        assertKind(new byte[0], 10, DeltaFormatException.Kind.FRAME);
        assertKind(new byte[] {1, 2, 3, 4, 5}, 10, DeltaFormatException.Kind.FRAME);
        assertKind(concat(ok, ok), 10, DeltaFormatException.Kind.FRAME);
        assertKind(concat(ok, new byte[] {0}), 10, DeltaFormatException.Kind.FRAME);
        assertKind(Arrays.copyOf(ok, ok.length - 1), 10, DeltaFormatException.Kind.FRAME);
        // a skippable frame is not a delta
        assertKind(HEX.parseHex("50 2a 4d 18 00000000".replace(" ", "")), 10, DeltaFormatException.Kind.FRAME);
        // frame without a content size: no single-segment flag, FCS flag 0, window descriptor, raw block
        byte[] c = sparseContent(1, new long[] {1}, bitsOf(new float[] {1f}));
        byte[] noSize = concat(HEX.parseHex("28b52ffd0000"), new byte[] {(byte) ((c.length << 3) | 1), (byte) (c.length >>> 5), 0}, c);
        assertThat(Zstd.decompress(noSize, 100)).isEqualTo(c); // the frame itself is valid zstd
        assertKind(noSize, 10, DeltaFormatException.Kind.FRAME);
    }

    @Test
    void rejectsSizeProblems() {
        assertKind(rawFrame(new byte[] {1, 0, 0}), 10, DeltaFormatException.Kind.SIZE);
        // P = 10: bound is 9 + 40 = 49 bytes
        assertKind(rawFrame(new byte[50]), 10, DeltaFormatException.Kind.SIZE);
        // declared 200 GiB in an 18-byte frame: rejected before any allocation
        byte[] huge = HEX.parseHex("28b52ffd" + "e0" + "0000000032000000" + "010000");
        assertKind(huge, 1L << 40, DeltaFormatException.Kind.SIZE);
        // content size in the header larger than what the frame holds
        byte[] c = sparseContent(1, new long[] {1}, bitsOf(new float[] {1f}));
        byte[] f = rawFrame(c);
        f[5] = (byte) (c.length + 1);
        assertThatThrownBy(() -> Delta.decode(f, 10)).isInstanceOf(DeltaFormatException.class);
    }

    @Test
    void rejectsContentProblems() {
        int one = Float.floatToIntBits(1f);
        assertKind(rawFrame(concat(new byte[] {3}, new byte[8 + 12])), 10, DeltaFormatException.Kind.LAYOUT);
        assertKind(rawFrame(sparseContent(2, new long[] {1}, new int[] {one})), 10, DeltaFormatException.Kind.LAYOUT);
        assertKind(rawFrame(sparseContent(0, new long[] {}, new int[] {})), 10, DeltaFormatException.Kind.LAYOUT);
        assertKind(rawFrame(sparseContent(-1, new long[] {1}, new int[] {one})), 10, DeltaFormatException.Kind.LAYOUT);
        assertKind(rawFrame(sparseContent(2, new long[] {3, 3}, new int[] {one, one})), 10, DeltaFormatException.Kind.INDEX);
        assertKind(rawFrame(sparseContent(2, new long[] {4, 3}, new int[] {one, one})), 10, DeltaFormatException.Kind.INDEX);
        assertKind(rawFrame(sparseContent(1, new long[] {10}, new int[] {one})), 10, DeltaFormatException.Kind.INDEX);
        assertKind(rawFrame(sparseContent(1, new long[] {-1}, new int[] {one})), 10, DeltaFormatException.Kind.INDEX);
        for (int bad : new int[] {0, 0x8000_0000, 0x7fc0_0000, 0x7f80_0000, 0xff80_0000, 0x7f80_0001}) {
            assertKind(rawFrame(sparseContent(1, new long[] {1}, new int[] {bad})), 10, DeltaFormatException.Kind.VALUE);
        }
        assertKind(rawFrame(denseContent(2, new int[] {one})), 2, DeltaFormatException.Kind.LAYOUT);
        assertKind(rawFrame(denseContent(3, new int[] {one, one})), 2, DeltaFormatException.Kind.LAYOUT);
        assertKind(rawFrame(denseContent(2, new int[] {0, 0})), 2, DeltaFormatException.Kind.VALUE);
        assertKind(rawFrame(denseContent(2, new int[] {one, 0x8000_0000})), 2, DeltaFormatException.Kind.VALUE);
        assertKind(rawFrame(denseContent(2, new int[] {one, 0x7fc0_0000})), 2, DeltaFormatException.Kind.VALUE);
        assertThat(Delta.decode(rawFrame(denseContent(2, new int[] {one, 0})), 2).nonZeroCount()).isEqualTo(1);
    }

    @Test
    void builderRejectsInvalidChanges() {
        assertThatThrownBy(() -> Delta.of(10, new long[0], new float[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Delta.of(10, new long[] {2, 1}, new float[] {1, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Delta.of(10, new long[] {1}, new float[] {Float.NaN})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Delta.ofDense(new float[4])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void applyAddsAndRevertRestoresBits() {
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "delta-test");
        ModelWeights orig = w.copy();
        long p = w.layout().parameterCount();
        Random r = new Random(3);
        long[] idx = r.longs(0, p).distinct().limit(500).sorted().toArray();
        float[] val = new float[idx.length];
        for (int i = 0; i < val.length; i++) val[i] = (float) (r.nextGaussian() * 1e-3) + 1e-7f;
        Delta d = Delta.decode(Delta.of(p, idx, val).encode(), p);
        Delta.Applied a = d.apply(w);
        for (int i = 0; i < idx.length; i++) {
            assertThat(Float.floatToRawIntBits(w.get(idx[i]))).isEqualTo(Float.floatToRawIntBits(orig.get(idx[i]) + val[i]));
        }
        assertThat(a.changed()).isEqualTo(idx.length);
        assertThat(Delta.between(orig, w).nonZeroCount()).isEqualTo(idx.length);
        d.revert(w, a.previous());
        assertThat(w.bitEquals(orig)).isTrue();
    }

    @Test
    void applyRejectsOverflowWithoutWriting() {
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "delta-test");
        long p = w.layout().parameterCount();
        w.set(p - 1, Float.MAX_VALUE);
        ModelWeights before = w.copy();
        Delta d = Delta.of(p, new long[] {0, p - 1}, new float[] {1f, Float.MAX_VALUE});
        assertThatThrownBy(() -> d.apply(w)).isInstanceOf(DeltaApplyException.class);
        assertThat(w.bitEquals(before)).isTrue();
        // a delta too small to change any bit is a no-op: changed = 0
        w.set(5, 1e6f);
        assertThat(Delta.of(p, new long[] {5}, new float[] {1e-6f}).apply(w).changed()).isZero();
    }

    @Test
    void fuzzDecodeThrowsOnlyFormatErrors() {
        int iterations = Integer.getInteger("flow.fuzz.iterations", 20_000);
        Random r = new Random(11);
        long p = 64;
        byte[][] seeds = {
            Delta.of(p, new long[] {1, 5, 60}, new float[] {1f, -2f, 3f}).encode(),
            rawFrame(Delta.of(p, new long[] {0, 63}, new float[] {0.5f, 0.25f}).content()),
            Delta.ofDense(randomDense(r, (int) p)).encode(),
        };
        int accepted = 0;
        for (int i = 0; i < iterations; i++) {
            byte[] f = seeds[i % seeds.length].clone();
            int flips = 1 + r.nextInt(4);
            for (int k = 0; k < flips; k++) f[r.nextInt(f.length)] ^= (byte) (1 + r.nextInt(255));
            if (r.nextInt(8) == 0) f = Arrays.copyOf(f, r.nextInt(f.length + 8));
            try {
                Delta d = Delta.decode(f, p);
                assertThat(Delta.decode(rawFrame(d.content()), p)).isEqualTo(d);
                accepted++;
            } catch (DeltaFormatException expected) {
                assertThat(expected.kind()).isNotNull();
            }
        }
        assertThat(accepted).isLessThan(iterations);
    }

    private static float[] randomDense(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = 1 + r.nextInt(100);
        return v;
    }

    private static void assertKind(byte[] payload, long p, DeltaFormatException.Kind kind) {
        assertThatThrownBy(() -> Delta.decode(payload, p))
                .isInstanceOfSatisfying(DeltaFormatException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    private static long[] range(int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 1f);
        return a;
    }

    private static int[] bitsOf(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Float.floatToIntBits(v[i]);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }
}
