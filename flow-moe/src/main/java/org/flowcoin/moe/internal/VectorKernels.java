package org.flowcoin.moe.internal;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels with the canonical bits by construction: the 16 canonical lanes are two
 * 8-lane vectors (lanes 0-7 and 8-15), lane-wise multiply then add (never fused), and the lanes are
 * combined by the canonical tree. Only loaded when {@code jdk.incubator.vector} is present.
 */
public final class VectorKernels implements Kernels {
    public static final VectorKernels INSTANCE = new VectorKernels();

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    /** The 16 canonical lanes in one register; used where the hardware has 512-bit vectors. */
    private static final VectorSpecies<Float> W = FloatVector.SPECIES_512;
    private static final boolean WIDE = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private VectorKernels() {}

    /** True when 256-bit float vectors are backed by hardware (otherwise this path is slow, still exact). */
    public static boolean hardwareAccelerated() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    private static float reduce(FloatVector lo, FloatVector hi) {
        FloatVector s8 = lo.add(hi);
        return Canon.tree8(s8.lane(0), s8.lane(1), s8.lane(2), s8.lane(3),
                s8.lane(4), s8.lane(5), s8.lane(6), s8.lane(7));
    }

    @Override
    public void matmul(MemorySegment w, long wo, int rows, int n, float[] x, int xo, int ldx, int tokens,
                       float[] y, int yo, int ldy) {
        if (n == 4 && WIDE && w.isNative()) { // the experts' down projection: d rows of dExpert = 4
            matmul4(w, wo, rows, x, xo, ldx, tokens, y, yo, ldy);
            return;
        }
        if (n % 16 != 0 || !w.isNative()) { // heap segments are not intrinsified: scalar, same bits
            ScalarKernels.INSTANCE.matmul(w, wo, rows, n, x, xo, ldx, tokens, y, yo, ldy);
            return;
        }
        if (WIDE) matmulWide(w, wo, rows, n, x, xo, ldx, tokens, y, yo, ldy);
        else matmulNarrow(w, wo, rows, n, x, xo, ldx, tokens, y, yo, ldy);
    }

