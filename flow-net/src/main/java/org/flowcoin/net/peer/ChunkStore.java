package org.flowcoin.net.peer;

import java.util.Optional;
import org.flowcoin.net.message.ChunkedObjectInfo;

/**
 * Storage for the verified chunks of objects being downloaded. Only chunks that passed
 * {@link org.flowcoin.net.message.ChunkMessage#verify} are ever put here; keyed by the whole
 * {@link ChunkedObjectInfo} (hash and root), so chunks verified under one announced root are never
 * mixed with another.
 *
 * <pre>{@code
 * if (chunk.verify(info)) store.put(info, chunk.index(), chunk.data());
 * }</pre>
 */
public interface ChunkStore {
    /** Stores a verified chunk. */
    void put(ChunkedObjectInfo info, int index, byte[] data);

    /** True if chunk {@code index} of this object is stored. */
    boolean has(ChunkedObjectInfo info, int index);

    /** The concatenated object, if every chunk is stored. */
    Optional<byte[]> assemble(ChunkedObjectInfo info);

    /** Drops every chunk of this object (after completion, or when the whole object proved bad). */
    void discard(ChunkedObjectInfo info);

    /** Number of chunks stored for this object. */
    int count(ChunkedObjectInfo info);
}
