package org.flowcoin.net.message;

import java.nio.ByteBuffer;
import org.flowcoin.net.Command;

/** {@code verack}: acknowledges a {@code version}; empty payload. */
public record VerackMessage() implements Message {
    public Command command() { return Command.VERACK; }
    public int serializedSize() { return 0; }
    public void write(ByteBuffer out) {}
}
