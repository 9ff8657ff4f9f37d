package org.flowcoin.primitives.consensus;

import java.util.Objects;

/**
 * The typed outcome of every consensus check of the SDK (transaction, block, header, training
 * proof): accepted, or rejected by one {@link Rule} with a reason.
 *
 * <pre>{@code
 * Verdict v = BlockRules.check(block, ChainParams.regtest());
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
