package org.flowcoin.primitives.block;

import java.util.Arrays;
import java.util.Objects;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.ModelDims;
import org.flowcoin.primitives.internal.Writer;

/**
 * Mutable builder of a header, for miners: fill the fields, grind the nonce on the reusable 244-byte
 * buffer, then sign.
 *
 * <pre>{@code
 * HeaderBuilder hb = new HeaderBuilder().prevHash(parent).height(h).timestamp(t).nbits(bits)
 *         .dims(params.growthSchedule().dimsAt(h)).minerPubkey(key.publicKey().toByteArray());
 * byte[] buf = hb.unsignedBuffer();           // bytes 0-243, reused while grinding
 * for (int nonce = 0; ; nonce++) {
 *     HeaderBuilder.setNonce(buf, nonce);
 *     if (meetsTarget(HeaderBuilder.hashOf(buf))) { hb.nonce(nonce); break; }
 * }
 * BlockHeader header = hb.sign(key);
 * }</pre>
 */
public final class HeaderBuilder {
    private final byte[] b = new byte[BlockHeader.SIZE];

    public HeaderBuilder() {
        Writer.u32(b, BlockHeader.VERSION, 1);
    }

    static HeaderBuilder from(byte[] bytes) {
        HeaderBuilder hb = new HeaderBuilder();
        System.arraycopy(bytes, 0, hb.b, 0, BlockHeader.SIZE);
        return hb;
    }

    private HeaderBuilder hash(int off, Hash256 h) {
        System.arraycopy(h.toByteArray(), 0, b, off, 32);
        return this;
    }

    public HeaderBuilder prevHash(Hash256 h) {
        return hash(BlockHeader.PREV, h);
    }

    public HeaderBuilder merkleRoot(Hash256 h) {
        return hash(BlockHeader.MERKLE, h);
    }

    public HeaderBuilder trainingHash(Hash256 h) {
        return hash(BlockHeader.TRAINING, h);
    }

    public HeaderBuilder datasetHash(Hash256 h) {
        return hash(BlockHeader.DATASET, h);
    }

    public HeaderBuilder height(long height) {
        if (height < 0) throw new IllegalArgumentException("negative height");
        Writer.i64(b, BlockHeader.HEIGHT, height);
        return this;
    }

    public HeaderBuilder timestamp(long t) {
        Writer.i64(b, BlockHeader.TIME, t);
        return this;
    }

    public HeaderBuilder nbits(int nbits) {
        Writer.u32(b, BlockHeader.NBITS, nbits);
        return this;
    }

    public HeaderBuilder valLossBits(int bits) {
        Writer.u32(b, BlockHeader.VAL_LOSS, bits);
        return this;
    }

    public HeaderBuilder prevValLossBits(int bits) {
        Writer.u32(b, BlockHeader.PREV_VAL_LOSS, bits);
        return this;
    }

    public HeaderBuilder dims(ModelDims d) {
        int o = BlockHeader.DIMS;
        Writer.u32(b, o, d.dModel());
        Writer.u32(b, o + 4, d.nLayers());
        Writer.u32(b, o + 8, d.dFf());
        Writer.u32(b, o + 12, d.nHeads());
        Writer.u32(b, o + 16, d.nKvHeads());
        Writer.u32(b, o + 20, d.nExperts());
        return this;
    }

    public HeaderBuilder stagnation(int v) {
        Writer.u32(b, BlockHeader.STAGNATION, v);
        return this;
    }

    /** delta_offset and delta_length; {@link Block} computes both from the body. */
    public HeaderBuilder delta(int offset, int length) {
        Writer.u32(b, BlockHeader.DELTA_OFFSET, offset);
        Writer.u32(b, BlockHeader.DELTA_LENGTH, length);
        return this;
    }

    public HeaderBuilder sparseCount(int v) {
        Writer.u32(b, BlockHeader.SPARSE_COUNT, v);
        return this;
    }

    public HeaderBuilder sparseThresholdBits(int v) {
        Writer.u32(b, BlockHeader.SPARSE_THRESHOLD, v);
        return this;
    }

    public HeaderBuilder nonce(int v) {
        Writer.u32(b, BlockHeader.NONCE, v);
        return this;
    }

    public HeaderBuilder version(int v) {
        Writer.u32(b, BlockHeader.VERSION, v);
        return this;
    }

    public HeaderBuilder minerPubkey(byte[] pub) {
        if (pub.length != 32) throw new IllegalArgumentException("miner public key is 32 bytes");
        System.arraycopy(pub, 0, b, BlockHeader.PUBKEY, 32);
        return this;
    }

    /** A fresh copy of bytes 0-243 for nonce grinding. */
    public byte[] unsignedBuffer() {
        return Arrays.copyOf(b, BlockHeader.UNSIGNED_SIZE);
    }

    /** Writes {@code nonce} into a 244-byte (or 308-byte) header buffer at offset 204. */
    public static void setNonce(byte[] buffer, int nonce) {
        Writer.u32(buffer, BlockHeader.NONCE, nonce);
    }

    /** Keccak-256d of bytes 0-243 of a header buffer: the block hash. */
    public static byte[] hashOf(byte[] buffer) {
        return Keccak.keccak256d(buffer, 0, BlockHeader.UNSIGNED_SIZE);
    }

    /** The current block hash (signature not needed). */
    public Hash256 hash() {
        return Hash256.of(hashOf(b));
    }

    /**
     * Signs bytes 0-243 with {@code key}; its public key must equal miner_pubkey.
     *
     * @throws IllegalStateException if the key does not match or the fields are not a valid header
     */
    public BlockHeader sign(Ed25519PrivateKey key) {
        Objects.requireNonNull(key, "key");
        byte[] pub = key.publicKey().toByteArray();
        if (!Arrays.equals(pub, 0, 32, b, BlockHeader.PUBKEY, BlockHeader.PUBKEY + 32)) {
            throw new IllegalStateException("signing key does not match miner_pubkey");
        }
        byte[] sig = key.sign(Arrays.copyOf(b, BlockHeader.UNSIGNED_SIZE));
        System.arraycopy(sig, 0, b, BlockHeader.SIG, 64);
        return build();
    }

    /** The header with whatever signature bytes are set (all zero unless signed). */
    public BlockHeader build() {
        byte[] copy = b.clone();
        try {
            BlockHeader.validate(copy);
        } catch (org.flowcoin.primitives.DecodeException e) {
            throw new IllegalStateException("invalid header: " + e.getMessage());
        }
        return BlockHeader.trusted(copy);
    }
}
