package org.flowcoin.crypto.internal.keccak;

import static jdk.incubator.vector.VectorOperators.AND_NOT;
import static jdk.incubator.vector.VectorOperators.ROL;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Four independent Keccak-f[1600] permutations at once, one per 64-bit lane of a 256-bit vector.
 *
 * <p>Hashing many messages of the same length (nonce grinding, a chain of headers) is the common
 * case for Keccak-256d in this SDK; interleaving four states keeps the vector unit busy where the
 * scalar permutation is bound by register pressure. The state layout is lane-major:
 * {@code s[4 * lane + way]}, lane index {@code x + 5*y}. Only loaded when the
 * {@code jdk.incubator.vector} module is present (see {@link KeccakBatch}).
 */
final class KeccakF1600x4 {
    private KeccakF1600x4() {}

    static final VectorSpecies<Long> S = LongVector.SPECIES_256;

    private static final LongVector[] RC = new LongVector[24];

    static {
        for (int i = 0; i < 24; i++) {
            RC[i] = LongVector.broadcast(S, KeccakF1600.roundConstant(i));
        }
    }

    /** True when 256-bit vectors are native on this CPU (otherwise the scalar path is faster). */
    static boolean hardwareSupported() {
        return LongVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    /** Applies Keccak-f[1600] to the four interleaved states in {@code s} (100 longs). */
    static void permute(long[] s) {
        LongVector a00 = LongVector.fromArray(S, s, 0);
        LongVector a10 = LongVector.fromArray(S, s, 4);
        LongVector a20 = LongVector.fromArray(S, s, 8);
        LongVector a30 = LongVector.fromArray(S, s, 12);
        LongVector a40 = LongVector.fromArray(S, s, 16);
        LongVector a01 = LongVector.fromArray(S, s, 20);
        LongVector a11 = LongVector.fromArray(S, s, 24);
        LongVector a21 = LongVector.fromArray(S, s, 28);
        LongVector a31 = LongVector.fromArray(S, s, 32);
        LongVector a41 = LongVector.fromArray(S, s, 36);
        LongVector a02 = LongVector.fromArray(S, s, 40);
        LongVector a12 = LongVector.fromArray(S, s, 44);
        LongVector a22 = LongVector.fromArray(S, s, 48);
        LongVector a32 = LongVector.fromArray(S, s, 52);
        LongVector a42 = LongVector.fromArray(S, s, 56);
        LongVector a03 = LongVector.fromArray(S, s, 60);
        LongVector a13 = LongVector.fromArray(S, s, 64);
        LongVector a23 = LongVector.fromArray(S, s, 68);
        LongVector a33 = LongVector.fromArray(S, s, 72);
        LongVector a43 = LongVector.fromArray(S, s, 76);
        LongVector a04 = LongVector.fromArray(S, s, 80);
        LongVector a14 = LongVector.fromArray(S, s, 84);
        LongVector a24 = LongVector.fromArray(S, s, 88);
        LongVector a34 = LongVector.fromArray(S, s, 92);
        LongVector a44 = LongVector.fromArray(S, s, 96);
        for (int round = 0; round < 24; round++) {
            LongVector c0 = a00.lanewise(XOR, a01).lanewise(XOR, a02).lanewise(XOR, a03).lanewise(XOR, a04);
            LongVector c1 = a10.lanewise(XOR, a11).lanewise(XOR, a12).lanewise(XOR, a13).lanewise(XOR, a14);
            LongVector c2 = a20.lanewise(XOR, a21).lanewise(XOR, a22).lanewise(XOR, a23).lanewise(XOR, a24);
            LongVector c3 = a30.lanewise(XOR, a31).lanewise(XOR, a32).lanewise(XOR, a33).lanewise(XOR, a34);
            LongVector c4 = a40.lanewise(XOR, a41).lanewise(XOR, a42).lanewise(XOR, a43).lanewise(XOR, a44);
            LongVector d0 = c4.lanewise(XOR, c1.lanewise(ROL, 1));
            LongVector d1 = c0.lanewise(XOR, c2.lanewise(ROL, 1));
            LongVector d2 = c1.lanewise(XOR, c3.lanewise(ROL, 1));
            LongVector d3 = c2.lanewise(XOR, c4.lanewise(ROL, 1));
            LongVector d4 = c3.lanewise(XOR, c0.lanewise(ROL, 1));
            // theta, rho and pi: b[y][2x+3y] = rotl(a[x][y] ^ d[x], r[x][y])
            LongVector b00 = a00.lanewise(XOR, d0);
            LongVector b13 = a01.lanewise(XOR, d0).lanewise(ROL, 36);
            LongVector b21 = a02.lanewise(XOR, d0).lanewise(ROL, 3);
            LongVector b34 = a03.lanewise(XOR, d0).lanewise(ROL, 41);
            LongVector b42 = a04.lanewise(XOR, d0).lanewise(ROL, 18);
            LongVector b02 = a10.lanewise(XOR, d1).lanewise(ROL, 1);
            LongVector b10 = a11.lanewise(XOR, d1).lanewise(ROL, 44);
            LongVector b23 = a12.lanewise(XOR, d1).lanewise(ROL, 10);
            LongVector b31 = a13.lanewise(XOR, d1).lanewise(ROL, 45);
            LongVector b44 = a14.lanewise(XOR, d1).lanewise(ROL, 2);
            LongVector b04 = a20.lanewise(XOR, d2).lanewise(ROL, 62);
            LongVector b12 = a21.lanewise(XOR, d2).lanewise(ROL, 6);
            LongVector b20 = a22.lanewise(XOR, d2).lanewise(ROL, 43);
            LongVector b33 = a23.lanewise(XOR, d2).lanewise(ROL, 15);
            LongVector b41 = a24.lanewise(XOR, d2).lanewise(ROL, 61);
            LongVector b01 = a30.lanewise(XOR, d3).lanewise(ROL, 28);
            LongVector b14 = a31.lanewise(XOR, d3).lanewise(ROL, 55);
            LongVector b22 = a32.lanewise(XOR, d3).lanewise(ROL, 25);
            LongVector b30 = a33.lanewise(XOR, d3).lanewise(ROL, 21);
            LongVector b43 = a34.lanewise(XOR, d3).lanewise(ROL, 56);
            LongVector b03 = a40.lanewise(XOR, d4).lanewise(ROL, 27);
            LongVector b11 = a41.lanewise(XOR, d4).lanewise(ROL, 20);
            LongVector b24 = a42.lanewise(XOR, d4).lanewise(ROL, 39);
            LongVector b32 = a43.lanewise(XOR, d4).lanewise(ROL, 8);
            LongVector b40 = a44.lanewise(XOR, d4).lanewise(ROL, 14);
            // chi: a[x][y] = b[x][y] ^ (~b[x+1][y] & b[x+2][y])
            a00 = b00.lanewise(XOR, b20.lanewise(AND_NOT, b10));
            a01 = b01.lanewise(XOR, b21.lanewise(AND_NOT, b11));
            a02 = b02.lanewise(XOR, b22.lanewise(AND_NOT, b12));
            a03 = b03.lanewise(XOR, b23.lanewise(AND_NOT, b13));
            a04 = b04.lanewise(XOR, b24.lanewise(AND_NOT, b14));
            a10 = b10.lanewise(XOR, b30.lanewise(AND_NOT, b20));
            a11 = b11.lanewise(XOR, b31.lanewise(AND_NOT, b21));
            a12 = b12.lanewise(XOR, b32.lanewise(AND_NOT, b22));
            a13 = b13.lanewise(XOR, b33.lanewise(AND_NOT, b23));
            a14 = b14.lanewise(XOR, b34.lanewise(AND_NOT, b24));
            a20 = b20.lanewise(XOR, b40.lanewise(AND_NOT, b30));
            a21 = b21.lanewise(XOR, b41.lanewise(AND_NOT, b31));
            a22 = b22.lanewise(XOR, b42.lanewise(AND_NOT, b32));
            a23 = b23.lanewise(XOR, b43.lanewise(AND_NOT, b33));
            a24 = b24.lanewise(XOR, b44.lanewise(AND_NOT, b34));
            a30 = b30.lanewise(XOR, b00.lanewise(AND_NOT, b40));
            a31 = b31.lanewise(XOR, b01.lanewise(AND_NOT, b41));
            a32 = b32.lanewise(XOR, b02.lanewise(AND_NOT, b42));
            a33 = b33.lanewise(XOR, b03.lanewise(AND_NOT, b43));
            a34 = b34.lanewise(XOR, b04.lanewise(AND_NOT, b44));
            a40 = b40.lanewise(XOR, b10.lanewise(AND_NOT, b00));
            a41 = b41.lanewise(XOR, b11.lanewise(AND_NOT, b01));
            a42 = b42.lanewise(XOR, b12.lanewise(AND_NOT, b02));
            a43 = b43.lanewise(XOR, b13.lanewise(AND_NOT, b03));
            a44 = b44.lanewise(XOR, b14.lanewise(AND_NOT, b04));
            a00 = a00.lanewise(XOR, RC[round]);  // iota
        }
        a00.intoArray(s, 0);
        a10.intoArray(s, 4);
        a20.intoArray(s, 8);
        a30.intoArray(s, 12);
        a40.intoArray(s, 16);
        a01.intoArray(s, 20);
        a11.intoArray(s, 24);
        a21.intoArray(s, 28);
        a31.intoArray(s, 32);
        a41.intoArray(s, 36);
        a02.intoArray(s, 40);
        a12.intoArray(s, 44);
        a22.intoArray(s, 48);
        a32.intoArray(s, 52);
        a42.intoArray(s, 56);
        a03.intoArray(s, 60);
        a13.intoArray(s, 64);
        a23.intoArray(s, 68);
        a33.intoArray(s, 72);
        a43.intoArray(s, 76);
        a04.intoArray(s, 80);
        a14.intoArray(s, 84);
        a24.intoArray(s, 88);
        a34.intoArray(s, 92);
        a44.intoArray(s, 96);
    }
}
