package org.flowcoin.net.message;

import org.flowcoin.net.internal.Wire;
import org.flowcoin.primitives.Hash256;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.flowcoin.net.Command;
import org.flowcoin.net.Limits;
import org.flowcoin.net.NetDecodeException;

/**
 * {@code cmpctdelta}: the compact announcement of a block's delta: the 308-byte header, the delta hash
 * (must equal the header's bytes 64..95), the delta size (u64), the chunk count (u32, must be
 * ceil(size / 1 MiB)) and the {@link ChunkTree} root. The receiver then fetches the chunks with
 * {@link GetChunkMessage} and checks each against the root before storing it. 384 bytes.
 *
 * <pre>{@code
 * ChunkedObject delta = ChunkedObject.of(InvType.DELTA, deltaBytes);
 * DeltaAnnouncementMessage ann = DeltaAnnouncementMessage.of(header, delta.info());
 * }</pre>
 */
public record DeltaAnnouncementMessage(RawHeader header, ChunkedObjectInfo delta) implements Message {
    public DeltaAnnouncementMessage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(delta, "delta");
        if (delta.type() != InvType.DELTA) throw new IllegalArgumentException("not a delta");
        if (!delta.hash().equals(header.deltaHash())) throw new IllegalArgumentException("delta hash differs from the header's");
    }

    public static DeltaAnnouncementMessage of(RawHeader header, ChunkedObjectInfo delta) {
        return new DeltaAnnouncementMessage(header, delta);
    }

    public static DeltaAnnouncementMessage read(ByteBuffer in) throws NetDecodeException {
        RawHeader h = RawHeader.read(in);
        Hash256 dh = Wire.hash(in);
        if (!dh.equals(h.deltaHash())) throw new NetDecodeException(NetDecodeException.Reason.INVALID_VALUE, "delta hash differs from the header's");
        return new DeltaAnnouncementMessage(h, ChunkedObjectInfo.read(in, InvType.DELTA, dh));
    }

    public Command command() {
        return Command.CMPCTDELTA;
    }

    public int serializedSize() {
        return Limits.HEADER_SIZE + 32 + 8 + 4 + 32;
    }

    public void write(ByteBuffer out) {
        header.write(out);
        delta.hash().write(out);
        delta.writeTail(out);
    }
}
