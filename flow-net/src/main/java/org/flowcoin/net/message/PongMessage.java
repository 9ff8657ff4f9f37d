package org.flowcoin.net.message;

import java.nio.ByteBuffer;
import org.flowcoin.net.Command;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.internal.Wire;

/** {@code pong}: echoes a {@link PingMessage}'s nonce (u64 LE). */
public record PongMessage(long nonce) implements Message {
    public static PongMessage read(ByteBuffer in) throws NetDecodeException {
        return new PongMessage(Wire.u64(in, "nonce"));
    }
    public Command command() { return Command.PONG; }
    public int serializedSize() { return 8; }
    public void write(ByteBuffer out) { Wire.writeU64(out, nonce); }
}
