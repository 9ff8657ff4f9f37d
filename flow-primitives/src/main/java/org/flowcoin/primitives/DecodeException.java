package org.flowcoin.primitives;

/**
 * Thrown when untrusted bytes do not decode to a valid value. The message names the field that
 * failed. Unchecked so that codecs compose; every decoder in this module throws only this type for
 * bad input.
 *
 * <pre>{@code
 * try {
 *     Transaction tx = Transaction.fromBytes(bytes);
 * } catch (DecodeException e) {
 *     log.warn("rejected transaction: {}", e.getMessage());
 * }
 * }</pre>
 */
public final class DecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message);
    }

    /** A failure of {@code field}: "field: reason". */
    public static DecodeException of(String field, String reason) {
        return new DecodeException(field + ": " + reason);
    }
}
