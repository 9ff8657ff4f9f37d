package org.flowcoin.net.message;

import java.nio.ByteBuffer;
import org.flowcoin.net.Command;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.internal.Wire;

/** {@code ping}: nonce u64 LE; answered by a {@link PongMessage} with the same nonce. */
public record PingMessage(long nonce) implements Message {
    public static PingMessage read(ByteBuffer in) throws NetDecodeException {
        return new PingMessage(Wire.u64(in, "nonce"));
    }
    public Command command() { return Command.PING; }
    public int serializedSize() { return 8; }
    public void write(ByteBuffer out) { Wire.writeU64(out, nonce); }
}
