package org.flowcoin.moe;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Exports the model of docs/spec/model.md as an ONNX ModelProto (IR 8, opset 17) for one sequence
 * of fixed length n, written with a minimal protobuf encoder. Its purpose is an independent
 * numerical cross-check (ONNX Runtime computes it with its own kernels); it is not canonical.
 * Routing is the global top-2 ({@code TopK}) over the s*s product scores, which agrees with the
 * candidate procedure except on rounding ties; the experts run densely, weighted by a scattered
 * gate matrix that is zero for unrouted experts. Input {@code ids} (int64 [n]), output
 * {@code logits} (float [n, 256]). The weights are embedded (transposed) in the model bytes.
 *
 * <pre>{@code
 * byte[] onnx = OnnxExport.build(weights, 256);
 * try (OrtSession s = env.createSession(onnx, options)) { ... }
 * }</pre>
 */
public final class OnnxExport {
    private final Pb graph = new Pb();
    private int counter;
    private final int n;

    private OnnxExport(int n) {
        this.n = n;
    }

    /** Minimal protobuf writer. */
    static final class Pb {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        Pb i64(int field, long v) {
            varint((long) field << 3);
            varint(v);
            return this;
        }

        Pb f32(int field, float v) {
            varint((long) field << 3 | 5);
            int b = Float.floatToRawIntBits(v);
            for (int i = 0; i < 4; i++) out.write(b >>> (8 * i));
            return this;
        }

        Pb bytes(int field, byte[] b) {
            varint((long) field << 3 | 2);
            varint(b.length);
            out.writeBytes(b);
            return this;
        }

        Pb str(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Pb msg(int field, Pb m) {
            return bytes(field, m.out.toByteArray());
        }
    }

    private String fresh() {
        return "t" + (counter++);
    }

    private static final int FLOAT = 1, INT64 = 7;

    private String init(float[] data, long... dims) {
        String name = fresh();
        Pb t = new Pb();
        for (long d : dims) t.i64(1, d);
        t.i64(2, FLOAT);
        t.str(8, name);
        ByteBuffer bb = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(data);
        t.bytes(9, bb.array());
        graph.msg(5, t);
        return name;
    }

    private String initLong(long... data) {
        String name = fresh();
        Pb t = new Pb();
        t.i64(1, data.length);
        t.i64(2, INT64);
        t.str(8, name);
        ByteBuffer bb = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : data) bb.putLong(v);
        t.bytes(9, bb.array());
        graph.msg(5, t);
        return name;
    }

