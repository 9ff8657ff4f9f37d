package org.flowcoin.primitives.pow;

import java.math.BigInteger;

/**
 * Bitcoin's compact target ("nbits") encoding with Bitcoin Core's exact semantics
 * ({@code arith_uint256::SetCompact/GetCompact}): the top byte is the size in bytes, the low 23 bits
 * the mantissa, bit 23 the sign; sizes below 3 shift the mantissa right; values that do not fit in
 * 256 bits set the overflow flag.
 *
 * <pre>{@code
 * CompactTarget.Decoded d = CompactTarget.decode(0x1d00ffff);
 * BigInteger target = CompactTarget.toTarget(0x1d00ffff); // throws for negative, zero or overflow
 * int nbits = CompactTarget.encode(target);
 * }</pre>
 */
public final class CompactTarget {
    private static final BigInteger MASK_256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private CompactTarget() {}

    /**
     * The decoded value with its flags.
     *
     * @param value the magnitude, truncated to 256 bits as arith_uint256 does
     * @param negative the sign bit was set on a non-zero mantissa
     * @param overflow the value does not fit in 256 bits
     */
    public record Decoded(BigInteger value, boolean negative, boolean overflow) {
        /** Usable as a proof-of-work target: positive, not negative, no overflow. */
        public boolean isValidTarget() {
            return !negative && !overflow && value.signum() > 0;
        }
    }

    /** SetCompact: decodes {@code nbits} (an unsigned 32-bit value) with both flags. */
    public static Decoded decode(int nbits) {
        int size = nbits >>> 24;
        long word = nbits & 0x007f_ffffL;
        BigInteger value;
        if (size <= 3) {
            // As in Core, the flags below test the mantissa after this shift.
            word >>>= 8 * (3 - size);
            value = BigInteger.valueOf(word);
        } else {
            value = BigInteger.valueOf(word).shiftLeft(8 * (size - 3)).and(MASK_256);
        }
        boolean negative = word != 0 && (nbits & 0x0080_0000) != 0;
        boolean overflow = word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
        return new Decoded(value, negative, overflow);
    }

    /**
     * The target {@code nbits} encodes.
     *
     * @throws IllegalArgumentException if the encoding is negative, zero or overflows 256 bits
     */
    public static BigInteger toTarget(int nbits) {
        Decoded d = decode(nbits);
        if (d.negative()) throw new IllegalArgumentException("nbits " + hex(nbits) + " is negative");
        if (d.overflow()) throw new IllegalArgumentException("nbits " + hex(nbits) + " overflows 256 bits");
        if (d.value().signum() == 0) throw new IllegalArgumentException("nbits " + hex(nbits) + " is zero");
        return d.value();
    }

    /** GetCompact of a non-negative value below 2^256. */
    public static int encode(BigInteger value) {
        return encode(value, false);
    }

    /** GetCompact(fNegative): the sign bit is set only when the mantissa is non-zero. */
    public static int encode(BigInteger value, boolean negative) {
        if (value.signum() < 0 || value.bitLength() > 256) throw new IllegalArgumentException("value must be in [0, 2^256)");
        int size = (value.bitLength() + 7) / 8;
        long compact;
        if (size <= 3) {
            compact = value.longValue() << (8 * (3 - size));
        } else {
            compact = value.shiftRight(8 * (size - 3)).longValue();
        }
        if ((compact & 0x0080_0000L) != 0) {
            compact >>>= 8;
            size++;
        }
        compact |= (long) size << 24;
        if (negative && (compact & 0x007f_ffffL) != 0) compact |= 0x0080_0000L;
        return (int) compact;
    }

    public static String hex(int nbits) {
        return String.format("%08x", nbits);
    }

    /** Parses 1-8 hex digits (optional 0x) as an unsigned 32-bit nbits value. */
    public static int parseHex(String s) {
        String h = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        if (h.isEmpty() || h.length() > 8 || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("nbits must be 1-8 hex digits");
        }
        return (int) Long.parseLong(h, 16);
    }
}
