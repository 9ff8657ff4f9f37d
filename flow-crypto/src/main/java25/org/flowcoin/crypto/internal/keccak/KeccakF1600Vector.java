package org.flowcoin.crypto.internal.keccak;

import static jdk.incubator.vector.VectorOperators.AND_NOT;
import static jdk.incubator.vector.VectorOperators.ROL;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Keccak-f[1600] on ONE state held as five 512-bit vectors, one per plane: vector {@code p[y]}
 * holds lanes {@code (x, y)} for x = 0..4 in its vector lanes 0..4 (vector lanes 5..7 are
 * don't-care).
 *
 * <p>Why: the scalar permutation needs 25 live lanes in 16 general-purpose registers and spills
 * every round, and one vector per lane still costs some 100 vector instructions a round. Per
 * plane, with AVX-512, the compiled round is 42 instructions, each on five lanes at once, plus
 * some 19 register copies (the permutations and ternary-logic instructions overwrite an input):
 *
 * <ul>
 *   <li>theta: column parities {@code c = p0^p1^p2^p3^p4} (two {@code vpternlogq}), two lane
 *       permutations of {@code c} for {@code c[x-1]} and {@code c[x+1]}, one rotation, and one
 *       three-input XOR per plane;
 *   <li>rho: one variable rotation per plane ({@code vprolvq});
 *   <li>pi, first half: one permutation per plane, {@code q[X][Y] = p[X][X + 3Y]}, so that
 *       {@code q[X]} is column X of the state after pi (indexed by row Y);
 *   <li>chi: across those columns, {@code m[X] = q[X] ^ (~q[X+1] & q[X+2])}, one
 *       {@code vpternlogq} per column, no permutation needed; iota on lane 0 of {@code m[0]};
 *   <li>pi, second half: transposing the columns {@code m[X]} back into planes, eleven
 *       two-source permutations ({@code vpermi2q}) and a blend.
 * </ul>
 *
 * <p>Without AVX-512 the JIT cannot compile 512-bit vectors to instructions and this code is
 * some 150 times slower than the scalar one (measured with {@code -XX:UseAVX=2}), so
 * {@link KeccakKernel} only selects it there when forced (tests). Only loaded when
 * {@code jdk.incubator.vector} is readable.
 */
final class KeccakF1600Vector {
    private KeccakF1600Vector() {}

    private static final VectorSpecies<Long> S = LongVector.SPECIES_512;
    private static final VectorMask<Long> PLANE = VectorMask.fromLong(S, 0x1F);
    private static final VectorMask<Long> LANE4 = VectorMask.fromLong(S, 0x10);

    private static LongVector v(long... lanes) {
        return LongVector.fromArray(S, lanes, 0);
    }

    // theta: c[x-1] and c[x+1] as lane permutations of c.
    private static final LongVector PREV = v(4, 0, 1, 2, 3, 5, 6, 7);
    private static final LongVector NEXT = v(1, 2, 3, 4, 0, 5, 6, 7);
    // rho: rotation of lane (x, y) for x = 0..4, one vector per plane y.
    private static final LongVector RHO0 = v(0, 1, 62, 28, 27, 0, 0, 0);
    private static final LongVector RHO1 = v(36, 44, 6, 55, 20, 0, 0, 0);
    private static final LongVector RHO2 = v(3, 10, 43, 25, 39, 0, 0, 0);
    private static final LongVector RHO3 = v(41, 45, 15, 21, 8, 0, 0, 0);
    private static final LongVector RHO4 = v(18, 2, 61, 56, 14, 0, 0, 0);
    // pi: b[X][Y] = a[x][y] with X = y, Y = 2x + 3y, i.e. x = X + 3Y (mod 5); for plane X the
    // permutation puts lane X + 3Y at position Y.
    private static final LongVector PI0 = v(0, 3, 1, 4, 2, 5, 6, 7);
    private static final LongVector PI1 = v(1, 4, 2, 0, 3, 5, 6, 7);
    private static final LongVector PI2 = v(2, 0, 3, 1, 4, 5, 6, 7);
    private static final LongVector PI3 = v(3, 1, 4, 2, 0, 5, 6, 7);
    private static final LongVector PI4 = v(4, 2, 0, 3, 1, 5, 6, 7);
    // Transposition of columns m0..m4 into planes (indices 8..15 select the second source):
    // e = [m0_0 m1_0 m0_2 m1_2 m0_4 m1_4 m4_0 m4_2], f = [m2_0 m3_0 m2_2 m3_2 m2_4 m3_4 . .],
    // o = [m0_1 m1_1 m0_3 m1_3 . . m4_1 m4_3],       g = [m2_1 m3_1 m2_3 m3_3 . . . .];
    // then plane 0 = (e, f) lanes 0 1 8 9 6, plane 2 = 2 3 10 11 7, plane 4 = 4 5 12 13 + m4_4,
    // plane 1 = (o, g) lanes 0 1 8 9 6, plane 3 = 2 3 10 11 7.
    private static final LongVector EVEN = v(0, 8, 2, 10, 4, 12, 0, 0);
    private static final LongVector EVEN_M4 = v(0, 1, 2, 3, 4, 5, 8, 10);
    private static final LongVector ODD = v(1, 9, 3, 11, 0, 0, 0, 0);
    private static final LongVector ODD_M4 = v(0, 1, 2, 3, 0, 0, 9, 11);
    private static final LongVector ROW_A = v(0, 1, 8, 9, 6, 0, 0, 0);
    private static final LongVector ROW_B = v(2, 3, 10, 11, 7, 0, 0, 0);
    private static final LongVector ROW_C = v(4, 5, 12, 13, 0, 0, 0, 0);
    // iota: round constant i in lane 0 of the 8-lane row i.
    private static final long[] IOTA = new long[24 * 8];

    static {
        for (int i = 0; i < 24; i++) IOTA[8 * i] = KeccakF1600.roundConstant(i);
    }

    /** Bit size of the widest vector the JIT emits natively on this CPU. */
    static int preferredVectorBits() {
        return LongVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /** Applies Keccak-f[1600] to {@code s} (25 lanes, index {@code x + 5*y}) in place. */
    static void permute(long[] s) {
        // Full-width loads read the next plane's first lanes into the don't-care lanes 5..7.
        LongVector p0 = LongVector.fromArray(S, s, 0);
        LongVector p1 = LongVector.fromArray(S, s, 5);
        LongVector p2 = LongVector.fromArray(S, s, 10);
        LongVector p3 = LongVector.fromArray(S, s, 15);
        LongVector p4 = LongVector.fromArray(S, s, 20, PLANE);
        for (int round = 0; round < 24; round++) {
            LongVector c = p0.lanewise(XOR, p1).lanewise(XOR, p2).lanewise(XOR, p3).lanewise(XOR, p4);
            LongVector cPrev = PREV.selectFrom(c);
            LongVector cNext = NEXT.selectFrom(c).lanewise(ROL, 1);
            LongVector q0 = PI0.selectFrom(p0.lanewise(XOR, cPrev).lanewise(XOR, cNext).lanewise(ROL, RHO0));
            LongVector q1 = PI1.selectFrom(p1.lanewise(XOR, cPrev).lanewise(XOR, cNext).lanewise(ROL, RHO1));
            LongVector q2 = PI2.selectFrom(p2.lanewise(XOR, cPrev).lanewise(XOR, cNext).lanewise(ROL, RHO2));
            LongVector q3 = PI3.selectFrom(p3.lanewise(XOR, cPrev).lanewise(XOR, cNext).lanewise(ROL, RHO3));
            LongVector q4 = PI4.selectFrom(p4.lanewise(XOR, cPrev).lanewise(XOR, cNext).lanewise(ROL, RHO4));
            LongVector m0 = q0.lanewise(XOR, q2.lanewise(AND_NOT, q1))
                    .lanewise(XOR, LongVector.fromArray(S, IOTA, 8 * round));
            LongVector m1 = q1.lanewise(XOR, q3.lanewise(AND_NOT, q2));
            LongVector m2 = q2.lanewise(XOR, q4.lanewise(AND_NOT, q3));
            LongVector m3 = q3.lanewise(XOR, q0.lanewise(AND_NOT, q4));
            LongVector m4 = q4.lanewise(XOR, q1.lanewise(AND_NOT, q0));
            LongVector e = EVEN_M4.selectFrom(EVEN.selectFrom(m0, m1), m4);
            LongVector f = EVEN.selectFrom(m2, m3);
            LongVector o = ODD_M4.selectFrom(ODD.selectFrom(m0, m1), m4);
            LongVector g = ODD.selectFrom(m2, m3);
            p0 = ROW_A.selectFrom(e, f);
            p1 = ROW_A.selectFrom(o, g);
            p2 = ROW_B.selectFrom(e, f);
            p3 = ROW_B.selectFrom(o, g);
            p4 = ROW_C.selectFrom(e, f).blend(m4, LANE4);
        }
        // In ascending order: each full-width store's lanes 5..7 are overwritten by the next.
        p0.intoArray(s, 0);
        p1.intoArray(s, 5);
        p2.intoArray(s, 10);
        p3.intoArray(s, 15);
        p4.intoArray(s, 20, PLANE);
    }
}
