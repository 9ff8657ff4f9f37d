package org.flowcoin.examples.cli;

import java.time.InstantSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.flowcoin.examples.sync.ChainStateSink;
import org.flowcoin.examples.sync.ChainStateSource;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.net.NetworkMagic;
import org.flowcoin.net.message.ChunkedObject;
import org.flowcoin.net.message.RawHeader;
import org.flowcoin.net.peer.ChainSource;
import org.flowcoin.net.peer.PeerConfig;
import org.flowcoin.net.peer.PeerMisbehaviourException;
import org.flowcoin.net.peer.PeerServer;
import org.flowcoin.net.peer.SyncClient;
import org.flowcoin.net.transport.SecureChannel;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.Coin;
import org.flowcoin.pot.PotParams;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.tx.OutPoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flow net serve --datadir D --port P}: serves the chain stored in {@code D} to peers over the
 * wire protocol (docs/spec/p2p.md) until the process ends; one line on stdout once listening.
 * {@code flow net sync --datadir D2 --peer HOST:PORT}: brings the chain state in {@code D2} up to the
 * peer's tip, validating every block, and prints the resulting tip (text, or JSON with
 * {@code --json}). An interrupted sync keeps every block it connected; running it again resumes.
 *
 * <p>The chain directory of a data directory {@code D} is the first of {@code D/chain} (written by
 * {@code flow mine}), {@code D/node} (written by {@code flow demo}) and {@code D} itself that holds a
 * chain state; a sync into a directory without one creates {@code D/chain}.
 *
 * <pre>
 * flow net serve --datadir ~/.flowcoin/demo-regtest --port 18444
 * flow net sync --datadir /tmp/node2 --peer 127.0.0.1:18444 --json
 * </pre>
 */
@Command(name = "net", mixinStandardHelpOptions = true, description = "Serve a stored chain to peers, or sync one from a peer.",
        subcommands = {NetCommand.Serve.class, NetCommand.Sync.class})
