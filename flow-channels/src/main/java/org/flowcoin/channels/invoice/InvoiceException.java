package org.flowcoin.channels.invoice;

/** An invoice string this SDK refuses to pay (docs/spec/channels.md, section 8). */
public final class InvoiceException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** Not valid Bech32 (checksum, characters, case, length). */
        ENCODING,
        /** The human-readable part is not {@code ln<network>[amount]} for a known network. */
        PREFIX,
        /** The amount is malformed or not a whole number of haruki. */
        AMOUNT,
        /** A mandatory field is missing, repeated or of the wrong length, or the data is truncated. */
        FIELD,
        /** The signature does not verify under the payee key. */
        SIGNATURE
    }

    private final Reason reason;

    public InvoiceException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
