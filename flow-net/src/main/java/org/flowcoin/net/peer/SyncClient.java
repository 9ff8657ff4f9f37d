package org.flowcoin.net.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.net.Limits;
import org.flowcoin.net.message.AddrMessage;
import org.flowcoin.net.message.BlockMessage;
import org.flowcoin.net.message.CheckpointAnnouncementMessage;
import org.flowcoin.net.message.ChunkMessage;
import org.flowcoin.net.message.ChunkedObjectInfo;
import org.flowcoin.net.message.DeltaAnnouncementMessage;
import org.flowcoin.net.message.GetChunkMessage;
import org.flowcoin.net.message.GetDataMessage;
import org.flowcoin.net.message.GetHeadersMessage;
import org.flowcoin.net.message.HeadersMessage;
import org.flowcoin.net.message.InvItem;
import org.flowcoin.net.message.InvMessage;
import org.flowcoin.net.message.InvType;
import org.flowcoin.net.message.Message;
import org.flowcoin.net.message.NotFoundMessage;
import org.flowcoin.net.message.PingMessage;
import org.flowcoin.net.message.PongMessage;
import org.flowcoin.net.message.RawHeader;
import org.flowcoin.net.message.SendHeadersMessage;
import org.flowcoin.net.message.VersionMessage;
import org.flowcoin.primitives.Hash256;

/**
 * A syncing peer: connects to one serving peer and brings a {@link ChainSink} up to the peer's tip,
 * headers first, then blocks in chain order, each followed by its delta (fetched in verified chunks).
 * Every chunk is checked against the announced root before it reaches the {@link ChunkStore}; a
 * completed delta is checked against the header's delta hash before the sink sees it. Chunks stored
 * before a disconnect are reused by the next {@code sync}.
 *
 * <pre>{@code
 * SyncClient.Result r = new SyncClient(config, chain).sync(new InetSocketAddress("127.0.0.1", port));
 * }</pre>
 */
public final class SyncClient {
    /** Blocks requested per {@code getdata}. */
    static final int BLOCK_BATCH = 16;
    /** Chunk requests kept in flight. */
    static final int CHUNK_WINDOW = 4;

    /** What one sync did. */
    public record Result(int headers, int blocks, int deltas, int chunks, long bytesReceived) {}

    /** The peer answered {@code notfound} for something the sync needs. */
    public static final class NotFoundException extends IOException {
        public NotFoundException(String message) {
            super(message);
        }
    }

    private final PeerConfig config;
    private final ChainSink sink;
    private int headers;
    private int blocks;
    private int deltas;
    private int chunks;

    public SyncClient(PeerConfig config, ChainSink sink) {
        this.config = config;
        this.sink = sink;
    }

    /** Syncs from the peer at {@code address} until the sink has everything the peer has. */
    public Result sync(InetSocketAddress address) throws IOException {
        headers = blocks = deltas = chunks = 0;
        Socket s = new Socket();
        s.connect(address, (int) Math.min(Integer.MAX_VALUE, config.readTimeout().toMillis()));
        try (Connection c = Connection.open(s, config, true, 0)) {
            syncHeaders(c);
            Map<Hash256, RawHeader> needDelta = new HashMap<>();
            for (RawHeader h : sink.missingDeltas()) needDelta.put(h.hash(), h);
            List<Hash256> missing = sink.missingBlocks();
            for (int i = 0; i < missing.size(); i += BLOCK_BATCH) {
                List<Hash256> batch = missing.subList(i, Math.min(missing.size(), i + BLOCK_BATCH));
                List<InvItem> items = new ArrayList<>();
                for (Hash256 h : batch) items.add(new InvItem(InvType.BLOCK, h));
                c.send(new GetDataMessage(items));
                for (Hash256 h : batch) {
                    BlockMessage b = expect(c, BlockMessage.class);
                    if (!b.header().hash().equals(h)) throw bad(c, PeerMisbehaviourException.Reason.INVALID_DATA, "block is not the one requested");
                    accept(c, () -> sink.acceptBlock(h, b.block()));
                    blocks++;
                }
                for (Hash256 h : batch) {
                    RawHeader dh = needDelta.remove(h);
                    if (dh != null) fetchDelta(c, dh);
                }
            }
            for (RawHeader h : sink.missingDeltas()) fetchDelta(c, h);
            return new Result(headers, blocks, deltas, chunks, c.bytesReceived());
        }
    }

