package org.flowcoin.examples.cli;

import java.util.Locale;
import org.flowcoin.primitives.Amounts;
import picocli.CommandLine;

/**
 * An amount option: haruki as a plain integer ({@code 150000000}) or FLOW with the suffix
 * ({@code 1.5FLOW}, {@code 1.5 flow}); exact, no rounding, at most 21,000,000 FLOW.
 */
public final class AmountConverter implements CommandLine.ITypeConverter<Long> {
    public static final String LABEL = "AMOUNT";
    public static final String DESCRIPTION = "Haruki, or FLOW with the suffix FLOW (150000000 = 1.5FLOW).";

    @Override
    public Long convert(String value) {
        String v = value.strip();
        try {
            if (v.toUpperCase(Locale.ROOT).endsWith("FLOW")) return Amounts.parse(v.substring(0, v.length() - 4).strip());
            if (!v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9') && v.length() <= 19) {
                long h = Long.parseLong(v);
                if (Amounts.isValid(h)) return h;
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        throw new CommandLine.TypeConversionException("'" + shown + "' is not an amount: haruki (0.." + Amounts.MAX_MONEY
                + ") or FLOW with the suffix, e.g. 1.5FLOW");
    }
}
