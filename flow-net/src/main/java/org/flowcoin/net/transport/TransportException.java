package org.flowcoin.net.transport;

import java.io.IOException;
import java.util.Objects;

/**
 * A failure of the encrypted transport: the handshake did not prove shared keys or identities, or a
 * record failed authentication. The connection must be closed; no exception text ever holds key
 * material.
 */
public final class TransportException extends IOException {
    /** What failed. */
    public enum Reason {
        /** The peer's hello had the wrong magic, version or length. */
        BAD_HELLO,
        /** The key agreement produced the all-zero secret (a low-order public key). */
        WEAK_KEY,
        /** The peer's finished message did not decrypt or did not match the transcript. */
        KEY_CONFIRMATION_FAILED,
        /** The peer's identity signature is invalid, missing, or not the expected key. */
        IDENTITY_REJECTED,
        /** A record's length is outside the allowed range. */
        BAD_RECORD_LENGTH,
        /** A record failed authentication: tampered, replayed, reordered or truncated. */
        RECORD_AUTHENTICATION_FAILED,
        /** The per-direction record counter is exhausted. */
        COUNTER_EXHAUSTED
    }

    private final Reason reason;

    public TransportException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
