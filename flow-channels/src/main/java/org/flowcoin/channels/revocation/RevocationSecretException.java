package org.flowcoin.channels.revocation;

/** A revealed per-commitment secret or a stored set of them that this side must refuse. */
public final class RevocationSecretException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** Not 32 bytes. */
        WRONG_LENGTH,
        /** Not the index after the last one revealed (the first is {@code 2^48 - 1}, then each one less). */
        OUT_OF_ORDER,
        /** The secret does not derive the earlier secrets it must: not from the counterparty's seed (fail the channel). */
        NOT_DERIVABLE,
        /** Every index has been revealed already. */
        EXHAUSTED,
        /** Stored bytes that are not a valid encoding. */
        MALFORMED
    }

    private final Reason reason;

    public RevocationSecretException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
