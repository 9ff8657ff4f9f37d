package org.flowcoin.net.peer;

import java.util.List;
import java.util.Optional;
import org.flowcoin.net.message.ChunkedObject;
import org.flowcoin.net.message.RawHeader;
import org.flowcoin.primitives.Hash256;

/**
 * What a serving peer reads from: a chain directory, a node's database, or memory. Implementations
 * must be safe for concurrent readers (one virtual thread per connection).
 *
 * <pre>{@code
 * PeerServer server = PeerServer.start(config, chainSource, 9555);
 * }</pre>
 */
public interface ChainSource {
    /** Height of the best tip, or -1 for an empty chain. */
    long height();

    /**
     * Up to {@code max} headers of the best chain following the first locator hash on it (from the
     * first header, genesis, if none is), ending early at {@code stop} (inclusive) unless it is zero.
     */
    List<RawHeader> headersAfter(List<Hash256> locator, Hash256 stop, int max);

    /** The serialized block with this hash. */
    Optional<byte[]> block(Hash256 blockHash);

    /** The header of the block whose delta hash is {@code deltaHash}. */
    Optional<RawHeader> headerOfDelta(Hash256 deltaHash);

    /** The delta payload with this Keccak-256, ready to be served in chunks. */
    Optional<ChunkedObject> delta(Hash256 deltaHash);

    /** A model checkpoint, by the Keccak-256 of its file. */
    default Optional<Checkpoint> checkpoint(Hash256 fileHash) {
        return Optional.empty();
    }

    /** A served checkpoint: the height and block whose model it holds, and the file. */
    record Checkpoint(long height, Hash256 blockHash, ChunkedObject file) {}
}
