package org.flowcoin.net.message;

import java.nio.ByteBuffer;
import org.flowcoin.net.Command;

/** {@code getaddr}: asks for an {@code addr}; empty payload. */
public record GetAddrMessage() implements Message {
    public Command command() { return Command.GETADDR; }
    public int serializedSize() { return 0; }
    public void write(ByteBuffer out) {}
}
