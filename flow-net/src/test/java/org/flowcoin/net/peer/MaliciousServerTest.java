package org.flowcoin.net.peer;

import java.time.InstantSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.flowcoin.net.Frame;
import org.flowcoin.net.Limits;
import org.flowcoin.net.Samples;
import org.flowcoin.net.message.BlockMessage;
import org.flowcoin.net.message.ChunkMessage;
import org.flowcoin.net.message.ChunkedObject;
import org.flowcoin.net.message.ChunkedObjectInfo;
import org.flowcoin.net.message.DeltaAnnouncementMessage;
import org.flowcoin.net.message.GetChunkMessage;
import org.flowcoin.net.message.GetDataMessage;
import org.flowcoin.net.message.GetHeadersMessage;
import org.flowcoin.net.message.HeadersMessage;
import org.flowcoin.net.message.InvType;
import org.flowcoin.net.message.Message;
import org.flowcoin.net.message.MessageCodec;
import org.flowcoin.net.message.RawHeader;
import org.junit.jupiter.api.Test;

/** A serving peer that lies in one way per mode; the syncing side must disconnect and store nothing bad. */
class MaliciousServerTest {
    static final PeerConfig CONFIG = PeerConfig.of(Samples.MAGIC, InstantSource.system()).withReadTimeout(Duration.ofSeconds(10));

    enum Mode { TAMPERED_CHUNK, FORGED_OBJECT, GARBAGE, OVERSIZED, WRONG_CHECKSUM, UNLINKED_HEADERS, WRONG_BLOCK }

    final MemoryChain honest;
    final RawHeader h1;
    final ChunkedObject realDelta;

    MaliciousServerTest() throws Exception {
        honest = TestChains.build(3 * Limits.CHUNK_SIZE + 10);
        h1 = honest.headers().get(1);
        realDelta = honest.delta(h1.deltaHash()).get();
    }

    /** Serves one connection, lying as {@code mode} says. */
    Thread serve(ServerSocket ss, Mode mode) {
        return Thread.ofVirtual().start(() -> {
            try (Socket s = ss.accept(); Connection c = Connection.open(s, CONFIG, false, honest.height())) {
                // the forged object: other bytes of the same size, announced under the real delta hash
                ChunkedObject other = ChunkedObject.of(InvType.DELTA, Samples.pattern((int) realDelta.info().size(), 0x5a));
                ChunkedObjectInfo forged = new ChunkedObjectInfo(InvType.DELTA, realDelta.info().hash(), other.info().size(),
                        other.info().chunkCount(), other.info().chunkRoot());
                while (true) {
                    Message m = c.receive();
                    switch (m) {
                        case GetHeadersMessage g -> {
                            List<RawHeader> hs = honest.headersAfter(g.locator(), g.stop(), Limits.MAX_HEADERS);
                            switch (mode) {
                                case GARBAGE -> raw(s, Samples.pattern(5000, 0x71));
                                case OVERSIZED -> {
                                    byte[] f = Frame.of(Samples.MAGIC, "headers", new byte[0]).toByteArray();
                                    f[16] = 0x44; f[17] = 0x33; f[18] = 0x22; // 2.2 MB > headers maximum
                                    raw(s, f);
                                }
                                case WRONG_CHECKSUM -> {
                                    byte[] f = MessageCodec.encode(Samples.MAGIC, new HeadersMessage(hs));
                                    f[22] ^= 1;
                                    raw(s, f);
                                }
                                case UNLINKED_HEADERS -> c.send(new HeadersMessage(List.of(TestChains.header(Samples.hash(3), 1, null))));
                                default -> c.send(new HeadersMessage(hs));
                            }
                        }
                        case GetDataMessage g -> {
                            var item = g.items().getFirst();
                            if (item.type() == InvType.BLOCK) {
                                byte[] b = honest.block(item.hash()).get();
                                if (mode == Mode.WRONG_BLOCK) b = honest.block(honest.headers().getFirst().hash()).get();
                                c.send(BlockMessage.of(b));
                            } else {
                                c.send(DeltaAnnouncementMessage.of(h1, mode == Mode.FORGED_OBJECT ? forged : realDelta.info()));
                            }
                        }
                        case GetChunkMessage g -> {
                            if (mode == Mode.FORGED_OBJECT) {
                                ChunkMessage oc = other.chunk(g.index());
                                c.send(ChunkMessage.of(InvType.DELTA, forged.hash(), oc.index(), oc.total(), oc.branch(), oc.data()));
                            } else if (mode == Mode.TAMPERED_CHUNK && g.index() == 1) {
                                ChunkMessage rc = realDelta.chunk(1);
                                byte[] d = rc.data();
                                d[12345] ^= 0x10;
                                c.send(ChunkMessage.of(rc.type(), rc.objectHash(), 1, rc.total(), rc.branch(), d));
                            } else {
                                c.send(realDelta.chunk(g.index()));
                            }
                        }
                        default -> { }
                    }
                }
            } catch (IOException e) {
                // the client hung up
            }
        });
    }

