package org.flowcoin.net.peer;

import java.time.InstantSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.net.Frame;
import org.flowcoin.net.Limits;
import org.flowcoin.net.Samples;
import org.flowcoin.net.message.ChunkedObject;
import org.flowcoin.net.message.InvType;
import org.flowcoin.net.message.MessageCodec;
import org.flowcoin.net.message.PingMessage;
import org.flowcoin.net.message.RawHeader;
import org.flowcoin.net.transport.SecureChannel;
import org.flowcoin.primitives.Hash256;
import org.junit.jupiter.api.Test;

class PeerSyncTest {
    static final PeerConfig CONFIG = PeerConfig.of(Samples.MAGIC, InstantSource.system()).withReadTimeout(Duration.ofSeconds(10));
    static final InetSocketAddress ANY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    static InetSocketAddress at(PeerServer s) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), s.port());
    }

    static void assertSameChain(MemoryChain a, MemoryChain b) {
        assertThat(b.tipHash()).isEqualTo(a.tipHash());
        assertThat(b.headers()).isEqualTo(a.headers());
        for (RawHeader h : a.headers()) {
            assertThat(b.block(h.hash())).get().isEqualTo(a.block(h.hash()).get());
            if (!h.deltaHash().isZero()) {
                assertThat(b.delta(h.deltaHash()).get().data()).isEqualTo(a.delta(h.deltaHash()).get().data());
            }
        }
        assertThat(b.isComplete()).isTrue();
    }

    @Test
    void syncsAChainWithMultiChunkDeltas() throws Exception {
        MemoryChain server = TestChains.build(100, 0, Limits.CHUNK_SIZE, 2 * Limits.CHUNK_SIZE + 5, 7);
        MemoryChain client = TestChains.fresh();
        try (PeerServer s = PeerServer.start(CONFIG, server, ANY)) {
            SyncClient.Result r = new SyncClient(CONFIG, client).sync(at(s));
            assertThat(r.headers()).isEqualTo(5);
            assertThat(r.blocks()).isEqualTo(5);
            assertThat(r.deltas()).isEqualTo(4);
            assertThat(r.chunks()).isEqualTo(1 + 1 + 3 + 1);
            // a second sync has nothing to do
            assertThat(new SyncClient(CONFIG, client).sync(at(s)).headers()).isZero();
        }
        assertSameChain(server, client);
    }

    @Test
    void syncsMoreThanOneHeadersBatchOverTheEncryptedTransport() throws Exception {
        int[] sizes = new int[Limits.MAX_HEADERS + 30];
        sizes[5] = 1000;
        MemoryChain server = TestChains.build(sizes);
        MemoryChain client = TestChains.fresh();
        Ed25519PrivateKey serverKey = Ed25519PrivateKey.fromSeed(Samples.pattern(32, 9));
        PeerConfig serverCfg = CONFIG.withEncryption(new SecureChannel.Options(Optional.of(serverKey), Optional.empty()));
        PeerConfig clientCfg = CONFIG.withEncryption(new SecureChannel.Options(Optional.empty(), Optional.of(serverKey.publicKey())));
        try (PeerServer s = PeerServer.start(serverCfg, server, ANY)) {
            SyncClient.Result r = new SyncClient(clientCfg, client).sync(at(s));
            assertThat(r.headers()).isEqualTo(sizes.length);
            // a client expecting another identity refuses the server
            PeerConfig wrong = CONFIG.withEncryption(new SecureChannel.Options(Optional.empty(),
                    Optional.of(Ed25519PrivateKey.fromSeed(Samples.pattern(32, 10)).publicKey())));
            assertThatThrownBy(() -> new SyncClient(wrong, TestChains.fresh()).sync(at(s))).isInstanceOf(IOException.class);
        }
        assertSameChain(server, client);
    }

    @Test
    void resumesADeltaAfterTheServerDiesMidTransfer() throws Exception {
        MemoryChain server = TestChains.build(4 * Limits.CHUNK_SIZE + 3);
        RawHeader h1 = server.headers().get(1);
        AtomicInteger served = new AtomicInteger();
        AtomicReference<PeerServer> first = new AtomicReference<>();
        ChainSource dying = new Forwarding(server) {
            @Override
            public Optional<ChunkedObject> delta(Hash256 deltaHash) {
                // call 1 answers getdata; calls 2.. answer getchunk; die when chunk 2 is asked for
                if (served.incrementAndGet() == 4) {
                    try {
                        first.get().close();
                    } catch (IOException ignored) {
                        // closing
                    }
                    return Optional.empty();
                }
                return super.delta(deltaHash);
            }
        };
        MemoryChain client = TestChains.fresh();
        first.set(PeerServer.start(CONFIG, dying, ANY));
        assertThatThrownBy(() -> new SyncClient(CONFIG, client).sync(at(first.get()))).isInstanceOf(IOException.class);
        assertThat(client.missingDeltas()).containsExactly(h1);
        var info = server.delta(h1.deltaHash()).get().info();
        int stored = client.chunkStore().count(info);
        assertThat(stored).isBetween(1, 4);
        for (int i = 0; i < info.chunkCount(); i++) {
            if (client.chunkStore().has(info, i)) assertThat(client.chunkStore().assemble(info)).isEmpty();
        }
        AtomicInteger chunkRequests = new AtomicInteger();
        ChainSource counting = new Forwarding(server) {
            @Override
            public Optional<ChunkedObject> delta(Hash256 deltaHash) {
                chunkRequests.incrementAndGet();
                return super.delta(deltaHash);
            }
        };
        try (PeerServer second = PeerServer.start(CONFIG, counting, ANY)) {
            SyncClient.Result r = new SyncClient(CONFIG, client).sync(at(second));
            assertThat(r.chunks()).isEqualTo(info.chunkCount() - stored);
            assertThat(chunkRequests.get()).isEqualTo(1 + info.chunkCount() - stored);
        }
        assertSameChain(server, client);
    }

    // ---- a misbehaving client is disconnected by the server

    static PeerServer.Disconnect sendAfterHandshake(PeerServer s, byte[] bytes) throws Exception {
        int before = s.disconnects().size();
        try (Socket sock = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
            sock.setSoTimeout(10_000);
            PeerConfig cfg = CONFIG;
            Connection c = Connection.open(sock, cfg, true, 0);
            OutputStream out = sock.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = sock.getInputStream();
            // the server closes: read reaches end of stream (or reset)
            try {
                while (in.read() >= 0) { }
            } catch (IOException reset) {
                // closed by the server
            }
            c.close();
        }
        for (int i = 0; i < 500 && s.disconnects().size() == before; i++) Thread.sleep(10);
        return s.disconnects().get(before);
    }

    static byte[] frameBytes(String command, byte[] payload) {
        return Frame.of(Samples.MAGIC, command, payload).toByteArray();
    }

    @Test
    void serverDisconnectsPeersThatSendGarbageOversizedLengthsOrWrongChecksums() throws Exception {
        MemoryChain chain = TestChains.build(10, 20);
        Hash256 tip = chain.tipHash();
        try (PeerServer s = PeerServer.start(CONFIG, chain, ANY)) {
            byte[] garbage = Samples.pattern(4096, 0x33);
            assertThat(sendAfterHandshake(s, garbage).misbehaviour()).contains(PeerMisbehaviourException.Reason.GARBAGE);

            byte[] oversized = frameBytes("block", new byte[0]);
            oversized[16] = oversized[17] = oversized[18] = (byte) 0xff;
            oversized[19] = 0x7f;
            PeerServer.Disconnect d = sendAfterHandshake(s, oversized);
            assertThat(d.misbehaviour()).contains(PeerMisbehaviourException.Reason.MALFORMED_MESSAGE);
            assertThat(d.detail()).contains("OVERSIZED");

            byte[] badSum = MessageCodec.encode(Samples.MAGIC, new PingMessage(5));
            badSum[21] ^= 1;
            d = sendAfterHandshake(s, badSum);
            assertThat(d.detail()).contains("BAD_CHECKSUM");

            byte[] badPayload = frameBytes("getheaders", new byte[] {1, 0, 0, 0, (byte) 0xfd, 0, 0});
            d = sendAfterHandshake(s, badPayload);
            assertThat(d.detail()).contains("NON_CANONICAL");

            // garbage before the version handshake too
            try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
                raw.setSoTimeout(10_000);
                raw.getOutputStream().write(garbage);
                InputStream in = raw.getInputStream();
                try {
                    while (in.read() >= 0) { }
                } catch (IOException reset) {
                    // closed
                }
            }
            // the served chain is untouched and still serves an honest client
            MemoryChain client = TestChains.fresh();
            new SyncClient(CONFIG, client).sync(at(s));
            assertThat(client.tipHash()).isEqualTo(tip);
        }
        assertThat(chain.tipHash()).isEqualTo(tip);
    }

    @Test
    void messagesOutOfPlaceDisconnect() throws Exception {
        try (PeerServer s = PeerServer.start(CONFIG, TestChains.build(5), ANY)) {
            // a second version after the handshake
            byte[] version = MessageCodec.encode(Samples.MAGIC, Samples.all().get("version"));
            assertThat(sendAfterHandshake(s, version).misbehaviour()).contains(PeerMisbehaviourException.Reason.UNEXPECTED_MESSAGE);
            // a ping before any version
            int before = s.disconnects().size();
            try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
                raw.setSoTimeout(10_000);
                raw.getOutputStream().write(MessageCodec.encode(Samples.MAGIC, new PingMessage(1)));
                InputStream in = raw.getInputStream();
                try {
                    while (in.read() >= 0) { }
                } catch (IOException reset) {
                    // closed
                }
            }
            for (int i = 0; i < 500 && s.disconnects().size() == before; i++) Thread.sleep(10);
            assertThat(s.disconnects().get(before).misbehaviour()).contains(PeerMisbehaviourException.Reason.UNEXPECTED_MESSAGE);
            // a frame with another network's magic is garbage
            byte[] other = Frame.of(org.flowcoin.net.NetworkMagic.ofHex("f1c01e01"), "ping", new byte[8]).toByteArray();
            byte[] many = new byte[other.length * 4];
            for (int i = 0; i < 4; i++) System.arraycopy(other, 0, many, i * other.length, other.length);
            assertThat(sendAfterHandshake(s, many).misbehaviour()).contains(PeerMisbehaviourException.Reason.GARBAGE);
        }
    }

    /** A ChainSource that forwards to another. */
    static class Forwarding implements ChainSource {
        final ChainSource d;

        Forwarding(ChainSource d) {
            this.d = d;
        }

        public long height() { return d.height(); }
        public List<RawHeader> headersAfter(List<Hash256> l, Hash256 s, int m) { return d.headersAfter(l, s, m); }
        public Optional<byte[]> block(Hash256 h) { return d.block(h); }
        public Optional<RawHeader> headerOfDelta(Hash256 h) { return d.headerOfDelta(h); }
        public Optional<ChunkedObject> delta(Hash256 h) { return d.delta(h); }
        public Optional<Checkpoint> checkpoint(Hash256 h) { return d.checkpoint(h); }
    }

    @Test
    void fetchesACheckpointInVerifiedChunks() throws Exception {
        MemoryChain chain = TestChains.build(10);
        byte[] file = Samples.pattern(Limits.CHUNK_SIZE + 77, 0x21);
        ChunkedObject ck = ChunkedObject.of(InvType.CHECKPOINT, file);
        chain.addCheckpoint(new ChainSource.Checkpoint(1, chain.tipHash(), ck));
        try (PeerServer s = PeerServer.start(CONFIG, chain, ANY)) {
            assertThat(new SyncClient(CONFIG, TestChains.fresh()).fetchCheckpoint(at(s), ck.info().hash())).isEqualTo(file);
            assertThatThrownBy(() -> new SyncClient(CONFIG, TestChains.fresh()).fetchCheckpoint(at(s), Samples.hash(1)))
                    .isInstanceOf(SyncClient.NotFoundException.class);
        }
    }
}
