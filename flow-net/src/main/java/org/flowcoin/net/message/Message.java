package org.flowcoin.net.message;

import java.nio.ByteBuffer;
import org.flowcoin.net.Command;
import org.flowcoin.net.internal.Wire;

/**
 * A decoded P2P message: one immutable type per {@link Command}. {@link MessageCodec} turns frames
 * into messages and back.
 *
 * <pre>{@code
 * Message m = new PingMessage(42);
 * byte[] payload = m.toPayload();
 * Message back = MessageCodec.decode(m.command().wireName(), payload);
 * }</pre>
 */
public sealed interface Message
        permits VersionMessage, VerackMessage, PingMessage, PongMessage, GetAddrMessage, AddrMessage,
                InvMessage, GetDataMessage, NotFoundMessage, GetHeadersMessage, HeadersMessage,
                SendHeadersMessage, BlockMessage, TxMessage, DeltaAnnouncementMessage,
                CheckpointAnnouncementMessage, GetChunkMessage, ChunkMessage {

    /** The command this message is framed under. */
    Command command();

    /** Exact payload size in bytes. */
    int serializedSize();

    /** Writes the payload at the buffer's position. */
    void write(ByteBuffer out);

    /** The serialized payload. */
    default byte[] toPayload() {
        ByteBuffer b = Wire.writer(serializedSize());
        write(b);
        if (b.hasRemaining()) throw new IllegalStateException("serializedSize mismatch for " + command());
        return b.array();
    }
}
