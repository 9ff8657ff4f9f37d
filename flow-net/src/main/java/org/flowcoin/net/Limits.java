package org.flowcoin.net;

/**
 * Protocol-wide size limits (docs/spec/p2p.md, "Limits"). Every length or count read from the wire is
 * checked against one of these before anything is allocated for it.
 */
public final class Limits {
    private Limits() {}

    /** Size of a serialized block header. */
    public static final int HEADER_SIZE = 308;
    /** Largest payload of any frame: a full block (at least {@code ChainParams.maxBlockSize()} of every network). */
    public static final int MAX_PAYLOAD = 40 * 1024 * 1024;
    /** Largest {@code block} payload. */
    public static final int MAX_BLOCK_SIZE = MAX_PAYLOAD;
    /** Largest {@code tx} payload. */
    public static final int MAX_TX_SIZE = 1024 * 1024;
    /** Largest payload of a frame whose command this version does not define (it is skipped). */
    public static final int MAX_UNKNOWN_PAYLOAD = 64 * 1024;
    /** Most entries in one {@code addr}. */
    public static final int MAX_ADDR = 1000;
    /** Size of one {@code addr} entry: time u32, services u64, address 16, port 2. */
    public static final int ADDR_ENTRY_SIZE = 30;
    /** Most items in one {@code inv}, {@code getdata} or {@code notfound}. */
    public static final int MAX_INV = 50_000;
    /** Size of one inventory item: type u32, hash 32. */
    public static final int INV_ITEM_SIZE = 36;
    /** Most locator hashes in one {@code getheaders}. */
    public static final int MAX_LOCATOR = 101;
    /** Most headers in one {@code headers}. */
    public static final int MAX_HEADERS = 2000;
    /** Longest user agent in {@code version}, in bytes. */
    public static final int MAX_USER_AGENT = 256;
    /** Largest {@code version} payload. */
    public static final int VERSION_MAX = 4 + 8 + 8 + 26 + 26 + 8 + 3 + MAX_USER_AGENT + 8;
    /** Size of every chunk of a chunked object but its last. */
    public static final int CHUNK_SIZE = 1024 * 1024;
    /** Most chunks of one chunked object (16 TiB). */
    public static final int MAX_CHUNKS = 1 << 24;
    /** Longest chunk Merkle branch: ceil(log2(MAX_CHUNKS)). */
    public static final int MAX_CHUNK_DEPTH = 24;
    /** Largest chunked object, in bytes. */
    public static final long MAX_OBJECT_SIZE = (long) MAX_CHUNKS * CHUNK_SIZE;
}
