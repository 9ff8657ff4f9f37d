package org.flowcoin.crypto.internal.keccak;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Keccak-f[1600] on 25 little-endian 64-bit lanes, lane index {@code x + 5*y}, plus the sponge
 * helpers shared by the one-shot and streaming digests.
 *
 * <p>The permutation keeps the whole state in local variables for all 24 rounds; rho and pi are
 * folded into the variable names, so no round moves lanes around in memory.
 */
public final class KeccakF1600 {
    private KeccakF1600() {}

    private static final VarHandle LE_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long[] RC = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808AL, 0x8000000080008000L,
        0x000000000000808BL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008AL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000AL,
        0x000000008000808BL, 0x800000000000008BL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800AL, 0x800000008000000AL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L,
    };

    /** The iota round constant of round {@code i} (0..23). */
    public static long roundConstant(int i) {
        return RC[i];
    }

    /** Reads a little-endian lane from {@code b[off, off+8)}. */
    public static long lane(byte[] b, int off) {
        return (long) LE_LONG.get(b, off);
    }

    /** Writes a little-endian lane to {@code b[off, off+8)}. */
    public static void putLane(byte[] b, int off, long v) {
        LE_LONG.set(b, off, v);
    }

    /** XORs {@code rateLanes} full lanes of {@code in[off..]} into the state. */
    public static void absorbBlock(long[] s, byte[] in, int off, int rateLanes) {
        for (int i = 0; i < rateLanes; i++) {
            s[i] ^= (long) LE_LONG.get(in, off + 8 * i);
        }
    }

    /**
     * XORs the final partial block {@code in[off, off+len)} (len &lt; rate) with Keccak padding
     * (0x01 ... 0x80) into the state.
     */
    public static void absorbFinal(long[] s, byte[] in, int off, int len, int rateBytes) {
        int full = len >>> 3;
        for (int i = 0; i < full; i++) {
            s[i] ^= (long) LE_LONG.get(in, off + 8 * i);
        }
        int rem = len & 7;
        long last = 0;
        int base = off + (full << 3);
        for (int j = 0; j < rem; j++) {
            last |= (in[base + j] & 0xFFL) << (8 * j);
        }
        last |= 0x01L << (8 * rem);
        s[full] ^= last;
        s[(rateBytes >>> 3) - 1] ^= 0x8000000000000000L;
    }

    /** Applies Keccak-f[1600] to {@code s} in place. */
    public static void permute(long[] s) {
        long a00 = s[0], a01 = s[1], a02 = s[2], a03 = s[3], a04 = s[4];
        long a05 = s[5], a06 = s[6], a07 = s[7], a08 = s[8], a09 = s[9];
        long a10 = s[10], a11 = s[11], a12 = s[12], a13 = s[13], a14 = s[14];
        long a15 = s[15], a16 = s[16], a17 = s[17], a18 = s[18], a19 = s[19];
        long a20 = s[20], a21 = s[21], a22 = s[22], a23 = s[23], a24 = s[24];

        for (int round = 0; round < 24; round++) {
            // theta
            long c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
            long c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
            long c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
            long c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
            long c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
            long d0 = c4 ^ Long.rotateLeft(c1, 1);
            long d1 = c0 ^ Long.rotateLeft(c2, 1);
            long d2 = c1 ^ Long.rotateLeft(c3, 1);
            long d3 = c2 ^ Long.rotateLeft(c4, 1);
            long d4 = c3 ^ Long.rotateLeft(c0, 1);

            // rho and pi: b[y, 2x+3y] = rot(a[x, y] ^ d[x], r[x, y]); b{x}{y} names b[x, y].
            long b00 = a00 ^ d0;
            long b10 = Long.rotateLeft(a06 ^ d1, 44);
            long b20 = Long.rotateLeft(a12 ^ d2, 43);
            long b30 = Long.rotateLeft(a18 ^ d3, 21);
            long b40 = Long.rotateLeft(a24 ^ d4, 14);
            long b01 = Long.rotateLeft(a03 ^ d3, 28);
            long b11 = Long.rotateLeft(a09 ^ d4, 20);
            long b21 = Long.rotateLeft(a10 ^ d0, 3);
            long b31 = Long.rotateLeft(a16 ^ d1, 45);
            long b41 = Long.rotateLeft(a22 ^ d2, 61);
            long b02 = Long.rotateLeft(a01 ^ d1, 1);
            long b12 = Long.rotateLeft(a07 ^ d2, 6);
            long b22 = Long.rotateLeft(a13 ^ d3, 25);
            long b32 = Long.rotateLeft(a19 ^ d4, 8);
            long b42 = Long.rotateLeft(a20 ^ d0, 18);
            long b03 = Long.rotateLeft(a04 ^ d4, 27);
            long b13 = Long.rotateLeft(a05 ^ d0, 36);
            long b23 = Long.rotateLeft(a11 ^ d1, 10);
            long b33 = Long.rotateLeft(a17 ^ d2, 15);
            long b43 = Long.rotateLeft(a23 ^ d3, 56);
            long b04 = Long.rotateLeft(a02 ^ d2, 62);
            long b14 = Long.rotateLeft(a08 ^ d3, 55);
            long b24 = Long.rotateLeft(a14 ^ d4, 39);
            long b34 = Long.rotateLeft(a15 ^ d0, 41);
            long b44 = Long.rotateLeft(a21 ^ d1, 2);

            // chi and iota, row by row: row y holds b{x}{y} for x = 0..4.
            a00 = b00 ^ (~b10 & b20) ^ RC[round];
            a01 = b10 ^ (~b20 & b30);
            a02 = b20 ^ (~b30 & b40);
            a03 = b30 ^ (~b40 & b00);
            a04 = b40 ^ (~b00 & b10);
            a05 = b01 ^ (~b11 & b21);
            a06 = b11 ^ (~b21 & b31);
            a07 = b21 ^ (~b31 & b41);
            a08 = b31 ^ (~b41 & b01);
            a09 = b41 ^ (~b01 & b11);
            a10 = b02 ^ (~b12 & b22);
            a11 = b12 ^ (~b22 & b32);
            a12 = b22 ^ (~b32 & b42);
            a13 = b32 ^ (~b42 & b02);
            a14 = b42 ^ (~b02 & b12);
            a15 = b03 ^ (~b13 & b23);
            a16 = b13 ^ (~b23 & b33);
            a17 = b23 ^ (~b33 & b43);
            a18 = b33 ^ (~b43 & b03);
            a19 = b43 ^ (~b03 & b13);
            a20 = b04 ^ (~b14 & b24);
            a21 = b14 ^ (~b24 & b34);
            a22 = b24 ^ (~b34 & b44);
            a23 = b34 ^ (~b44 & b04);
            a24 = b44 ^ (~b04 & b14);
        }

        s[0] = a00; s[1] = a01; s[2] = a02; s[3] = a03; s[4] = a04;
        s[5] = a05; s[6] = a06; s[7] = a07; s[8] = a08; s[9] = a09;
        s[10] = a10; s[11] = a11; s[12] = a12; s[13] = a13; s[14] = a14;
        s[15] = a15; s[16] = a16; s[17] = a17; s[18] = a18; s[19] = a19;
        s[20] = a20; s[21] = a21; s[22] = a22; s[23] = a23; s[24] = a24;
    }
}
