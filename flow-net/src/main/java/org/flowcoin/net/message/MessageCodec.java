package org.flowcoin.net.message;

import java.nio.ByteBuffer;
import org.flowcoin.net.Command;
import org.flowcoin.net.Frame;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.NetworkMagic;
import org.flowcoin.net.internal.Wire;

/**
 * Converts between frames and {@link Message}s. Decoding is strict: the payload must be exactly one
 * message of the frame's command with nothing left over, and the only exception is
 * {@link NetDecodeException}.
 *
 * <pre>{@code
 * Frame f = MessageCodec.toFrame(magic, new PingMessage(7));
 * Message m = MessageCodec.decode(f);
 * }</pre>
 */
public final class MessageCodec {
    private MessageCodec() {}

    /** Frames {@code m} for the network {@code magic}. */
    public static Frame toFrame(NetworkMagic magic, Message m) {
        return Frame.of(magic, m.command().wireName(), m.toPayload());
    }

    /** The serialized frame of {@code m}. */
    public static byte[] encode(NetworkMagic magic, Message m) {
        return toFrame(magic, m).toByteArray();
    }

    /** Decodes a frame's payload as the message its command names. */
    public static Message decode(Frame f) throws NetDecodeException {
        return decode(f.command(), f.payloadBuffer());
    }

    /** Decodes {@code payload} as a message of {@code command}. */
    public static Message decode(String command, byte[] payload) throws NetDecodeException {
        return decode(command, Wire.reader(payload));
    }

    private static Message decode(String command, ByteBuffer in) throws NetDecodeException {
        Command c = Command.byName(command)
                .orElseThrow(() -> new NetDecodeException(NetDecodeException.Reason.UNKNOWN_COMMAND, "unknown command"));
        if (in.remaining() > c.maxPayload()) throw new NetDecodeException(NetDecodeException.Reason.OVERSIZED, command + " payload");
        Message m = switch (c) {
            case VERSION -> VersionMessage.read(in);
            case VERACK -> new VerackMessage();
            case PING -> PingMessage.read(in);
            case PONG -> PongMessage.read(in);
            case GETADDR -> new GetAddrMessage();
            case ADDR -> AddrMessage.read(in);
            case INV -> InvMessage.read(in);
            case GETDATA -> GetDataMessage.read(in);
            case NOTFOUND -> NotFoundMessage.read(in);
            case GETHEADERS -> GetHeadersMessage.read(in);
            case HEADERS -> HeadersMessage.read(in);
            case SENDHEADERS -> new SendHeadersMessage();
            case BLOCK -> BlockMessage.read(in);
            case TX -> TxMessage.read(in);
            case CMPCTDELTA -> DeltaAnnouncementMessage.read(in);
            case CKPTANN -> CheckpointAnnouncementMessage.read(in);
            case GETCHUNK -> GetChunkMessage.read(in);
            case CHUNK -> ChunkMessage.read(in);
        };
        Wire.expectEnd(in, command);
        return m;
    }
}