    private String scalarLong(long v) {
        String name = fresh();
        Pb t = new Pb();
        t.i64(2, INT64);
        t.str(8, name);
        t.bytes(9, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        graph.msg(5, t);
        return name;
    }

    private String scalar(float v) {
        return init(new float[] {v});
    }

    private static Pb attrInt(String name, long v) {
        return new Pb().str(1, name).i64(3, v).i64(20, 2);
    }

    private static Pb attrInts(String name, long... v) {
        Pb a = new Pb().str(1, name);
        for (long x : v) a.i64(8, x);
        return a.i64(20, 7);
    }

    private String node(String op, String[] inputs, Pb... attrs) {
        String out = fresh();
        Pb nd = new Pb();
        for (String i : inputs) nd.str(1, i);
        nd.str(2, out);
        nd.str(3, "n" + counter);
        nd.str(4, op);
        for (Pb a : attrs) nd.msg(5, a);
        graph.msg(1, nd);
        return out;
    }

    private String[] node2(String op, String[] inputs, Pb... attrs) {
        String o1 = fresh(), o2 = fresh();
        Pb nd = new Pb();
        for (String i : inputs) nd.str(1, i);
        nd.str(2, o1).str(2, o2);
        nd.str(3, "n" + counter);
        nd.str(4, op);
        for (Pb a : attrs) nd.msg(5, a);
        graph.msg(1, nd);
        return new String[] {o1, o2};
    }

    private String op(String op, String... inputs) {
        return node(op, inputs);
    }

    /** A matrix W [rows, cols] of the model, as an initializer holding W^T [cols, rows]. */
    private String transposed(ModelWeights w, String name, int rows, int cols) {
        var s = w.tensor(name);
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) t[c * rows + r] = s.getAtIndex(ModelWeights.FLOAT_LE, (long) r * cols + c);
        }
        return init(t, cols, rows);
    }

    private String vec(ModelWeights w, String name, int len) {
        float[] v = new float[len];
        var s = w.tensor(name);
        for (int i = 0; i < len; i++) v[i] = s.getAtIndex(ModelWeights.FLOAT_LE, i);
        return init(v, len);
    }

    private String rms(String x, String gain) {
        String ms = node("ReduceMean", new String[] {op("Mul", x, x)}, attrInts("axes", -1), attrInt("keepdims", 1));
        String r = op("Reciprocal", op("Sqrt", op("Add", ms, scalar(ModelConfig.RMS_EPS))));
        return op("Mul", op("Mul", x, r), gain);
    }

    private String rope(String a, int heads, String cos, String sin) {
        String r = op("Reshape", a, initLong(n, heads, 32, 2));
        String x0 = node("Gather", new String[] {r, scalarLong(0)}, attrInt("axis", 3));
        String x1 = node("Gather", new String[] {r, scalarLong(1)}, attrInt("axis", 3));
        String y0 = op("Sub", op("Mul", x0, cos), op("Mul", x1, sin));
        String y1 = op("Add", op("Mul", x0, sin), op("Mul", x1, cos));
        String ax = initLong(3);
        String c = node("Concat", new String[] {op("Unsqueeze", y0, ax), op("Unsqueeze", y1, ax)}, attrInt("axis", 3));
        return op("Reshape", c, initLong(n, heads * 64L));
    }

    /**
     * The serialized model for sequences of exactly {@code n} bytes.
     *
     * @throws IllegalArgumentException if n is not in 1..4096 or the model is over 2 GB (the
     *     protobuf limit)
     */
    public static byte[] build(ModelWeights w, int n) {
        if (n < 1 || n > 4096) throw new IllegalArgumentException("sequence length must be in 1..4096");
        if (w.config().byteSize() > (1L << 30)) throw new IllegalArgumentException("model too large for an ONNX protobuf");
        return new OnnxExport(n).model(w);
    }

    private byte[] model(ModelWeights w) {
        ModelConfig c = w.config();
        int d = c.dModel(), H = c.nHeads(), G = c.nKvHeads(), s = c.subKeys(), N = c.nExperts(), dE = c.dExpert();
        float[][] rt = org.flowcoin.moe.internal.Canon.ropeTables(n);
        String cos = init(rt[0], n, 1, 32), sin = init(rt[1], n, 1, 32);
        float[] mask = new float[n * n];
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) mask[i * n + j] = -1e30f;
        String maskT = init(mask, n, n);
        long[] kvIdx = new long[H];
        for (int h = 0; h < H; h++) kvIdx[h] = h / (H / G);
        String kvIndex = initLong(kvIdx);
        String emb = vec(w, "token_embd.weight", ModelConfig.VOCAB * d);
        String embMat = op("Reshape", emb, initLong(ModelConfig.VOCAB, d));
        String x = node("Gather", new String[] {embMat, "ids"}, attrInt("axis", 0));
        for (int l = 0; l < c.nLayers(); l++) {
            String p = "blk." + l + ".";
            String u = rms(x, vec(w, p + "attn_norm.weight", d));
            String q = rope(op("MatMul", u, transposed(w, p + "attn_q.weight", H * 64, d)), H, cos, sin);
            String k = rope(op("MatMul", u, transposed(w, p + "attn_k.weight", G * 64, d)), G, cos, sin);
            String v = op("MatMul", u, transposed(w, p + "attn_v.weight", G * 64, d));
            String qh = node("Transpose", new String[] {op("Reshape", q, initLong(n, H, 64))}, attrInts("perm", 1, 0, 2));
            String kh = node("Transpose", new String[] {op("Reshape", k, initLong(n, G, 64))}, attrInts("perm", 1, 2, 0));
            String vh = node("Transpose", new String[] {op("Reshape", v, initLong(n, G, 64))}, attrInts("perm", 1, 0, 2));
            kh = node("Gather", new String[] {kh, kvIndex}, attrInt("axis", 0));
            vh = node("Gather", new String[] {vh, kvIndex}, attrInt("axis", 0));
            String sc = op("Add", op("Mul", op("MatMul", qh, kh), scalar(0.125f)), maskT);
            String pr = node("Softmax", new String[] {sc}, attrInt("axis", -1));
            String o = node("Transpose", new String[] {op("MatMul", pr, vh)}, attrInts("perm", 1, 0, 2));
            o = op("Reshape", o, initLong(n, H * 64L));
            x = op("Add", x, op("MatMul", o, transposed(w, p + "attn_output.weight", d, H * 64)));
            u = rms(x, vec(w, p + "ffn_norm.weight", d));
            String pairs = op("Reshape", u, initLong(n, d / 2, 2));
            String qa = node("Gather", new String[] {pairs, scalarLong(0)}, attrInt("axis", 2));
            String qb = node("Gather", new String[] {pairs, scalarLong(1)}, attrInt("axis", 2));
            String sa = op("MatMul", qa, transposed(w, p + "ffn_pk_a.weight", s, d / 2));
            String sb = op("MatMul", qb, transposed(w, p + "ffn_pk_b.weight", s, d / 2));
            String all = op("Add", op("Unsqueeze", sa, initLong(2)), op("Unsqueeze", sb, initLong(1)));
            all = op("Reshape", all, initLong(n, N));
            String[] top = node2("TopK", new String[] {all, initLong(2)}, attrInt("axis", -1), attrInt("largest", 1), attrInt("sorted", 1));
            String gates = node("Softmax", new String[] {top[0]}, attrInt("axis", -1));
            String gm = node("ScatterElements", new String[] {init(new float[n * N], n, N), top[1], gates}, attrInt("axis", 1));
            String ga = op("MatMul", u, transposed(w, p + "ffn_gate_exps.weight", N * dE, d));
            String up = op("MatMul", u, transposed(w, p + "ffn_up_exps.weight", N * dE, d));
            String h = op("Mul", op("Mul", ga, op("Sigmoid", ga)), up);
            h = op("Mul", op("Reshape", h, initLong(n, N, dE)), op("Unsqueeze", gm, initLong(2)));
            h = op("Reshape", h, initLong(n, (long) N * dE));
            // down [N, d, dE] -> [N*dE, d]: row e*dE + k, column i = down[e][i][k]
            var ds = w.tensor(p + "ffn_down_exps.weight");
            float[] dt = new float[N * dE * d];
            for (int e = 0; e < N; e++) {
                for (int i = 0; i < d; i++) {
                    for (int kk = 0; kk < dE; kk++) dt[(e * dE + kk) * d + i] = ds.getAtIndex(ModelWeights.FLOAT_LE, ((long) e * d + i) * dE + kk);
                }
            }
            x = op("Add", x, op("MatMul", h, init(dt, (long) N * dE, d)));
        }
        String u = rms(x, vec(w, "output_norm.weight", d));
        String logits = op("MatMul", u, transposed(w, "token_embd.weight", ModelConfig.VOCAB, d));
        // rename the output
        Pb id = new Pb().str(1, logits).str(2, "logits").str(3, "out").str(4, "Identity");
        graph.msg(1, id);
        graph.str(2, "flowcoin-moe");
        graph.msg(11, valueInfo("ids", INT64, n));
        graph.msg(12, valueInfo("logits", FLOAT, n, ModelConfig.VOCAB));
        Pb model = new Pb();
        model.i64(1, 8); // ir_version
        model.str(2, "flowcoin-sdk-test");
        model.msg(7, graph);
        model.msg(8, new Pb().str(1, "").i64(2, 17));
        return model.out.toByteArray();
    }

    private static Pb valueInfo(String name, int elem, long... dims) {
        Pb shape = new Pb();
        for (long d : dims) shape.msg(1, new Pb().i64(1, d));
        Pb tensor = new Pb().i64(1, elem).msg(2, shape);
        return new Pb().str(1, name).msg(2, new Pb().msg(1, tensor));
    }
}
