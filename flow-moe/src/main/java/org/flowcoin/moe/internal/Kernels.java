package org.flowcoin.moe.internal;

import java.lang.foreign.MemorySegment;

/** The vectorisable kernels of the forward pass; every implementation gives the canonical bits. */
public interface Kernels {
    /**
     * y[yo + t*ldy + r] = DOT(row r of w, x[xo + t*ldx ..]) for r &lt; rows, t &lt; tokens, where row r
     * starts at byte {@code wo + 4*r*n} and has n floats.
     */
    void matmul(MemorySegment w, long wo, int rows, int n, float[] x, int xo, int ldx, int tokens,
                float[] y, int yo, int ldy);

    /** Canonical DOT of two float arrays. */
    float dot(float[] a, int ao, float[] b, int bo, int n);

    /** Canonical SUM. */
    float sum(float[] a, int ao, int n);

    /** a[ao + i] = exp(a[ao + i] - shift) for i &lt; n: the float subtraction, then the canonical exp. */
    void expShifted(float[] a, int ao, int n, float shift);

    /**
     * out[oo + h*ldo + i] = the sum over j &lt; count, in increasing j, of p[po + h*ldp + j] *
     * v[vo + j*ldv + i], from an accumulator at +0 (each product rounded, then each sum), for
     * h &lt; heads and i &lt; width: the value mix of attention.
     */
    void mix(float[] p, int po, int ldp, int heads, int count, float[] v, int vo, int ldv, int width,
             float[] out, int oo, int ldo);

    /**
     * y[yo + t*ldy + j] = DOT(x[xo + t*ldx ..] over n, column j of m) for j &lt; cols, t &lt; tokens,
     * where element i of column j is the float at byte mo + 4*(i*ldm + j): the attention scores of several queries
     * against keys stored channel-major. The columns and outputs up to cols rounded up to 16 may be
     * read and written (their values are not used), so ldm and the arrays must leave room for them.
     */
    void matmulColumns(MemorySegment m, long mo, int ldm, int cols, int n, float[] x, int xo, int ldx, int tokens,
                       float[] y, int yo, int ldy);

    /**
     * The attention softmax of one row in place (numerics.md 5): s_j = a[ao + j] * scale for j &lt;
     * count, m = their maximum, e_j = exp(s_j - m), Z = SUM(e_0 .. e_count-1), a[ao + j] = e_j / Z.
     * The entries up to count rounded up to 16 may be overwritten.
     */
    void softmax(float[] a, int ao, int count, float scale);

    String name();
}
