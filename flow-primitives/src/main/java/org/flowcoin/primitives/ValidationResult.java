package org.flowcoin.primitives;

import java.util.Objects;

/**
 * The outcome of a validation: valid, or the id of the first rule that failed (ids match
 * docs/spec/primitives.md) with a human-readable reason.
 *
 * <pre>{@code
 * ValidationResult r = TxRules.check(tx, params);
 * if (!r.isValid()) System.err.println(r.ruleId() + ": " + r.message());
 * }</pre>
 */
public record ValidationResult(String ruleId, String message) {
    private static final ValidationResult VALID = new ValidationResult(null, null);

    public static ValidationResult valid() {
        return VALID;
    }

    public static ValidationResult fail(String ruleId, String message) {
        return new ValidationResult(Objects.requireNonNull(ruleId), Objects.requireNonNull(message));
    }

    public boolean isValid() {
        return ruleId == null;
    }

    @Override
    public String toString() {
        return isValid() ? "valid" : ruleId + ": " + message;
    }
}
