package org.flowcoin.net;

import java.util.Objects;

/**
 * The only exception that decoding untrusted network bytes throws: a frame or payload that breaks a
 * rule of {@code docs/spec/p2p.md}. {@link #reason()} names the rule.
 *
 * <pre>{@code
 * try {
 *     Message m = MessageCodec.decode(frame);
 * } catch (NetDecodeException e) {
 *     if (e.reason() == NetDecodeException.Reason.OVERSIZED) disconnect();
 * }
 * }</pre>
 */
public final class NetDecodeException extends Exception {
    /** The rule a frame or payload broke. */
    public enum Reason {
        /** The command field is not 1-12 printable ASCII bytes followed only by NUL bytes. */
        BAD_COMMAND,
        /** A length or count exceeds the global or the per-command maximum. */
        OVERSIZED,
        /** The checksum is not the first 4 bytes of Keccak-256d(payload). */
        BAD_CHECKSUM,
        /** The input ended before the structure did. */
        TRUNCATED,
        /** Bytes remain after the structure ended. */
        TRAILING_BYTES,
        /** A value has a non-canonical encoding (e.g. a non-minimal CompactSize). */
        NON_CANONICAL,
        /** A field holds a value the protocol does not allow. */
        INVALID_VALUE,
        /** The command is not one this implementation decodes. */
        UNKNOWN_COMMAND,
        /** The frame's magic is not this network's. */
        BAD_MAGIC
    }

    private final Reason reason;

    /** Creates an exception for {@code reason} with a short description (never containing secrets). */
    public NetDecodeException(Reason reason, String message) {
        super(reason + ": " + message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The rule that was broken. */
    public Reason reason() {
        return reason;
    }
}
