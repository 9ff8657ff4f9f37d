package org.flowcoin.channels.wire;

/** Bytes from a peer that are not a valid channel message (docs/spec/channels.md, section 10). */
public final class ChannelMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public ChannelMessageException(String message) {
        super(message);
    }
}
