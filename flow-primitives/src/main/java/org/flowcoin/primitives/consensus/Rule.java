package org.flowcoin.primitives.consensus;

/**
 * Every consensus rule of the SDK, with its id in docs/spec/validation.md (ids are unique; the
 * context-free transaction rules TX-1..TX-9 are those of docs/spec/primitives.md §2.2).
 *
 * <pre>{@code
 * Verdict v = chainState.submit(blockBytes).verdict();
 * if (v.rule() == Rule.LOSS_VAL) System.err.println("claimed val_loss is wrong: " + v.reason());
 * }</pre>
 */
public enum Rule {
    HDR_STRUCTURE("HDR-1", "header decodes: 308 bytes, height < 2^63, model dims well formed"),
    HDR_VERSION("HDR-2", "version is 1"),
    HDR_RESERVED("HDR-3", "reserved field is 0"),
    HDR_PREV("HDR-4", "prev_hash names the parent"),
    HDR_HEIGHT("HDR-5", "height is the parent's height + 1"),
    HDR_TIME_MEDIAN("HDR-6", "timestamp is greater than the median of the last 11 blocks"),
    HDR_TIME_FUTURE("HDR-7", "timestamp is at most 2 hours after the local clock"),
    HDR_NBITS("HDR-8", "nbits equals the retarget result"),
    HDR_DIMS("HDR-9", "model dims equal the growth schedule at this height"),
    HDR_LOSS_RANGE("HDR-10", "val_loss and prev_val_loss are finite and > 0"),
    HDR_LOSS_ORDER("HDR-11", "val_loss is ordered against prev_val_loss by the chain's profile"),
    HDR_STAGNATION("HDR-12", "stagnation counts consecutive blocks without improvement"),
    HDR_SIGNATURE("HDR-13", "miner signature verifies"),
    HDR_POW("HDR-14", "block hash is at most the effective target"),
    BLK_DECODE("BLK-1", "body decodes canonically and matches delta_offset/delta_length", true),
    BLK_COINBASE_POSITION("BLK-2", "first transaction is the only coinbase"),
    BLK_DUPLICATE_TX("BLK-3", "no duplicate txids, no mutated merkle tree", true),
    BLK_MERKLE("BLK-4", "merkle_root commits to the txids", true),
    BLK_WEIGHT("BLK-5", "block weight within the limit"),
    BLK_TRAINING_HASH("BLK-6", "training_hash is Keccak-256 of the delta payload", true),
    BLK_COINBASE_HEIGHT("BLK-7", "coinbase carries the block height"),
    BLK_DATA_COMMITMENT("BLK-8", "coinbase commits to Keccak-256 of the training data", true),
    BLK_MODEL_ROOT("BLK-9", "coinbase commits to the root of the new model"),
    BLK_COINBASE_VALUE("BLK-10", "coinbase pays at most subsidy + fees"),
    BLK_WITNESS_COMMITMENT("BLK-11", "coinbase commits to the witness merkle root", true),
    BLK_SIGOPS("BLK-12", "signature operations within the per-block budget"),
    TX_NO_INPUTS("TX-1", "at least one input"),
    TX_NO_OUTPUTS("TX-2", "at least one output"),
    TX_OUTPUT_RANGE("TX-3", "the sum of output values stays within MAX_MONEY"),
    TX_DUPLICATE_INPUT("TX-4", "no two inputs spend the same outpoint"),
    TX_COINBASE_SHAPE("TX-5", "coinbase shape, with exactly one commitment output"),
    TX_NULL_PREVOUT("TX-6", "no null prevout outside a coinbase"),
    TX_SIZE_64("TX-7", "base size is not 64 bytes"),
    TX_WEIGHT("TX-8", "weight at most maxBlockWeight"),
    TX_TIME_RELATIVE_LOCK("TX-9", "no time-based relative lock (reserved)"),
    TX_MISSING_INPUT("TX-10", "every input spends an unspent output (no double spend)"),
    TX_IMMATURE("TX-11", "coinbase outputs mature after coinbaseMaturity blocks"),
    TX_VALUE("TX-12", "inputs cover the outputs"),
    TX_SCRIPT("TX-13", "every input's witness satisfies its locking script"),
    TX_LOCKTIME("TX-14", "transaction is final at this height and time"),
    TX_SEQUENCE_LOCK("TX-15", "relative height locks are satisfied"),
    DELTA_FRAME("DELTA-1", "delta payload is exactly one zstd frame declaring its content size"),
    DELTA_SIZE("DELTA-2", "declared content size within the bound, and matches"),
    DELTA_LAYOUT("DELTA-3", "known format byte, count matches the body"),
    DELTA_INDEX("DELTA-4", "sparse indices strictly increasing and below the parameter count"),
    DELTA_VALUE("DELTA-5", "values finite; no zero in sparse form; no -0 and not all zero in dense form"),
    DELTA_FORM("DELTA-6", "the canonical form (sparse iff 3n <= P) is used"),
    DELTA_COUNT("DELTA-7", "header sparse_count equals the delta's entry count"),
    DELTA_NONFINITE("DELTA-8", "applying the delta keeps every weight finite"),
    DELTA_NOOP("DELTA-9", "applying the delta changes at least one weight"),
    DATA_SIZE("DATA-1", "training data is at least minDataBytes long"),
    DATA_DUPLICATE("DATA-2", "no chunk hash is in the Bloom filter or repeated in the payload"),
    DATA_ENTROPY("DATA-3", "byte entropy at least the minimum"),
    DATA_REPETITION("DATA-4", "each chunk has enough distinct 4-grams"),
    VH_DATASET_HASH("VH-1", "dataset_hash is Keccak-256 of V_h"),
    LOSS_PREV("LOSS-1", "prev_val_loss equals the recomputed loss of the grown parent model"),
    LOSS_VAL("LOSS-2", "val_loss equals the recomputed loss of the new model");

    private final String id;
    private final String description;
    private final boolean mutation;

    Rule(String id, String description) {
        this(id, description, false);
    }

    Rule(String id, String description, boolean mutation) {
        this.id = id;
        this.description = description;
        this.mutation = mutation;
    }

    /**
     * True for the rules whose failure means "this body is not the one the header commits to"
     * (decoding, txid and witness merkle roots, delta and training-data hashes): the block hash
     * stays unjudged, since the genuine body may still arrive (Bitcoin Core's BLOCK_MUTATED). Any
     * other failure of a block whose commitments hold is a property of the header itself.
     */
    public boolean mutation() {
        return mutation;
    }

    /** The id used in docs/spec/validation.md, e.g. {@code HDR-14}. */
    public String id() {
        return id;
    }

    /** One line saying what the rule requires. */
    public String description() {
        return description;
    }

    /** The rule with id {@code id}. */
    public static Rule byId(String id) {
        for (Rule r : values()) if (r.id.equals(id)) return r;
        throw new IllegalArgumentException("unknown rule id " + id);
    }
}
