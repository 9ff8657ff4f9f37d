package org.flowcoin.net.peer;

import java.util.List;
import org.flowcoin.net.message.RawHeader;
import org.flowcoin.primitives.Hash256;

/**
 * What a syncing peer feeds: headers first, then blocks and deltas in chain order. A node plugs its
 * validator in here (the proof-of-training verifier checks each block with its delta); the
 * {@link MemoryChain} checks linkage only. Rejections disconnect the serving peer.
 *
 * <pre>{@code
 * SyncClient.SyncResult r = new SyncClient(config, sink).sync(new InetSocketAddress("127.0.0.1", port));
 * }</pre>
 */
public interface ChainSink {
    /** Locator hashes of the local best chain, newest first (at most 101). */
    List<Hash256> locator();

    /** Accepts headers that follow the locator; throws if any is invalid. */
    void acceptHeaders(List<RawHeader> headers) throws ChainRejection;

    /** Hashes of accepted headers whose block is still missing, in chain order. */
    List<Hash256> missingBlocks();

    /** Accepts a block requested through {@link #missingBlocks()}. */
    void acceptBlock(Hash256 blockHash, byte[] block) throws ChainRejection;

    /** Headers whose delta is still missing (deltas not carried inside blocks), in chain order. */
    List<RawHeader> missingDeltas();

    /** Accepts a complete delta whose Keccak-256 has been checked against the header. */
    void acceptDelta(RawHeader header, byte[] delta) throws ChainRejection;

    /** Where verified chunks of partial downloads are kept (so a new connection resumes). */
    ChunkStore chunkStore();

    /** Data a sink refuses: broken linkage, a failed validation rule. */
    final class ChainRejection extends Exception {
        public ChainRejection(String message) {
            super(message);
        }
    }
}
