package org.flowcoin.net.peer;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.flowcoin.net.Limits;
import org.flowcoin.net.message.ChunkedObjectInfo;

/**
 * A {@link ChunkStore} in memory.
 *
 * <pre>{@code
 * ChunkStore store = new MemoryChunkStore();
 * }</pre>
 */
public final class MemoryChunkStore implements ChunkStore {
    private final Map<ChunkedObjectInfo, Map<Integer, byte[]>> chunks = new ConcurrentHashMap<>();

    @Override
    public void put(ChunkedObjectInfo info, int index, byte[] data) {
        if (data.length != info.chunkLength(index)) throw new IllegalArgumentException("chunk length does not fit the object");
        chunks.computeIfAbsent(info, k -> new ConcurrentHashMap<>()).put(index, data.clone());
    }

    @Override
    public boolean has(ChunkedObjectInfo info, int index) {
        Map<Integer, byte[]> m = chunks.get(info);
        return m != null && m.containsKey(index);
    }

    @Override
    public Optional<byte[]> assemble(ChunkedObjectInfo info) {
        Map<Integer, byte[]> m = chunks.get(info);
        if (m == null || m.size() != info.chunkCount() || info.size() > Integer.MAX_VALUE - 16) return Optional.empty();
        byte[] out = new byte[(int) info.size()];
        for (int i = 0; i < info.chunkCount(); i++) {
            byte[] c = m.get(i);
            if (c == null) return Optional.empty();
            System.arraycopy(c, 0, out, i * Limits.CHUNK_SIZE, c.length);
        }
        return Optional.of(out);
    }

    @Override
    public void discard(ChunkedObjectInfo info) {
        chunks.remove(info);
    }

    @Override
    public int count(ChunkedObjectInfo info) {
        Map<Integer, byte[]> m = chunks.get(info);
        return m == null ? 0 : m.size();
    }
}
