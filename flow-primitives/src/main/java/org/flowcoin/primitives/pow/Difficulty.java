package org.flowcoin.primitives.pow;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * Work, retarget and the usefulness boost, all in exact integer arithmetic ({@link BigInteger}
 * never overflows, so every legal target and timespan is exact; results are then capped at powLimit
 * exactly as Bitcoin Core does).
 *
 * <pre>{@code
 * int next = Difficulty.retarget(lastNbits, firstTime, lastTime, 2016 * 600, powLimit);
 * BigInteger work = Difficulty.work(CompactTarget.toTarget(nbits));
 * }</pre>
 */
public final class Difficulty {
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private Difficulty() {}

    /** Expected hashes for a target: 2^256 / (target + 1) (Bitcoin's GetBlockProof). */
    public static BigInteger work(BigInteger target) {
        if (target.signum() < 0 || target.bitLength() > 256) throw new IllegalArgumentException("target must be in [0, 2^256)");
        return TWO_256.divide(target.add(BigInteger.ONE));
    }

    /**
     * Bitcoin's CalculateNextWorkRequired: the actual timespan of the period (last block time minus
     * first block time) is clamped to [T/4, 4T] (T/4 by integer division), the last target is
     * multiplied by it and divided by T, and the result is capped at powLimit and re-encoded.
     *
     * @param lastNbits nbits of the last block of the period
     * @param firstTime timestamp of the first block of the period
     * @param lastTime timestamp of the last block of the period
     * @param targetTimespan T in seconds (2016 * spacing)
     * @param powLimit the easiest allowed target
     */
    public static int retarget(int lastNbits, long firstTime, long lastTime, long targetTimespan, BigInteger powLimit) {
        if (targetTimespan < 4) throw new IllegalArgumentException("targetTimespan too small");
        long actual = lastTime - firstTime;
        long min = targetTimespan / 4;
        long max = targetTimespan * 4;
        if (actual < min) actual = min;
        if (actual > max) actual = max;
        // Bitcoin Core decodes without checking the flags here; the last block's nbits was valid.
        BigInteger next = CompactTarget.decode(lastNbits).value()
                .multiply(BigInteger.valueOf(actual))
                .divide(BigInteger.valueOf(targetTimespan));
        if (next.compareTo(powLimit) > 0) next = powLimit;
        return CompactTarget.encode(next);
    }

    /**
     * Difficulty relative to a reference target: reference / target, as a double (display only).
     */
    public static double difficulty(BigInteger target, BigInteger reference) {
        if (target.signum() <= 0) throw new IllegalArgumentException("target must be positive");
        return new BigDecimal(reference).divide(new BigDecimal(target), MathContext.DECIMAL64).doubleValue();
    }

    /**
     * The usefulness boost: with u = bits(prevValLoss) - bits(valLoss) (both f32 bit patterns, only
     * when both are finite and > 0; otherwise 0), boost = clamp(floor(u * k / 2^23), 0, maxBoost).
     */
    public static int boost(int prevValLossBits, int valLossBits, int k, int maxBoost) {
        if (!positiveFinite(prevValLossBits) || !positiveFinite(valLossBits)) return 0;
        long u = (long) prevValLossBits - valLossBits;
        long b = Math.floorDiv(u * k, 1L << 23);
        return (int) Math.max(0, Math.min(maxBoost, b));
    }

    /** {@code min(powLimit, target << boost)}. */
    public static BigInteger effectiveTarget(BigInteger target, int boost, BigInteger powLimit) {
        BigInteger t = target.shiftLeft(boost);
        return t.compareTo(powLimit) > 0 ? powLimit : t;
    }

    /** True when the f32 bit pattern is a finite value > 0 (sign clear, not zero, exponent not all ones). */
    public static boolean positiveFinite(int bits) {
        return bits > 0 && (bits & 0x7f80_0000) != 0x7f80_0000;
    }
}
