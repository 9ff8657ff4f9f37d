package org.flowcoin.channels;

/**
 * The one checked exception of this module: something from the counterparty, a user or a file
 * that must be refused, with a {@link Reason} to act on. Programming errors (a wrong argument
 * length from the caller's own code) stay {@link IllegalArgumentException}.
 */
public final class ChannelException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why, grouped by where it arises. */
    public enum Reason {
        // Revealed per-commitment secrets (RevealedSecrets).
        /** A secret that is not 32 bytes. */
        WRONG_LENGTH,
        /** Not the index after the last one revealed (the first is {@code 2^48 - 1}, then each one less). */
        OUT_OF_ORDER,
        /** The secret does not derive the earlier secrets it must: not from the counterparty's seed (fail the channel). */
        NOT_DERIVABLE,
        /** Every index has been revealed already. */
        EXHAUSTED,
        /** Stored revealed-secrets bytes that are not a valid encoding. */
        MALFORMED,

        // The channel state on disk (ChannelStore, ChannelState).
        /** The file is not a channel state (magic, version, length, checksum, contents). */
        CORRUPT,
        /** The change would break an invariant (a revoked commitment usable again, a version not one more). */
        REFUSED,

        // Invoices (Invoice).
        /** Not valid Bech32 (checksum, characters, case, length). */
        INVOICE_ENCODING,
        /** The human-readable part is not {@code ln<network>[amount]} for a known network. */
        INVOICE_PREFIX,
        /** The amount is malformed or not a whole number of haruki. */
        INVOICE_AMOUNT,
        /** A mandatory field is missing, repeated or of the wrong length, or the data is truncated. */
        INVOICE_FIELD,
        /** The signature does not verify under the payee key. */
        INVOICE_SIGNATURE,

        // Peer messages (ChannelMessage).
        /** Bytes from a peer that are not a valid channel message. */
        MALFORMED_MESSAGE
    }

    private final Reason reason;

    public ChannelException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
