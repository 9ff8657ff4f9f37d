package org.flowcoin.net.message;

import org.flowcoin.primitives.Hash256;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.flowcoin.net.Command;
import org.flowcoin.net.Limits;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.block.Block;

/**
 * {@code block}: one serialized block (the primitives' block encoding, which starts with the 308-byte
 * header), at least 308 and at most {@link Limits#MAX_BLOCK_SIZE} bytes. The wire layer does not parse
 * past the header; the block decoder and the verifier do.
 *
 * <pre>{@code
 * BlockMessage m = BlockMessage.of(serializedBlock);
 * Hash256 id = m.header().hash();
 * }</pre>
 */
public final class BlockMessage implements Message {
    private final byte[] block;

    private BlockMessage(byte[] block) {
        this.block = block;
    }

    /** Wraps a copy of a serialized block. */
    public static BlockMessage of(byte[] block) {
        Objects.requireNonNull(block, "block");
        if (block.length < RawHeader.SIZE || block.length > Limits.MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("block size out of range");
        }
        return new BlockMessage(block.clone());
    }

    /** Reads the rest of the buffer as the block. */
    public static BlockMessage read(ByteBuffer in) throws NetDecodeException {
        int n = in.remaining();
        if (n < RawHeader.SIZE) throw new NetDecodeException(NetDecodeException.Reason.TRUNCATED, "block shorter than a header");
        if (n > Limits.MAX_BLOCK_SIZE) throw new NetDecodeException(NetDecodeException.Reason.OVERSIZED, "block");
        byte[] b = new byte[n];
        in.get(b);
        return new BlockMessage(b);
    }

    /** The wire form of a primitives block. */
    public static BlockMessage of(Block block) {
        return of(block.toByteArray());
    }

    /**
     * Decodes the block with the primitives' codec.
     *
     * @throws org.flowcoin.primitives.DecodeException if the primitives reject the bytes
     */
    public Block toBlock(ChainParams params) {
        return Block.fromBytes(block, params);
    }

    /** A copy of the serialized block. */
    public byte[] block() {
        return block.clone();
    }

    /** The block's header (its first 308 bytes). */
    public RawHeader header() {
        return RawHeader.of(Arrays.copyOf(block, RawHeader.SIZE));
    }

    public Command command() {
        return Command.BLOCK;
    }

    public int serializedSize() {
        return block.length;
    }

    public void write(ByteBuffer out) {
        out.put(block);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockMessage m && Arrays.equals(block, m.block);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(block);
    }

    @Override
    public String toString() {
        return "BlockMessage[" + block.length + " bytes]";
    }
}
