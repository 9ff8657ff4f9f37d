package org.flowcoin.pot;

import java.util.Objects;

/**
 * The typed outcome of a validation: accepted, or rejected by one {@link Rule} with a reason.
 *
 * <pre>{@code
 * Verdict v = HeaderValidator.check(header, parent, now);
 * if (!v.accepted()) System.out.println(v.rule().id() + ": " + v.reason());
 * }</pre>
 *
 * @param rule the failed rule, null when accepted
 * @param reason human-readable detail, null when accepted
 */
public record Verdict(Rule rule, String reason) {
    private static final Verdict ACCEPTED = new Verdict(null, null);

    public static Verdict accept() {
        return ACCEPTED;
    }

    public static Verdict reject(Rule rule, String reason) {
        return new Verdict(Objects.requireNonNull(rule, "rule"), Objects.requireNonNull(reason, "reason"));
    }

    /**
     * The verdict for a result of the primitives' rule checks (TxRules, BlockRules), whose ids are
     * this enum's (docs/spec/validation.md lists each id once).
     *
     * @throws IllegalArgumentException if the id is not a consensus rule id
     */
    public static Verdict of(org.flowcoin.primitives.ValidationResult r) {
        return r.isValid() ? ACCEPTED : reject(Rule.byId(r.ruleId()), r.message());
    }

    public boolean accepted() {
        return rule == null;
    }

    /** Rejected because the body does not match its header's commitments ({@link Rule#mutation()}). */
    public boolean mutated() {
        return rule != null && rule.mutation();
    }

    @Override
    public String toString() {
        return accepted() ? "accepted" : rule.id() + ": " + reason;
    }
}