    /** Fetches a checkpoint file by its Keccak-256, verifying every chunk, from the peer at {@code address}. */
    public byte[] fetchCheckpoint(InetSocketAddress address, Hash256 fileHash) throws IOException {
        Socket s = new Socket();
        s.connect(address, (int) Math.min(Integer.MAX_VALUE, config.readTimeout().toMillis()));
        try (Connection c = Connection.open(s, config, true, 0)) {
            c.send(new GetDataMessage(List.of(new InvItem(InvType.CHECKPOINT, fileHash))));
            CheckpointAnnouncementMessage ann = expect(c, CheckpointAnnouncementMessage.class);
            if (!ann.checkpoint().hash().equals(fileHash)) throw bad(c, PeerMisbehaviourException.Reason.INVALID_DATA, "announced another checkpoint");
            return fetchChunks(c, ann.checkpoint());
        }
    }

    private void syncHeaders(Connection c) throws IOException {
        while (true) {
            c.send(new GetHeadersMessage(VersionMessage.PROTOCOL_VERSION, sink.locator(), Hash256.ZERO));
            HeadersMessage h = expect(c, HeadersMessage.class);
            if (h.headers().isEmpty()) return;
            accept(c, () -> sink.acceptHeaders(h.headers()));
            headers += h.headers().size();
            if (h.headers().size() < Limits.MAX_HEADERS) return;
        }
    }

    private void fetchDelta(Connection c, RawHeader header) throws IOException {
        c.send(new GetDataMessage(List.of(new InvItem(InvType.DELTA, header.deltaHash()))));
        DeltaAnnouncementMessage ann = expect(c, DeltaAnnouncementMessage.class);
        if (!ann.header().equals(header)) throw bad(c, PeerMisbehaviourException.Reason.INVALID_DATA, "delta announced for another header");
        byte[] delta = fetchChunks(c, ann.delta());
        accept(c, () -> sink.acceptDelta(header, delta));
        deltas++;
    }

    private byte[] fetchChunks(Connection c, ChunkedObjectInfo info) throws IOException {
        ChunkStore store = sink.chunkStore();
        Deque<Integer> todo = new ArrayDeque<>();
        for (int i = 0; i < info.chunkCount(); i++) if (!store.has(info, i)) todo.add(i);
        Deque<Integer> inFlight = new ArrayDeque<>();
        while (!todo.isEmpty() || !inFlight.isEmpty()) {
            while (!todo.isEmpty() && inFlight.size() < CHUNK_WINDOW) {
                int i = todo.poll();
                c.send(new GetChunkMessage(info.type(), info.hash(), i));
                inFlight.add(i);
            }
            ChunkMessage m = expect(c, ChunkMessage.class);
            int want = inFlight.poll();
            if (m.index() != want || !m.verify(info)) {
                throw bad(c, PeerMisbehaviourException.Reason.BAD_CHUNK, "chunk " + m.index() + " does not match the announced object");
            }
            store.put(info, want, m.data());
            chunks++;
        }
        byte[] all = store.assemble(info).orElseThrow(() -> new IllegalStateException("chunk store lost chunks"));
        if (!Hash256.of(Keccak.keccak256(all)).equals(info.hash())) {
            store.discard(info); // consistent with the announced root but not the object: all of it is bad
            throw bad(c, PeerMisbehaviourException.Reason.BAD_CHUNK, "assembled object does not match its hash");
        }
        store.discard(info);
        return all;
    }

    private interface SinkCall {
        void run() throws ChainSink.ChainRejection;
    }

    private static void accept(Connection c, SinkCall call) throws PeerMisbehaviourException {
        try {
            call.run();
        } catch (ChainSink.ChainRejection e) {
            throw bad(c, PeerMisbehaviourException.Reason.INVALID_DATA, e.getMessage());
        }
    }

    private static PeerMisbehaviourException bad(Connection c, PeerMisbehaviourException.Reason r, String msg) {
        c.close();
        return new PeerMisbehaviourException(r, msg);
    }

    /** The next message of type {@code type}; pings are answered and announcements skipped on the way. */
    private static <T extends Message> T expect(Connection c, Class<T> type) throws IOException {
        while (true) {
            Message m = c.receive();
            if (type.isInstance(m)) return type.cast(m);
            switch (m) {
                case PingMessage p -> c.send(new PongMessage(p.nonce()));
                case InvMessage i -> { }
                case AddrMessage a -> { }
                case SendHeadersMessage s -> { }
                case NotFoundMessage n -> {
                    c.close();
                    throw new NotFoundException("peer does not have " + n.items());
                }
                default -> throw bad(c, PeerMisbehaviourException.Reason.UNEXPECTED_MESSAGE, m.command().wireName() + " while waiting for " + type.getSimpleName());
            }
        }
    }
}
