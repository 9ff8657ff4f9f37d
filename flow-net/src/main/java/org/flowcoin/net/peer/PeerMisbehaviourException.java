package org.flowcoin.net.peer;

import java.io.IOException;
import java.util.Objects;

/** The remote peer broke a protocol rule; the connection has been (or must be) closed. */
public final class PeerMisbehaviourException extends IOException {
    /** The rule the peer broke. */
    public enum Reason {
        /** A frame failed to decode: bad command, oversized length, wrong checksum, bad payload. */
        MALFORMED_MESSAGE,
        /** More bytes than allowed arrived that were not part of a frame. */
        GARBAGE,
        /** A message arrived that is not allowed at this point (e.g. anything before {@code version}). */
        UNEXPECTED_MESSAGE,
        /** A chunk does not match the announced object, or a completed object does not match its hash. */
        BAD_CHUNK,
        /** Headers or a block the chain sink rejected, or a block that is not the one requested. */
        INVALID_DATA,
        /** The peer connected to itself (its nonce is ours). */
        SELF_CONNECTION
    }

    private final Reason reason;

    public PeerMisbehaviourException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public PeerMisbehaviourException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
