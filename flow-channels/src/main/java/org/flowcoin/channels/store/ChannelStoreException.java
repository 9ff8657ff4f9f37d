package org.flowcoin.channels.store;

/** A channel state file this SDK refuses to read, or a state change it refuses to make. */
public final class ChannelStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** The file is not a channel state (magic, version, length, checksum, contents). */
        CORRUPT,
        /** The change would break an invariant (a revoked commitment signable again, a version not one more). */
        REFUSED
    }

    private final Reason reason;

    public ChannelStoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
