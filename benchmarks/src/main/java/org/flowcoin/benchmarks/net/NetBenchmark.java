package org.flowcoin.benchmarks.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.net.Frame;
import org.flowcoin.net.FrameDecoder;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.NetworkMagic;
import org.flowcoin.net.message.BlockMessage;
import org.flowcoin.net.message.HeadersMessage;
import org.flowcoin.net.message.MessageCodec;
import org.flowcoin.net.message.RawHeader;
import org.flowcoin.net.transport.SecureChannel;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.block.HeaderBuilder;
import org.flowcoin.primitives.consensus.HeaderValidator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * flow-net over a loopback socket pair: a sender thread streams frames as fast as the socket takes
 * them; the benchmark thread reads, checks the frame checksum, decodes the message and (for headers)
 * decodes and validates every header with flow-primitives (proof of work and miner signature).
 * {@code encrypted} runs the same over the ChaCha20-Poly1305 transport.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar NetBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
public class NetBenchmark {
    static final ChainParams PARAMS = ChainParams.regtest();
    static final NetworkMagic MAGIC = NetworkMagic.of(PARAMS);
    static final int HEADERS = 2000;
    static final int BLOCK_SIZE = 1 << 20;

    /** One socket pair with a sender thread repeating one frame. */
    @State(Scope.Thread)
    public abstract static class Stream {
        @Param({"false", "true"})
        public boolean encrypted;

        ServerSocket server;
        Socket a;
        Socket b;
        InputStream in;
        Thread sender;
        volatile boolean running = true;
        FrameDecoder decoder;
        final byte[] buf = new byte[64 * 1024];

        abstract byte[] frame();

        void open() throws Exception {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            a = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            b = server.accept();
            OutputStream out = a.getOutputStream();
            in = b.getInputStream();
            if (encrypted) {
                var opts = SecureChannel.Options.anonymous();
                var sideA = CompletableFuture.supplyAsync(() -> {
                    try {
                        return SecureChannel.initiate(a.getInputStream(), a.getOutputStream(), MAGIC, opts, new SecureRandom());
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                SecureChannel sideB = SecureChannel.accept(b.getInputStream(), b.getOutputStream(), MAGIC, opts, new SecureRandom());
                out = sideA.get(10, TimeUnit.SECONDS).output();
                in = sideB.input();
            }
            byte[] f = frame();
            OutputStream o = out;
            sender = new Thread(() -> {
                try {
                    while (running) {
                        o.write(f);
                        o.flush();
                    }
                } catch (IOException e) {
                    // closed at teardown
                }
            }, "net-bench-sender");
            sender.setDaemon(true);
            sender.start();
            decoder = new FrameDecoder(MAGIC);
        }

        Frame next() throws IOException, NetDecodeException {
            while (true) {
                Frame f = decoder.next();
                if (f != null) return f;
                int n = in.read(buf);
                if (n < 0) throw new IOException("closed");
                decoder.feed(buf, 0, n);
            }
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            running = false;
            a.close();
            b.close();
            server.close();
        }
    }

    @State(Scope.Thread)
    public static class HeaderStream extends Stream {
        @Setup(Level.Trial)
        public void setup() throws Exception {
            open();
        }

        @Override
        byte[] frame() {
            Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(new byte[32]);
            byte[] pub = key.publicKey().toByteArray();
            List<RawHeader> list = new ArrayList<>();
            Hash256 prev = Hash256.ZERO;
            for (int h = 1; h <= HEADERS; h++) {
                BlockHeader header;
                int nonce = 0;
                do {
                    header = new HeaderBuilder().prevHash(prev).height(h).timestamp(1_767_225_602L + 600L * h)
                            .nbits(PARAMS.powLimitBits()).dims(PARAMS.growthSchedule().dimsAt(h)).minerPubkey(pub)
                            .nonce(nonce++).sign(key);
                } while (!HeaderValidator.checkPow(PARAMS, header).accepted());
                list.add(RawHeader.of(header));
                prev = header.hash();
            }
            return MessageCodec.encode(MAGIC, new HeadersMessage(list));
        }
    }

    @State(Scope.Thread)
    public static class BlockStream extends Stream {
        @Setup(Level.Trial)
        public void setup() throws Exception {
            open();
        }

        @Override
        byte[] frame() {
            byte[] block = new byte[BLOCK_SIZE];
            new SecureRandom().nextBytes(block);
            return MessageCodec.encode(MAGIC, BlockMessage.of(block));
        }
    }

    /** Headers per second: receive, checksum, decode; no validation. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(HEADERS)
    public int headersDecode(HeaderStream s) throws Exception {
        HeadersMessage m = (HeadersMessage) MessageCodec.decode(s.next());
        int n = 0;
        for (RawHeader h : m.headers()) n += h.toBlockHeader().height() > 0 ? 1 : 0;
        return n;
    }

    /** Headers per second: receive, decode, then proof of work and miner signature of each header. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(HEADERS)
    public int headersDecodeValidate(HeaderStream s) throws Exception {
        HeadersMessage m = (HeadersMessage) MessageCodec.decode(s.next());
        int ok = 0;
        for (RawHeader h : m.headers()) {
            BlockHeader bh = h.toBlockHeader();
            if (HeaderValidator.checkPow(PARAMS, bh).accepted() && bh.verifySignature()) ok++;
        }
        if (ok != HEADERS) throw new IllegalStateException("invalid header");
        return ok;
    }

    /** 1 MiB blocks per second (x 1.048576 = MB/s): receive, checksum (Keccak-256d of 1 MiB), decode. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int blockRelay(BlockStream s) throws Exception {
        return ((BlockMessage) MessageCodec.decode(s.next())).serializedSize();
    }
}