final class NetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand (serve, sync)");
    }

    /** Options both subcommands share. */
    static final class Common {
        @Option(names = "--datadir", required = true, paramLabel = "DIR", description = "Data directory (holding chain/, node/, or a chain state itself).")
        Path datadir;

        @Option(names = "--network", paramLabel = Networks.LABEL, defaultValue = Networks.DEFAULT, converter = Networks.class, description = Networks.DESCRIPTION)
        ChainParams network;

        @Option(names = "--encrypted", description = "Run the encrypted transport (X25519 + ChaCha20-Poly1305, anonymous); both sides must agree.")
        boolean encrypted;

        @Option(names = "--threads", defaultValue = "0", description = "Block-validation threads (0: all cores).")
        int threads;

        ChainParams chain() {
            return network;
        }

        PeerConfig config(ChainParams chain) {
            PeerConfig c = PeerConfig.of(NetworkMagic.of(chain), InstantSource.system());
            return encrypted ? c.withEncryption(SecureChannel.Options.anonymous()) : c;
        }

        int threads() {
            if (threads < 0 || threads > 1024) throw new InvalidInputException("--threads must be in [0, 1024]");
            return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        }
    }

    /** The chain directory of data directory {@code d}, if one of its candidates holds a chain state. */
    static Optional<Path> existingChainDir(Path d) {
        for (Path p : List.of(d.resolve("chain"), d.resolve("node"), d)) {
            if (Files.isRegularFile(p.resolve("chainstate.bin"))) return Optional.of(p);
        }
        return Optional.empty();
    }

    /**
     * A fingerprint of a UTXO set: Keccak-256 over the entries in (txid, index) order, each
     * {@code outpoint (36) || height (u64 LE) || coinbase (u8) || output (TxOutput encoding)}.
     */
    static Hash256 utxoDigest(Map<OutPoint, Coin> utxos) {
        List<Map.Entry<OutPoint, Coin>> entries = new ArrayList<>(utxos.entrySet());
        entries.sort(Comparator.comparing((Map.Entry<OutPoint, Coin> e) -> e.getKey().txid())
                .thenComparingLong(e -> e.getKey().unsignedIndex()));
        int size = 0;
        for (var e : entries) size += OutPoint.SIZE + 9 + e.getValue().output().serializedSize();
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (var e : entries) {
            e.getKey().write(b);
            b.putLong(e.getValue().height());
            b.put((byte) (e.getValue().coinbase() ? 1 : 0));
            e.getValue().output().write(b);
        }
        return Hash256.keccak256(b.array());
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = {
            "Serve the chain in a data directory to peers until the process ends.",
            "Prints one line when listening (the port, useful with --port 0)."})
    static final class Serve implements Runnable {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Common common = new Common();

        @Option(names = "--port", paramLabel = "P", description = "TCP port (default: the network's port; 0: any free port).")
        Integer port;

        @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
        String bind;

        @Option(names = "--throttle-ms", paramLabel = "MS", defaultValue = "0",
                description = "Pause this long before serving each block (to exercise slow links; default ${DEFAULT-VALUE}).")
        int throttleMillis;

        @Override
        public void run() {
            ChainParams chain = common.chain();
            int t = common.threads();
            int p = port == null ? chain.defaultPort() : port;
            if (p < 0 || p > 65535) throw new InvalidInputException("--port must be in [0, 65535]");
            if (throttleMillis < 0 || throttleMillis > 60_000) throw new InvalidInputException("--throttle-ms must be in [0, 60000]");
            Path dir = existingChainDir(common.datadir).orElseThrow(() -> new InvalidInputException("no chain state in " + common.datadir));
            InetAddress addr;
            try {
                addr = InetAddress.getByName(bind);
            } catch (UnknownHostException e) {
                throw new InvalidInputException("cannot resolve --bind " + bind);
            }
            PrintWriter out = spec.commandLine().getOut();
            CountDownLatch stop = new CountDownLatch(1);
            try (ChainState cs = ChainState.open(dir, PotParams.forChain(chain), Evaluators.best(t), InstantSource.system())) {
                ChainSource source = throttleMillis == 0 ? new ChainStateSource(cs) : new Throttled(new ChainStateSource(cs), throttleMillis);
                PeerServer server;
                try {
                    server = PeerServer.start(common.config(chain), source, new InetSocketAddress(addr, p));
                } catch (IOException e) {
                    throw new InvalidInputException("cannot listen on " + bind + ":" + p + ": " + e.getMessage());
                }
                // SIGTERM/SIGINT: stop serving and close the chain state cleanly (SIGKILL needs nothing: the state is only read)
                Thread hook = new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                    stop.countDown();
                });
                Runtime.getRuntime().addShutdownHook(hook);
                out.printf("listening on %s:%d network %s height %d tip %s%s%n", addr.getHostAddress(), server.port(), chain.name(),
                        cs.tipHeight(), cs.tipHash().toHex(), common.encrypted ? " encrypted" : "");
                out.flush();
                stop.await();
            } catch (IOException e) {
                throw new InvalidInputException("chain state in " + dir + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Serves blocks from {@code inner} after a pause each. */
    record Throttled(ChainSource inner, int millis) implements ChainSource {
        @Override
        public long height() {
            return inner.height();
        }

        @Override
        public List<RawHeader> headersAfter(List<Hash256> locator, Hash256 stop, int max) {
            return inner.headersAfter(locator, stop, max);
        }

        @Override
        public Optional<byte[]> block(Hash256 blockHash) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.block(blockHash);
        }

        @Override
        public Optional<RawHeader> headerOfDelta(Hash256 deltaHash) {
            return inner.headerOfDelta(deltaHash);
        }

        @Override
        public Optional<ChunkedObject> delta(Hash256 deltaHash) {
            return inner.delta(deltaHash);
        }
    }

    @Command(name = "sync", mixinStandardHelpOptions = true, description = {
            "Sync the chain in a data directory from a peer, validating every block.",
            "An interrupted sync keeps what it connected; run it again to resume."})
    static final class Sync implements Runnable {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Common common = new Common();

        @Option(names = "--peer", required = true, paramLabel = "HOST:PORT", description = "The serving peer.")
        String peer;

        @Option(names = "--json", description = "JSON output.")
        boolean json;

        @Override
        public void run() {
            ChainParams chain = common.chain();
            int t = common.threads();
            InetSocketAddress address = parsePeer(peer);
            Path dir = existingChainDir(common.datadir).orElse(common.datadir.resolve("chain"));
            PrintWriter out = spec.commandLine().getOut();
            try (ChainState cs = ChainState.open(dir, PotParams.forChain(chain), Evaluators.best(t), InstantSource.system())) {
                long before = cs.tipHeight();
                SyncClient.Result r;
                try {
                    r = new SyncClient(common.config(chain), new ChainStateSink(cs)).sync(address);
                } catch (PeerMisbehaviourException e) {
                    throw new InvalidInputException("peer " + peer + " disconnected for " + e.reason() + ": " + e.getMessage()
                            + "; kept height " + cs.tipHeight());
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw new InvalidInputException("sync from " + peer + " failed (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); kept height " + cs.tipHeight() + ", run again to resume");
                }
                var utxos = cs.utxos().asMap();
                long value = 0;
                for (Coin c : utxos.values()) value += c.output().value();
                if (json) {
                    out.println(Json.object().put("network", chain.name()).put("peer", peer).put("encrypted", common.encrypted)
                            .put("chainDir", dir.toString()).put("startHeight", before).put("headers", r.headers()).put("blocks", r.blocks())
                            .put("bytesReceived", r.bytesReceived()).put("height", cs.tipHeight()).put("tipHash", cs.tipHash().toHex())
                            .put("modelRoot", cs.modelRoot().toHex()).put("utxos", utxos.size()).put("utxoValue", value)
                            .put("utxoDigest", utxoDigest(utxos).toHex()).toJson());
                } else {
                    out.printf("synced %d headers, %d blocks (%d bytes) from %s: height %d -> %d%ntip %s%nmodel root %s%nutxos %d (%d haruki) digest %s%n",
                            r.headers(), r.blocks(), r.bytesReceived(), peer, before, cs.tipHeight(), cs.tipHash().toHex(), cs.modelRoot().toHex(),
                            utxos.size(), value, utxoDigest(utxos).toHex());
                }
                out.flush();
            } catch (IOException e) {
                throw new InvalidInputException("chain state in " + dir + ": " + e.getMessage());
            }
        }
    }

    /** {@code HOST:PORT} or {@code [IPv6]:PORT}. */
    static InetSocketAddress parsePeer(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) throw new InvalidInputException("--peer must be HOST:PORT, got " + s);
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--peer port is not a number: " + s);
        }
        if (port < 1 || port > 65535) throw new InvalidInputException("--peer port must be in [1, 65535]");
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new InvalidInputException("cannot resolve peer host " + host);
        }
    }
}
