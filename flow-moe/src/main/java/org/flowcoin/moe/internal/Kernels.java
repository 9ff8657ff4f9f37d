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

    /** y[yo + i] = y[yo + i] + alpha * x[xo + i] (product rounded, then sum rounded). */
    void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n);

    String name();
}