    static void raw(Socket s, byte[] b) throws IOException {
        s.getOutputStream().write(b);
        s.getOutputStream().flush();
    }

    PeerMisbehaviourException syncAgainst(Mode mode, MemoryChain client) throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = serve(ss, mode);
            Throwable thrown = null;
            try {
                new SyncClient(CONFIG, client).sync(new InetSocketAddress(InetAddress.getLoopbackAddress(), ss.getLocalPort()));
            } catch (Throwable e) {
                thrown = e;
            }
            t.join(10_000);
            assertThat(thrown).as(mode.toString()).isInstanceOf(PeerMisbehaviourException.class);
            return (PeerMisbehaviourException) thrown;
        }
    }

    @Test
    void tamperedChunkIsNeverStored() throws Exception {
        MemoryChain client = TestChains.fresh();
        assertThat(syncAgainst(Mode.TAMPERED_CHUNK, client).reason()).isEqualTo(PeerMisbehaviourException.Reason.BAD_CHUNK);
        ChunkedObjectInfo info = realDelta.info();
        assertThat(client.chunkStore().has(info, 1)).isFalse();
        assertThat(client.chunkStore().has(info, 0)).isTrue(); // verified before the bad one
        assertThat(client.missingDeltas()).containsExactly(h1);
        assertThat(client.delta(h1.deltaHash())).isEmpty();
        // an honest server completes the download from what was verified
        try (PeerServer s = PeerServer.start(CONFIG, honest, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            SyncClient.Result r = new SyncClient(CONFIG, client).sync(new InetSocketAddress(InetAddress.getLoopbackAddress(), s.port()));
            assertThat(r.chunks()).isEqualTo(info.chunkCount() - 1);
        }
        assertThat(client.delta(h1.deltaHash()).get().data()).isEqualTo(realDelta.data());
    }

    @Test
    void objectThatDoesNotHashToTheHeaderIsDiscarded() throws Exception {
        MemoryChain client = TestChains.fresh();
        assertThat(syncAgainst(Mode.FORGED_OBJECT, client).reason()).isEqualTo(PeerMisbehaviourException.Reason.BAD_CHUNK);
        assertThat(client.delta(h1.deltaHash())).isEmpty();
        assertThat(client.missingDeltas()).containsExactly(h1);
        ChunkedObject other = ChunkedObject.of(InvType.DELTA, Samples.pattern((int) realDelta.info().size(), 0x5a));
        ChunkedObjectInfo forged = new ChunkedObjectInfo(InvType.DELTA, realDelta.info().hash(), other.info().size(),
                other.info().chunkCount(), other.info().chunkRoot());
        assertThat(client.chunkStore().count(forged)).isZero();
    }

    @Test
    void malformedFramesDisconnectAndStoreNothing() throws Exception {
        for (Mode m : new Mode[] {Mode.GARBAGE, Mode.OVERSIZED, Mode.WRONG_CHECKSUM}) {
            MemoryChain client = TestChains.fresh();
            PeerMisbehaviourException e = syncAgainst(m, client);
            assertThat(e.reason()).as(m.toString()).isIn(PeerMisbehaviourException.Reason.GARBAGE, PeerMisbehaviourException.Reason.MALFORMED_MESSAGE);
            assertThat(client.headers()).hasSize(1);
        }
    }

    @Test
    void invalidChainDataIsRejected() throws Exception {
        MemoryChain client = TestChains.fresh();
        assertThat(syncAgainst(Mode.UNLINKED_HEADERS, client).reason()).isEqualTo(PeerMisbehaviourException.Reason.INVALID_DATA);
        assertThat(client.headers()).hasSize(1);
        MemoryChain client2 = TestChains.fresh();
        assertThat(syncAgainst(Mode.WRONG_BLOCK, client2).reason()).isEqualTo(PeerMisbehaviourException.Reason.INVALID_DATA);
        assertThat(client2.missingBlocks()).containsExactly(h1.hash());
    }
}
