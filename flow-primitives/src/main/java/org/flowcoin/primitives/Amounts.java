package org.flowcoin.primitives;

/**
 * Amounts in haruki (1 FLOW = 10^8 haruki) as {@code long}, with overflow- and range-checked
 * arithmetic. A valid amount lies in [0, {@link #MAX_MONEY}].
 *
 * <pre>{@code
 * long fee = Amounts.subtract(Amounts.sum(inputs), Amounts.sum(outputs));
 * String s = Amounts.format(150_000_000L); // "1.5"
 * }</pre>
 */
public final class Amounts {
    /** haruki per FLOW. */
    public static final long COIN = 100_000_000L;
    /** 21,000,000 FLOW: no valid amount or sum of amounts exceeds it. */
    public static final long MAX_MONEY = 21_000_000L * COIN;

    private Amounts() {}

    public static boolean isValid(long haruki) {
        return haruki >= 0 && haruki <= MAX_MONEY;
    }

    /** @throws ArithmeticException if an operand or the result is outside [0, MAX_MONEY] */
    public static long add(long a, long b) {
        check(a);
        check(b);
        return check(a + b);
    }

    /** @throws ArithmeticException if an operand or the result is outside [0, MAX_MONEY] */
    public static long subtract(long a, long b) {
        check(a);
        check(b);
        return check(a - b);
    }

    /** Sum of valid amounts; throws as soon as a partial sum leaves the range. */
    public static long sum(long... values) {
        long s = 0;
        for (long v : values) s = add(s, v);
        return s;
    }

    /** Exact decimal FLOW string with no trailing zeros, e.g. {@code 1.5}. */
    public static String format(long haruki) {
        String sign = haruki < 0 ? "-" : "";
        long a = Math.abs(haruki);
        long whole = a / COIN;
        long frac = a % COIN;
        if (frac == 0) return sign + whole;
        String f = String.format("%08d", frac).replaceAll("0+$", "");
        return sign + whole + "." + f;
    }

    private static long check(long v) {
        if (!isValid(v)) throw new ArithmeticException("amount out of range: " + v);
        return v;
    }
}
