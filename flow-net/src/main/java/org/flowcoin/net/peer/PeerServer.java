package org.flowcoin.net.peer;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flowcoin.net.Limits;
import org.flowcoin.net.message.BlockMessage;
import org.flowcoin.net.message.CheckpointAnnouncementMessage;
import org.flowcoin.net.message.ChunkedObject;
import org.flowcoin.net.message.DeltaAnnouncementMessage;
import org.flowcoin.net.message.GetChunkMessage;
import org.flowcoin.net.message.GetDataMessage;
import org.flowcoin.net.message.GetHeadersMessage;
import org.flowcoin.net.message.HeadersMessage;
import org.flowcoin.net.message.InvItem;
import org.flowcoin.net.message.InvType;
import org.flowcoin.net.message.Message;
import org.flowcoin.net.message.NotFoundMessage;
import org.flowcoin.net.message.PingMessage;
import org.flowcoin.net.message.PongMessage;
import org.flowcoin.net.message.RawHeader;
import org.flowcoin.net.message.VerackMessage;
import org.flowcoin.net.message.VersionMessage;

/**
 * A serving peer: accepts connections (one virtual thread each) and answers {@code getheaders},
 * {@code getdata} (blocks, delta and checkpoint announcements), {@code getchunk} and {@code ping} from
 * a {@link ChainSource}. A remote that sends garbage, an oversized length, a wrong checksum, an
 * undecodable payload, or a second {@code version} is disconnected; {@link #disconnects()} records why.
 *
 * <pre>{@code
 * try (PeerServer server = PeerServer.start(PeerConfig.of(magic, InstantSource.system()), chain, new InetSocketAddress("127.0.0.1", 0))) {
 *     int port = server.port();
 *     ...
 * }
 * }</pre>
 */
public final class PeerServer implements Closeable {
    /** Why a connection ended: the remote address and the reason (a misbehaviour or an I/O end). */
    public record Disconnect(SocketAddress remote, Optional<PeerMisbehaviourException.Reason> misbehaviour, String detail) {}

    /** Connections served at once; further ones are closed on accept. */
    public static final int MAX_CONNECTIONS = 125;

    private final PeerConfig config;
    private final ChainSource source;
    private final ServerSocket serverSocket;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Disconnect> disconnects = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private PeerServer(PeerConfig config, ChainSource source, ServerSocket ss) {
        this.config = config;
        this.source = source;
        this.serverSocket = ss;
        this.acceptor = Thread.ofVirtual().name("flow-net-accept").unstarted(this::acceptLoop);
    }

    /** Binds {@code address} (port 0: any free port) and starts accepting. */
    public static PeerServer start(PeerConfig config, ChainSource source, InetSocketAddress address) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(address);
        PeerServer s = new PeerServer(config, source, ss);
        s.acceptor.start();
        return s;
    }

    /** The bound port. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Connections that have ended so far, oldest first. */
    public List<Disconnect> disconnects() {
        return new ArrayList<>(disconnects);
    }

    /** Number of connections currently open. */
    public int openConnections() {
        return open.size();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket s = serverSocket.accept();
                if (open.size() >= MAX_CONNECTIONS) {
                    disconnects.add(new Disconnect(s.getRemoteSocketAddress(), Optional.empty(), "too many connections"));
                    s.close();
                    continue;
                }
                open.add(s);
                Thread.ofVirtual().name("flow-net-peer").start(() -> serve(s));
            } catch (IOException e) {
                if (serverSocket.isClosed()) return;
            }
        }
    }

    private void serve(Socket s) {
        SocketAddress remote = s.getRemoteSocketAddress();
        try (Connection c = Connection.open(s, config, false, source.height())) {
            while (true) handle(c, c.receive());
        } catch (PeerMisbehaviourException e) {
            disconnects.add(new Disconnect(remote, Optional.of(e.reason()), e.getMessage()));
        } catch (EOFException e) {
            disconnects.add(new Disconnect(remote, Optional.empty(), "closed by peer"));
        } catch (IOException | RuntimeException e) {
            disconnects.add(new Disconnect(remote, Optional.empty(), e.getClass().getSimpleName()));
        } finally {
            open.remove(s);
            try {
                s.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private void handle(Connection c, Message m) throws IOException {
        switch (m) {
            case PingMessage p -> c.send(new PongMessage(p.nonce()));
            case GetHeadersMessage g -> c.send(new HeadersMessage(source.headersAfter(g.locator(), g.stop(), Limits.MAX_HEADERS)));
            case GetDataMessage g -> serveGetData(c, g);
            case GetChunkMessage g -> serveChunk(c, g);
            case VersionMessage v -> throw new PeerMisbehaviourException(PeerMisbehaviourException.Reason.UNEXPECTED_MESSAGE, "second version");
            case VerackMessage v -> throw new PeerMisbehaviourException(PeerMisbehaviourException.Reason.UNEXPECTED_MESSAGE, "second verack");
            default -> { } // announcements, addr, sendheaders: nothing to serve
        }
    }

    private void serveGetData(Connection c, GetDataMessage g) throws IOException {
        List<InvItem> missing = new ArrayList<>();
        for (InvItem item : g.items()) {
            boolean sent = switch (item.type()) {
                case BLOCK -> {
                    Optional<byte[]> b = source.block(item.hash());
                    if (b.isPresent()) c.send(BlockMessage.of(b.get()));
                    yield b.isPresent();
                }
                case DELTA -> {
                    Optional<RawHeader> h = source.headerOfDelta(item.hash());
                    Optional<ChunkedObject> d = source.delta(item.hash());
                    if (h.isPresent() && d.isPresent()) c.send(DeltaAnnouncementMessage.of(h.get(), d.get().info()));
                    yield h.isPresent() && d.isPresent();
                }
                case CHECKPOINT -> {
                    Optional<ChainSource.Checkpoint> ck = source.checkpoint(item.hash());
                    if (ck.isPresent()) {
                        ChainSource.Checkpoint k = ck.get();
                        c.send(new CheckpointAnnouncementMessage(k.height(), k.blockHash(), k.file().info()));
                    }
                    yield ck.isPresent();
                }
                case TX -> false; // no mempool here
            };
            if (!sent) missing.add(item);
        }
        if (!missing.isEmpty()) c.send(new NotFoundMessage(missing));
    }

    private void serveChunk(Connection c, GetChunkMessage g) throws IOException {
        Optional<ChunkedObject> obj = g.type() == InvType.DELTA
                ? source.delta(g.objectHash())
                : source.checkpoint(g.objectHash()).map(ChainSource.Checkpoint::file);
        if (obj.isPresent() && g.index() < obj.get().info().chunkCount()) {
            c.send(obj.get().chunk(g.index()));
        } else {
            c.send(new NotFoundMessage(List.of(new InvItem(g.type(), g.objectHash()))));
        }
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
