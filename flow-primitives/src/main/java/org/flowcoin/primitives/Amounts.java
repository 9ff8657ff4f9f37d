package org.flowcoin.primitives;

/**
 * Amounts in haruki (1 FLOW = 10^8 haruki) as {@code long}, with overflow- and range-checked
 * arithmetic. A valid amount lies in [0, {@link #MAX_MONEY}].
 *
 * <pre>{@code
 * long fee = Amounts.subtract(Amounts.sum(inputs), Amounts.sum(outputs));
 * String s = Amounts.format(150_000_000L); // "1.5"
 * long h = Amounts.parse("1.5");            // 150_000_000
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

    /**
     * Parses a decimal FLOW amount into haruki, exactly: ASCII digits, optionally a point and one to
     * eight more digits; no sign, exponent, grouping or spaces. The inverse of {@link #format} on
     * valid amounts.
     *
     * @throws IllegalArgumentException naming the problem (the input is quoted, cut to 40 characters)
     */
    public static long parse(String flow) {
        java.util.Objects.requireNonNull(flow, "flow");
        int dot = flow.indexOf('.');
        String whole = dot < 0 ? flow : flow.substring(0, dot);
        String frac = dot < 0 ? "" : flow.substring(dot + 1);
        if (!asciiDigits(whole) || (dot >= 0 && !asciiDigits(frac))) {
            throw new IllegalArgumentException("not a decimal FLOW amount: " + quoted(flow));
        }
        if (frac.length() > 8) throw new IllegalArgumentException("more than 8 decimal places: " + quoted(flow));
        String significant = whole.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 8) throw new IllegalArgumentException("above 21000000 FLOW: " + quoted(flow));
        long haruki = Long.parseLong(significant) * COIN + Long.parseLong((frac + "00000000").substring(0, 8));
        if (!isValid(haruki)) throw new IllegalArgumentException("above 21000000 FLOW: " + quoted(flow));
        return haruki;
    }

    private static boolean asciiDigits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    private static String quoted(String s) {
        return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
    }

    private static long check(long v) {
        if (!isValid(v)) throw new ArithmeticException("amount out of range: " + v);
        return v;
    }
}
