package org.flowcoin.net.message;

import org.flowcoin.primitives.Hash256;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.flowcoin.net.Command;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.internal.Wire;

/**
 * {@code ckptann}: a model checkpoint the sender serves: height (u64), hash of the block whose model it
 * holds, Keccak-256 of the checkpoint file, file size (u64), chunk count (u32) and the
 * {@link ChunkTree} root. Sent in answer to {@code getdata(CHECKPOINT, hash)} or unsolicited. 116 bytes.
 *
 * <pre>{@code
 * ChunkedObject ckpt = ChunkedObject.of(InvType.CHECKPOINT, ggufBytes);
 * CheckpointAnnouncementMessage ann = new CheckpointAnnouncementMessage(height, blockHash, ckpt.info());
 * }</pre>
 */
public record CheckpointAnnouncementMessage(long height, Hash256 blockHash, ChunkedObjectInfo checkpoint) implements Message {
    public CheckpointAnnouncementMessage {
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (checkpoint.type() != InvType.CHECKPOINT) throw new IllegalArgumentException("not a checkpoint");
    }

    public static CheckpointAnnouncementMessage read(ByteBuffer in) throws NetDecodeException {
        long height = Wire.u64(in, "height");
        Hash256 block = Wire.hash(in);
        Hash256 hash = Wire.hash(in);
        return new CheckpointAnnouncementMessage(height, block, ChunkedObjectInfo.read(in, InvType.CHECKPOINT, hash));
    }

    public Command command() {
        return Command.CKPTANN;
    }

    public int serializedSize() {
        return 8 + 32 + 32 + 8 + 4 + 32;
    }

    public void write(ByteBuffer out) {
        Wire.writeU64(out, height);
        blockHash.write(out);
        checkpoint.hash().write(out);
        checkpoint.writeTail(out);
    }
}