    /** 256-bit vectors: the 16 canonical lanes are two registers; 4 rows per pass, one token at a time. */
    static void matmulNarrow(MemorySegment w, long wo, int rows, int n, float[] x, int xo, int ldx, int tokens,
                             float[] y, int yo, int ldy) {
        long rowBytes = 4L * n;
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            long w0 = wo + r * rowBytes, w1 = w0 + rowBytes, w2 = w1 + rowBytes, w3 = w2 + rowBytes;
            for (int t = 0; t < tokens; t++) {
                int xb = xo + t * ldx;
                FloatVector a0 = FloatVector.zero(S), b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
                for (int i = 0; i < n; i += 16) {
                    FloatVector xl = FloatVector.fromArray(S, x, xb + i);
                    FloatVector xh = FloatVector.fromArray(S, x, xb + i + 8);
                    long bo = 4L * i;
                    a0 = a0.add(FloatVector.fromMemorySegment(S, w, w0 + bo, LE).mul(xl));
                    b0 = b0.add(FloatVector.fromMemorySegment(S, w, w0 + bo + 32, LE).mul(xh));
                    a1 = a1.add(FloatVector.fromMemorySegment(S, w, w1 + bo, LE).mul(xl));
                    b1 = b1.add(FloatVector.fromMemorySegment(S, w, w1 + bo + 32, LE).mul(xh));
                    a2 = a2.add(FloatVector.fromMemorySegment(S, w, w2 + bo, LE).mul(xl));
                    b2 = b2.add(FloatVector.fromMemorySegment(S, w, w2 + bo + 32, LE).mul(xh));
                    a3 = a3.add(FloatVector.fromMemorySegment(S, w, w3 + bo, LE).mul(xl));
                    b3 = b3.add(FloatVector.fromMemorySegment(S, w, w3 + bo + 32, LE).mul(xh));
                }
                int yb = yo + t * ldy + r;
                y[yb] = reduce(a0, b0);
                y[yb + 1] = reduce(a1, b1);
                y[yb + 2] = reduce(a2, b2);
                y[yb + 3] = reduce(a3, b3);
            }
        }
        for (; r < rows; r++) {
            long w0 = wo + r * rowBytes;
            for (int t = 0; t < tokens; t++) {
                int xb = xo + t * ldx;
                FloatVector a0 = FloatVector.zero(S), b0 = a0;
                for (int i = 0; i < n; i += 16) {
                    long bo = 4L * i;
                    a0 = a0.add(FloatVector.fromMemorySegment(S, w, w0 + bo, LE).mul(FloatVector.fromArray(S, x, xb + i)));
                    b0 = b0.add(FloatVector.fromMemorySegment(S, w, w0 + bo + 32, LE).mul(FloatVector.fromArray(S, x, xb + i + 8)));
                }
                y[yo + t * ldy + r] = reduce(a0, b0);
            }
        }
    }

    /**
     * The same products on 512-bit vectors, register-blocked 4 rows x 4 tokens: each weight vector
     * loaded serves four tokens and each input vector four rows. Lane l of every accumulator still
     * sums the products of indices l, l+16, ... in index order, so the bits are the canonical ones;
     * only the order in which outputs are produced changes, which the spec leaves free.
     */
    static void matmulWide(MemorySegment w, long wo, int rows, int n, float[] x, int xo, int ldx, int tokens,
                           float[] y, int yo, int ldy) {
        long rowBytes = 4L * n;
        float[] out = new float[16];
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            long w0 = wo + r * rowBytes, w1 = w0 + rowBytes, w2 = w1 + rowBytes, w3 = w2 + rowBytes;
            int t = 0;
            for (; t + 4 <= tokens; t += 4) {
                int x0 = xo + t * ldx, x1 = x0 + ldx, x2 = x1 + ldx, x3 = x2 + ldx;
                FloatVector a00 = FloatVector.zero(W), a01 = a00, a02 = a00, a03 = a00;
                FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
                FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
                FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
                for (int i = 0; i < n; i += 16) {
                    long bo = 4L * i;
                    FloatVector v0 = FloatVector.fromArray(W, x, x0 + i), v1 = FloatVector.fromArray(W, x, x1 + i);
                    FloatVector v2 = FloatVector.fromArray(W, x, x2 + i), v3 = FloatVector.fromArray(W, x, x3 + i);
                    FloatVector m = FloatVector.fromMemorySegment(W, w, w0 + bo, LE);
                    a00 = a00.add(m.mul(v0)); a01 = a01.add(m.mul(v1)); a02 = a02.add(m.mul(v2)); a03 = a03.add(m.mul(v3));
                    m = FloatVector.fromMemorySegment(W, w, w1 + bo, LE);
                    a10 = a10.add(m.mul(v0)); a11 = a11.add(m.mul(v1)); a12 = a12.add(m.mul(v2)); a13 = a13.add(m.mul(v3));
                    m = FloatVector.fromMemorySegment(W, w, w2 + bo, LE);
                    a20 = a20.add(m.mul(v0)); a21 = a21.add(m.mul(v1)); a22 = a22.add(m.mul(v2)); a23 = a23.add(m.mul(v3));
                    m = FloatVector.fromMemorySegment(W, w, w3 + bo, LE);
                    a30 = a30.add(m.mul(v0)); a31 = a31.add(m.mul(v1)); a32 = a32.add(m.mul(v2)); a33 = a33.add(m.mul(v3));
                }
                // the transposing reduction, written out: a helper method would not be inlined
                // everywhere, and its vectors would be boxed (see the constants' comment)
                FloatVector c0 = L1LO.selectFrom(a00, a10).add(L1HI.selectFrom(a00, a10));
                FloatVector c1 = L1LO.selectFrom(a20, a30).add(L1HI.selectFrom(a20, a30));
                FloatVector c2 = L1LO.selectFrom(a01, a11).add(L1HI.selectFrom(a01, a11));
                FloatVector c3 = L1LO.selectFrom(a21, a31).add(L1HI.selectFrom(a21, a31));
                FloatVector c4 = L1LO.selectFrom(a02, a12).add(L1HI.selectFrom(a02, a12));
                FloatVector c5 = L1LO.selectFrom(a22, a32).add(L1HI.selectFrom(a22, a32));
                FloatVector c6 = L1LO.selectFrom(a03, a13).add(L1HI.selectFrom(a03, a13));
                FloatVector c7 = L1LO.selectFrom(a23, a33).add(L1HI.selectFrom(a23, a33));
                FloatVector e0 = L2LO.selectFrom(c0, c1).add(L2HI.selectFrom(c0, c1));
                FloatVector e1 = L2LO.selectFrom(c2, c3).add(L2HI.selectFrom(c2, c3));
                FloatVector e2 = L2LO.selectFrom(c4, c5).add(L2HI.selectFrom(c4, c5));
                FloatVector e3 = L2LO.selectFrom(c6, c7).add(L2HI.selectFrom(c6, c7));
                FloatVector g0 = L3LO.selectFrom(e0, e1).add(L3HI.selectFrom(e0, e1));
                FloatVector g1 = L3LO.selectFrom(e2, e3).add(L3HI.selectFrom(e2, e3));
                // lanes: token 0 rows 0-3, token 1 rows 0-3, ...; each is tree16 of its accumulator
                L4LO.selectFrom(g0, g1).add(L4HI.selectFrom(g0, g1)).intoArray(out, 0);
                for (int k = 0, yb = yo + t * ldy + r; k < 16; k += 4, yb += ldy) {
                    y[yb] = out[k]; y[yb + 1] = out[k + 1]; y[yb + 2] = out[k + 2]; y[yb + 3] = out[k + 3];
                }
            }
            if (t < tokens) wideTokenTail(w, w0, rowBytes, n, x, xo, ldx, t, tokens, y, yo, ldy, r, out);
        }
        if (r < rows) wideRowTail(w, wo, rowBytes, r, rows, n, x, xo, ldx, tokens, y, yo, ldy);
    }

    // The tails are methods of their own: inside the main kernel they double the compiler's
    // memory (C2 needs 37 MB for it), which counts against the evaluator's resident-memory budget.

    /** Four rows starting at byte w0, tokens t0 .. tokens - 1, one token at a time. */
    private static void wideTokenTail(MemorySegment w, long w0, long rowBytes, int n, float[] x, int xo, int ldx, int t0,
                                      int tokens, float[] y, int yo, int ldy, int r, float[] out) {
        long w1 = w0 + rowBytes, w2 = w1 + rowBytes, w3 = w2 + rowBytes;
        for (int t = t0; t < tokens; t++) {
            int x0 = xo + t * ldx;
            FloatVector a0 = FloatVector.zero(W), a1 = a0, a2 = a0, a3 = a0;
            for (int i = 0; i < n; i += 16) {
                long bo = 4L * i;
                FloatVector v = FloatVector.fromArray(W, x, x0 + i);
                a0 = a0.add(FloatVector.fromMemorySegment(W, w, w0 + bo, LE).mul(v));
                a1 = a1.add(FloatVector.fromMemorySegment(W, w, w1 + bo, LE).mul(v));
                a2 = a2.add(FloatVector.fromMemorySegment(W, w, w2 + bo, LE).mul(v));
                a3 = a3.add(FloatVector.fromMemorySegment(W, w, w3 + bo, LE).mul(v));
            }
            FloatVector c0 = L1LO.selectFrom(a0, a1).add(L1HI.selectFrom(a0, a1));
            FloatVector c1 = L1LO.selectFrom(a2, a3).add(L1HI.selectFrom(a2, a3));
            FloatVector e = L2LO.selectFrom(c0, c1).add(L2HI.selectFrom(c0, c1));
            FloatVector g = L3LO.selectFrom(e, e).add(L3HI.selectFrom(e, e));
            L4LO.selectFrom(g, g).add(L4HI.selectFrom(g, g)).intoArray(out, 0);
            int yb = yo + t * ldy + r;
            y[yb] = out[0]; y[yb + 1] = out[1]; y[yb + 2] = out[2]; y[yb + 3] = out[3];
        }
    }

    /** Rows r0 .. rows - 1, one row and one token at a time. */
    private static void wideRowTail(MemorySegment w, long wo, long rowBytes, int r0, int rows, int n, float[] x, int xo,
                                    int ldx, int tokens, float[] y, int yo, int ldy) {
        for (int r = r0; r < rows; r++) {
            long w0 = wo + r * rowBytes;
            for (int t = 0; t < tokens; t++) {
                int x0 = xo + t * ldx;
                FloatVector a = FloatVector.zero(W);
                for (int i = 0; i < n; i += 16) {
                    a = a.add(FloatVector.fromMemorySegment(W, w, w0 + 4L * i, LE).mul(FloatVector.fromArray(W, x, x0 + i)));
                }
                y[yo + t * ldy + r] = reduce(a);
            }
        }
    }

    /*
     * The transposing reduction: each step adds two lane selections of a pair (a, b), so that one
     * level of the canonical tree is applied to both at once and the halves of the result belong to
     * a and b.
     * Level 1 turns two 16-lane accumulators into one vector [a8 | b8] (lane l + lane l+8), level 2
     * two of those into [a4 | b4 | c4 | d4], level 3 into 2-lane groups and level 4 into one lane per
     * accumulator: sixteen dot products finish with 15 adds and 30 permutes, all in registers, and
     * each add has the same two operands, in the same order, as Canon.tree16.
     */
    private static final FloatVector L1LO = indices(0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
    private static final FloatVector L1HI = L1LO.add(8f);
    private static final FloatVector L2LO = indices(0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
    private static final FloatVector L2HI = L2LO.add(4f);
    private static final FloatVector L3LO = indices(0, 1, 4, 5, 8, 9, 12, 13, 16, 17, 20, 21, 24, 25, 28, 29);
    private static final FloatVector L3HI = L3LO.add(2f);
    private static final FloatVector L4LO = indices(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    private static final FloatVector L4HI = L4LO.add(1f);

    private static FloatVector indices(float... lanes) {
        return FloatVector.fromArray(W, lanes, 0);
    }


    private static final VectorShuffle<Float> SWAP2 = VectorShuffle.fromOp(W, l -> l ^ 2);
    private static final VectorShuffle<Float> SWAP1 = VectorShuffle.fromOp(W, l -> l ^ 1);
    private static final FloatVector EVERY4 = indices(0, 4, 8, 12, 16, 20, 24, 28, 0, 0, 0, 0, 0, 0, 0, 0);
    private static final FloatVector HALVES = indices(0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);

    /**
     * Rows of 4 (n = 4), sixteen rows per pass: one 512-bit vector holds four rows. The canonical
     * DOT of 4 products is (a0 + a2) + (a1 + a3) with a_k = +0 + w_k x_k (lanes 4-15 are +0 and
     * adding +0 to a lane that is never -0 changes nothing), done as two lane-swapped adds.
     */
    static void matmul4(MemorySegment w, long wo, int rows, float[] x, int xo, int ldx, int tokens,
                        float[] y, int yo, int ldy) {
        FloatVector zero = FloatVector.zero(W);
        for (int t = 0; t < tokens; t++) {
            int xb = xo + t * ldx, yb = yo + t * ldy;
            float[] rep = new float[16];
            for (int i = 0; i < 16; i++) rep[i] = x[xb + (i & 3)];
            FloatVector xr = FloatVector.fromArray(W, rep, 0);
            int r = 0;
            for (; r + 16 <= rows; r += 16) {
                long b = wo + 16L * r;
                FloatVector a0 = zero.add(FloatVector.fromMemorySegment(W, w, b, LE).mul(xr));
                FloatVector a1 = zero.add(FloatVector.fromMemorySegment(W, w, b + 64, LE).mul(xr));
                FloatVector a2 = zero.add(FloatVector.fromMemorySegment(W, w, b + 128, LE).mul(xr));
                FloatVector a3 = zero.add(FloatVector.fromMemorySegment(W, w, b + 192, LE).mul(xr));
                a0 = a0.add(a0.rearrange(SWAP2));
                a1 = a1.add(a1.rearrange(SWAP2));
                a2 = a2.add(a2.rearrange(SWAP2));
                a3 = a3.add(a3.rearrange(SWAP2));
                a0 = a0.add(a0.rearrange(SWAP1));
                a1 = a1.add(a1.rearrange(SWAP1));
                a2 = a2.add(a2.rearrange(SWAP1));
                a3 = a3.add(a3.rearrange(SWAP1));
                FloatVector lo = EVERY4.selectFrom(a0, a1), hi = EVERY4.selectFrom(a2, a3);
                HALVES.selectFrom(lo, hi).intoArray(y, yb + r);
            }
            for (; r < rows; r++) y[yb + r] = Canon.dot(w, wo + 16L * r, x, xb, 4);
        }
    }

    /**
     * The canonical tree over the 16 lanes of one accumulator, in registers: each level adds the
     * upper half onto the lower (l + 8, then l + 4, l + 2, l + 1), exactly {@link Canon#tree16}.
     */
    private static float reduce(FloatVector acc) {
        FloatVector s8 = ((FloatVector) acc.reinterpretShape(S, 0)).add((FloatVector) acc.reinterpretShape(S, 1));
        FloatVector s4 = ((FloatVector) s8.reinterpretShape(FloatVector.SPECIES_128, 0)).add((FloatVector) s8.reinterpretShape(FloatVector.SPECIES_128, 1));
        FloatVector s2 = ((FloatVector) s4.reinterpretShape(FloatVector.SPECIES_64, 0)).add((FloatVector) s4.reinterpretShape(FloatVector.SPECIES_64, 1));
        return s2.lane(0) + s2.lane(1);
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        if (n % 16 != 0) return Canon.dot(a, ao, b, bo, n);
        FloatVector lo = FloatVector.zero(S), hi = lo;
        for (int i = 0; i < n; i += 16) {
            lo = lo.add(FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)));
            hi = hi.add(FloatVector.fromArray(S, a, ao + i + 8).mul(FloatVector.fromArray(S, b, bo + i + 8)));
        }
        return reduce(lo, hi);
    }

    @Override
    public float sum(float[] a, int ao, int n) {
        FloatVector lo = FloatVector.zero(S), hi = lo;
        int i = 0;
        for (; i + 16 <= n; i += 16) {
            lo = lo.add(FloatVector.fromArray(S, a, ao + i));
            hi = hi.add(FloatVector.fromArray(S, a, ao + i + 8));
        }
        if (i == n) return reduce(lo, hi);
        float[] acc = new float[16];
        lo.intoArray(acc, 0);
        hi.intoArray(acc, 8);
        for (int l = 0; i < n; i++, l++) acc[l] += a[ao + i];
        return Canon.tree16(acc);
    }

    @Override
    public void mix(float[] p, int po, int ldp, int heads, int count, float[] v, int vo, int ldv, int width,
                    float[] out, int oo, int ldo) {
        int h = 0;
        if (WIDE && width == 64) {
            // 4 heads x 64 outputs in 16 registers: each value vector loaded serves four heads
            for (; h + 4 <= heads; h += 4) {
                int p0 = po + h * ldp, p1 = p0 + ldp, p2 = p1 + ldp, p3 = p2 + ldp;
                FloatVector a00 = FloatVector.zero(W), a01 = a00, a02 = a00, a03 = a00;
                FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
                FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
                FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
                for (int j = 0; j < count; j++) {
                    int vb = vo + j * ldv;
                    FloatVector v0 = FloatVector.fromArray(W, v, vb), v1 = FloatVector.fromArray(W, v, vb + 16);
                    FloatVector v2 = FloatVector.fromArray(W, v, vb + 32), v3 = FloatVector.fromArray(W, v, vb + 48);
                    FloatVector c = FloatVector.broadcast(W, p[p0 + j]);
                    a00 = a00.add(c.mul(v0)); a01 = a01.add(c.mul(v1)); a02 = a02.add(c.mul(v2)); a03 = a03.add(c.mul(v3));
                    c = FloatVector.broadcast(W, p[p1 + j]);
                    a10 = a10.add(c.mul(v0)); a11 = a11.add(c.mul(v1)); a12 = a12.add(c.mul(v2)); a13 = a13.add(c.mul(v3));
                    c = FloatVector.broadcast(W, p[p2 + j]);
                    a20 = a20.add(c.mul(v0)); a21 = a21.add(c.mul(v1)); a22 = a22.add(c.mul(v2)); a23 = a23.add(c.mul(v3));
                    c = FloatVector.broadcast(W, p[p3 + j]);
                    a30 = a30.add(c.mul(v0)); a31 = a31.add(c.mul(v1)); a32 = a32.add(c.mul(v2)); a33 = a33.add(c.mul(v3));
                }
                int o0 = oo + h * ldo, o1 = o0 + ldo, o2 = o1 + ldo, o3 = o2 + ldo;
                a00.intoArray(out, o0); a01.intoArray(out, o0 + 16); a02.intoArray(out, o0 + 32); a03.intoArray(out, o0 + 48);
                a10.intoArray(out, o1); a11.intoArray(out, o1 + 16); a12.intoArray(out, o1 + 32); a13.intoArray(out, o1 + 48);
                a20.intoArray(out, o2); a21.intoArray(out, o2 + 16); a22.intoArray(out, o2 + 32); a23.intoArray(out, o2 + 48);
                a30.intoArray(out, o3); a31.intoArray(out, o3 + 16); a32.intoArray(out, o3 + 32); a33.intoArray(out, o3 + 48);
            }
        }
        if (!WIDE && width == 64) {
            // 256-bit: one head's 64 outputs in 8 registers, so the j loop has 8 independent sums
            for (; h < heads; h++) {
                int pb = po + h * ldp;
                FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
                for (int j = 0; j < count; j++) {
                    int vb = vo + j * ldv;
                    FloatVector c = FloatVector.broadcast(S, p[pb + j]);
                    a0 = a0.add(c.mul(FloatVector.fromArray(S, v, vb)));
                    a1 = a1.add(c.mul(FloatVector.fromArray(S, v, vb + 8)));
                    a2 = a2.add(c.mul(FloatVector.fromArray(S, v, vb + 16)));
                    a3 = a3.add(c.mul(FloatVector.fromArray(S, v, vb + 24)));
                    a4 = a4.add(c.mul(FloatVector.fromArray(S, v, vb + 32)));
                    a5 = a5.add(c.mul(FloatVector.fromArray(S, v, vb + 40)));
                    a6 = a6.add(c.mul(FloatVector.fromArray(S, v, vb + 48)));
                    a7 = a7.add(c.mul(FloatVector.fromArray(S, v, vb + 56)));
                }
                int ob = oo + h * ldo;
                a0.intoArray(out, ob); a1.intoArray(out, ob + 8); a2.intoArray(out, ob + 16); a3.intoArray(out, ob + 24);
                a4.intoArray(out, ob + 32); a5.intoArray(out, ob + 40); a6.intoArray(out, ob + 48); a7.intoArray(out, ob + 56);
            }
        }
        for (; h < heads; h++) {
            int i = 0;
            for (; i + 8 <= width; i += 8) {
                FloatVector acc = FloatVector.zero(S);
                for (int j = 0; j < count; j++) {
                    acc = acc.add(FloatVector.broadcast(S, p[po + h * ldp + j]).mul(FloatVector.fromArray(S, v, vo + j * ldv + i)));
                }
                acc.intoArray(out, oo + h * ldo + i);
            }
            for (; i < width; i++) {
                float acc = 0f;
                for (int j = 0; j < count; j++) acc += p[po + h * ldp + j] * v[vo + j * ldv + i];
                out[oo + h * ldo + i] = acc;
            }
        }
    }

    /** The widest species the hardware has: the lanes of the column kernels are independent outputs. */
    private static final VectorSpecies<Float> P = WIDE ? W : S;

    /**
     * One vector of columns at a time, the 16 canonical lanes as 16 accumulators (accumulator l
     * takes elements i = l mod 16): every lane of a vector is a different output, so the
     * canonical tree is 15 lane-wise adds and the outputs store as one vector, with no permute.
     */
    @Override
    public void matmulColumns(MemorySegment m, long mo, int ldm, int cols, int n, float[] x, int xo, int ldx, int tokens,
                              float[] y, int yo, int ldy) {
        if (n % Canon.LANES != 0 || !m.isNative()) {
            ScalarKernels.INSTANCE.matmulColumns(m, mo, ldm, cols, n, x, xo, ldx, tokens, y, yo, ldy);
            return;
        }
        if (WIDE) columnsWide(m, mo, ldm, cols, n, x, xo, ldx, tokens, y, yo, ldy);
        else columnsNarrow(m, mo, ldm, cols, n, x, xo, ldx, tokens, y, yo, ldy);
    }

    /** 512-bit vectors: all 16 accumulators in registers at once (AVX-512 has 32). */
    static void columnsWide(MemorySegment m, long mo, int ldm, int cols, int n, float[] x, int xo, int ldx, int tokens,
                            float[] y, int yo, int ldy) {
        int len = W.length();
        // tokens innermost: one block of columns stays in L1 for all the queries
        for (int j = 0; j < cols; j += len) for (int t = 0, xt = xo; t < tokens; t++, xt += ldx) {
            FloatVector a0 = FloatVector.zero(W), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
            FloatVector a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
            for (long i = 0, b = mo + 4L * j, step = 4L * ldm; i < n; i += 16, b += 16 * step) {
                int xi = xt + (int) i;
                a0 = a0.add(FloatVector.fromMemorySegment(W, m, b, LE).mul(x[xi]));
                a1 = a1.add(FloatVector.fromMemorySegment(W, m, b + step, LE).mul(x[xi + 1]));
                a2 = a2.add(FloatVector.fromMemorySegment(W, m, b + 2 * step, LE).mul(x[xi + 2]));
                a3 = a3.add(FloatVector.fromMemorySegment(W, m, b + 3 * step, LE).mul(x[xi + 3]));
                a4 = a4.add(FloatVector.fromMemorySegment(W, m, b + 4 * step, LE).mul(x[xi + 4]));
                a5 = a5.add(FloatVector.fromMemorySegment(W, m, b + 5 * step, LE).mul(x[xi + 5]));
                a6 = a6.add(FloatVector.fromMemorySegment(W, m, b + 6 * step, LE).mul(x[xi + 6]));
                a7 = a7.add(FloatVector.fromMemorySegment(W, m, b + 7 * step, LE).mul(x[xi + 7]));
                a8 = a8.add(FloatVector.fromMemorySegment(W, m, b + 8 * step, LE).mul(x[xi + 8]));
                a9 = a9.add(FloatVector.fromMemorySegment(W, m, b + 9 * step, LE).mul(x[xi + 9]));
                a10 = a10.add(FloatVector.fromMemorySegment(W, m, b + 10 * step, LE).mul(x[xi + 10]));
                a11 = a11.add(FloatVector.fromMemorySegment(W, m, b + 11 * step, LE).mul(x[xi + 11]));
                a12 = a12.add(FloatVector.fromMemorySegment(W, m, b + 12 * step, LE).mul(x[xi + 12]));
                a13 = a13.add(FloatVector.fromMemorySegment(W, m, b + 13 * step, LE).mul(x[xi + 13]));
                a14 = a14.add(FloatVector.fromMemorySegment(W, m, b + 14 * step, LE).mul(x[xi + 14]));
                a15 = a15.add(FloatVector.fromMemorySegment(W, m, b + 15 * step, LE).mul(x[xi + 15]));
            }
            // Canon.tree16 lane-wise: l + 8, then l + 4, l + 2, l + 1
            a0 = a0.add(a8); a1 = a1.add(a9); a2 = a2.add(a10); a3 = a3.add(a11);
            a4 = a4.add(a12); a5 = a5.add(a13); a6 = a6.add(a14); a7 = a7.add(a15);
            a0 = a0.add(a4); a1 = a1.add(a5); a2 = a2.add(a6); a3 = a3.add(a7);
            a0 = a0.add(a2); a1 = a1.add(a3);
            a0.add(a1).intoArray(y, yo + t * ldy + j);
        }
    }


    /**
     * 256-bit vectors (AVX2 has 16 registers): accumulators 0-7 first, parked in a scratch row,
     * then 8-15, so that neither pass spills; the tree is the same lane-wise adds. The two passes are
     * written out like matmulWide's reduction; a helper called twice (only arrays crossing the
     * call) gave the same bits but has not yet been timed against this on a steady machine.
     */
    static void columnsNarrow(MemorySegment m, long mo, int ldm, int cols, int n, float[] x, int xo, int ldx, int tokens,
                              float[] y, int yo, int ldy) {
        int len = S.length();
        float[] low = new float[8 * len];
        long step = 4L * ldm;
        for (int j = 0; j < cols; j += len) for (int t = 0, xt = xo; t < tokens; t++, xt += ldx) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
            for (long i = 0, b = mo + 4L * j; i < n; i += 16, b += 16 * step) {
                int xi = xt + (int) i;
                a0 = a0.add(FloatVector.fromMemorySegment(S, m, b, LE).mul(x[xi]));
                a1 = a1.add(FloatVector.fromMemorySegment(S, m, b + step, LE).mul(x[xi + 1]));
                a2 = a2.add(FloatVector.fromMemorySegment(S, m, b + 2 * step, LE).mul(x[xi + 2]));
                a3 = a3.add(FloatVector.fromMemorySegment(S, m, b + 3 * step, LE).mul(x[xi + 3]));
                a4 = a4.add(FloatVector.fromMemorySegment(S, m, b + 4 * step, LE).mul(x[xi + 4]));
                a5 = a5.add(FloatVector.fromMemorySegment(S, m, b + 5 * step, LE).mul(x[xi + 5]));
                a6 = a6.add(FloatVector.fromMemorySegment(S, m, b + 6 * step, LE).mul(x[xi + 6]));
                a7 = a7.add(FloatVector.fromMemorySegment(S, m, b + 7 * step, LE).mul(x[xi + 7]));
            }
            a0.intoArray(low, 0); a1.intoArray(low, len); a2.intoArray(low, 2 * len); a3.intoArray(low, 3 * len);
            a4.intoArray(low, 4 * len); a5.intoArray(low, 5 * len); a6.intoArray(low, 6 * len); a7.intoArray(low, 7 * len);
            FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
            for (long i = 0, b = mo + 4L * j + 8 * step; i < n; i += 16, b += 16 * step) {
                int xi = xt + (int) i + 8;
                c0 = c0.add(FloatVector.fromMemorySegment(S, m, b, LE).mul(x[xi]));
                c1 = c1.add(FloatVector.fromMemorySegment(S, m, b + step, LE).mul(x[xi + 1]));
                c2 = c2.add(FloatVector.fromMemorySegment(S, m, b + 2 * step, LE).mul(x[xi + 2]));
                c3 = c3.add(FloatVector.fromMemorySegment(S, m, b + 3 * step, LE).mul(x[xi + 3]));
                c4 = c4.add(FloatVector.fromMemorySegment(S, m, b + 4 * step, LE).mul(x[xi + 4]));
                c5 = c5.add(FloatVector.fromMemorySegment(S, m, b + 5 * step, LE).mul(x[xi + 5]));
                c6 = c6.add(FloatVector.fromMemorySegment(S, m, b + 6 * step, LE).mul(x[xi + 6]));
                c7 = c7.add(FloatVector.fromMemorySegment(S, m, b + 7 * step, LE).mul(x[xi + 7]));
            }
            // Canon.tree16 lane-wise: l + 8 (accumulator l of the first pass + l of the second), then l + 4, l + 2, l + 1
            c0 = FloatVector.fromArray(S, low, 0).add(c0); c1 = FloatVector.fromArray(S, low, len).add(c1);
            c2 = FloatVector.fromArray(S, low, 2 * len).add(c2); c3 = FloatVector.fromArray(S, low, 3 * len).add(c3);
            c4 = FloatVector.fromArray(S, low, 4 * len).add(c4); c5 = FloatVector.fromArray(S, low, 5 * len).add(c5);
            c6 = FloatVector.fromArray(S, low, 6 * len).add(c6); c7 = FloatVector.fromArray(S, low, 7 * len).add(c7);
            c0 = c0.add(c4); c1 = c1.add(c5); c2 = c2.add(c6); c3 = c3.add(c7);
            c0 = c0.add(c2); c1 = c1.add(c3);
            c0.add(c1).intoArray(y, yo + t * ldy + j);
        }
    }

    /**
     * The maximum is taken lane-wise, in no particular order: it can differ from the first maximum
     * only in the sign of a zero (x - (+0) and x - (-0) have the same exp) or when a score is NaN
     * (the row is then NaN either way), so the finite results are the reference's bits.
     */
    @Override
    public void softmax(float[] a, int ao, int count, float scale) {
        int len = P.length(), i = 0;
        FloatVector mv = FloatVector.broadcast(P, Float.NEGATIVE_INFINITY);
        for (; i + len <= count; i += len) {
            FloatVector v = FloatVector.fromArray(P, a, ao + i).mul(scale);
            v.intoArray(a, ao + i);
            mv = mv.max(v);
        }
        float m = mv.reduceLanes(VectorOperators.MAX);
        for (; i < count; i++) {
            float v = a[ao + i] * scale;
            a[ao + i] = v;
            m = Math.max(m, v);
        }
        expShifted(a, ao, count, m);
        // +0 padding leaves a canonical SUM unchanged: a lane accumulator starts at +0 and is never -0
        int padded = (count + Canon.LANES - 1) & -Canon.LANES;
        java.util.Arrays.fill(a, ao + count, ao + padded, 0f);
        float z = sum(a, ao, padded);
        FloatVector zv = FloatVector.broadcast(P, z);
        for (i = 0; i + len <= count; i += len) FloatVector.fromArray(P, a, ao + i).div(zv).intoArray(a, ao + i);
        for (; i < count; i++) a[ao + i] = a[ao + i] / z;
    }

    @Override
    public void expShifted(float[] a, int ao, int n, float shift) {
        int i = VectorExp.expShifted(a, ao, n, shift);
        for (; i < n; i++) a[ao + i] = Canon.exp(a[ao + i] - shift);
    }

    @Override
    public String name() {
        return "vector";
    }
}
