package org.flowcoin.primitives.block;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.flowcoin.crypto.Ed25519;
import org.flowcoin.primitives.DecodeException;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.ModelDims;
import org.flowcoin.primitives.internal.Writer;

/**
 * The 308-byte block header (protocol.md §3, docs/spec/primitives.md §5), little-endian:
 *
 * <pre>
 *   0 prev_hash 32 |  32 merkle_root 32 |  64 training_hash 32 |  96 dataset_hash 32
 * 128 height u64   | 136 timestamp i64  | 144 nbits u32 | 148 val_loss f32 | 152 prev_val_loss f32
 * 156 d_model, n_layers, d_ff, n_heads, n_kv_heads, n_experts u32 | 180 reserved u32 (0)
 * 184 stagnation u32 | 188 delta_offset u32 | 192 delta_length u32 | 196 sparse_count u32
 * 200 sparse_threshold f32 | 204 nonce u32 | 208 version u32 | 212 miner_pubkey 32 | 244 miner_sig 64
 * </pre>
 *
 * Block hash = Keccak-256d(bytes 0-243); the miner signs the same 244 bytes. Immutable; backed by a
 * private copy of the 308 bytes.
 *
 * <pre>{@code
 * BlockHeader h = BlockHeader.fromBytes(raw308);
 * Hash256 id = h.hash();
 * boolean signedOk = h.verifySignature();
 * }</pre>
 */
public final class BlockHeader {
    public static final int SIZE = 308;
    /** Bytes 0-243: hashed and signed. */
    public static final int UNSIGNED_SIZE = 244;

    static final int PREV = 0, MERKLE = 32, TRAINING = 64, DATASET = 96, HEIGHT = 128, TIME = 136, NBITS = 144,
            VAL_LOSS = 148, PREV_VAL_LOSS = 152, DIMS = 156, RESERVED = 180, STAGNATION = 184, DELTA_OFFSET = 188,
            DELTA_LENGTH = 192, SPARSE_COUNT = 196, SPARSE_THRESHOLD = 200, NONCE = 204, VERSION = 208, PUBKEY = 212,
            SIG = 244;

    private final byte[] b;
    private Hash256 hash;

    private BlockHeader(byte[] b) {
        this.b = b;
    }

    /** Wraps bytes built by {@link HeaderBuilder} (already validated). */
    static BlockHeader trusted(byte[] b) {
        return new BlockHeader(b);
    }

    /** Decodes 308 bytes from the buffer. */
    public static BlockHeader read(ByteBuffer buf) {
        if (buf.remaining() < SIZE) throw DecodeException.of("header", "truncated (need 308 bytes, have " + buf.remaining() + ")");
        byte[] b = new byte[SIZE];
        buf.get(b);
        validate(b);
        return new BlockHeader(b);
    }

    /** Whether the 4-byte reserved field (bytes 180-183) of raw header bytes is zero (validation.md HDR-3). */
    public static boolean reservedFieldIsZero(byte[] bytes) {
        if (bytes.length < RESERVED + 4) throw new IllegalArgumentException("not a header: " + bytes.length + " bytes");
        return bytes[RESERVED] == 0 && bytes[RESERVED + 1] == 0 && bytes[RESERVED + 2] == 0 && bytes[RESERVED + 3] == 0;
    }

    /** Decodes exactly 308 bytes. */
    public static BlockHeader fromBytes(byte[] bytes) {
        if (bytes.length != SIZE) throw DecodeException.of("header", "must be 308 bytes, got " + bytes.length);
        return read(ByteBuffer.wrap(bytes));
    }

    public static BlockHeader fromHex(String hex) {
        try {
            return fromBytes(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw DecodeException.of("header", "invalid hex");
        }
    }

    static void validate(byte[] b) {
        if (Writer.i64(b, HEIGHT) < 0) throw DecodeException.of("height", "exceeds 2^63-1");
        if (Writer.u32(b, RESERVED) != 0) throw DecodeException.of("reserved", "must be 0");
        try {
            dimsOf(b);
        } catch (IllegalArgumentException e) {
            throw DecodeException.of("model dims", e.getMessage());
        }
    }

    private static ModelDims dimsOf(byte[] b) {
        return new ModelDims(Writer.u32(b, DIMS), Writer.u32(b, DIMS + 4), Writer.u32(b, DIMS + 8), Writer.u32(b, DIMS + 12),
                Writer.u32(b, DIMS + 16), Writer.u32(b, DIMS + 20));
    }

    public void write(ByteBuffer buf) {
        buf.put(b);
    }

    public byte[] toByteArray() {
        return b.clone();
    }

    /** Bytes 0-243 (what is hashed and signed). */
    public byte[] unsignedBytes() {
        return Arrays.copyOf(b, UNSIGNED_SIZE);
    }

    public String toHex() {
        return HexFormat.of().formatHex(b);
    }

    /** Keccak-256d(bytes 0-243). */
    public Hash256 hash() {
        Hash256 h = hash;
        if (h == null) hash = h = Hash256.keccak256d(b, 0, UNSIGNED_SIZE);
        return h;
    }

    /** The Ed25519 signature by miner_pubkey over bytes 0-243 verifies. */
    public boolean verifySignature() {
        return Ed25519.verify(minerPubkey(), unsignedBytes(), minerSignature());
    }

    private Hash256 hashAt(int off) {
        return Hash256.of(Arrays.copyOfRange(b, off, off + 32));
    }

    public Hash256 prevHash() {
        return hashAt(PREV);
    }

    public Hash256 merkleRoot() {
        return hashAt(MERKLE);
    }

    /** The delta hash: Keccak-256 of the block's delta payload. */
    public Hash256 trainingHash() {
        return hashAt(TRAINING);
    }

    public Hash256 datasetHash() {
        return hashAt(DATASET);
    }

    public long height() {
        return Writer.i64(b, HEIGHT);
    }

    public long timestamp() {
        return Writer.i64(b, TIME);
    }

    public int nbits() {
        return Writer.u32(b, NBITS);
    }

    /** Raw f32 bits. */
    public int valLossBits() {
        return Writer.u32(b, VAL_LOSS);
    }

    /** Raw f32 bits. */
    public int prevValLossBits() {
        return Writer.u32(b, PREV_VAL_LOSS);
    }

    public ModelDims dims() {
        return dimsOf(b);
    }

    public int stagnation() {
        return Writer.u32(b, STAGNATION);
    }

    public int deltaOffset() {
        return Writer.u32(b, DELTA_OFFSET);
    }

    public int deltaLength() {
        return Writer.u32(b, DELTA_LENGTH);
    }

    public int sparseCount() {
        return Writer.u32(b, SPARSE_COUNT);
    }

    /** Raw f32 bits (informational). */
    public int sparseThresholdBits() {
        return Writer.u32(b, SPARSE_THRESHOLD);
    }

    public int nonce() {
        return Writer.u32(b, NONCE);
    }

    public int version() {
        return Writer.u32(b, VERSION);
    }

    public byte[] minerPubkey() {
        return Arrays.copyOfRange(b, PUBKEY, PUBKEY + 32);
    }

    public byte[] minerSignature() {
        return Arrays.copyOfRange(b, SIG, SIG + 64);
    }

    /** A builder initialised with every field of this header. */
    public HeaderBuilder toBuilder() {
        return HeaderBuilder.from(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockHeader h && Arrays.equals(b, h.b);
    }

    @Override
    public int hashCode() {
        return hash().hashCode();
    }

    @Override
    public String toString() {
        return "BlockHeader[" + hash().toHex() + ", height=" + height() + "]";
    }
}
