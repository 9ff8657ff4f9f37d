package org.flowcoin.net.message;

import java.nio.ByteBuffer;
import org.flowcoin.net.Command;

/** {@code sendheaders}: asks the peer to announce new blocks with {@code headers}; empty payload. */
public record SendHeadersMessage() implements Message {
    public Command command() { return Command.SENDHEADERS; }
    public int serializedSize() { return 0; }
    public void write(ByteBuffer out) {}
}
