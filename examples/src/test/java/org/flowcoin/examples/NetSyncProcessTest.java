package org.flowcoin.examples;

import java.time.InstantSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowcoin.examples.cli.Flow;
import org.flowcoin.examples.sync.ChainStateSink;
import org.flowcoin.examples.sync.ChainStateSource;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.net.NetworkMagic;
import org.flowcoin.net.message.ChunkedObject;
import org.flowcoin.net.message.RawHeader;
import org.flowcoin.net.peer.ChainSink;
import org.flowcoin.net.peer.ChainSource;
import org.flowcoin.net.peer.ChunkStore;
import org.flowcoin.net.peer.PeerConfig;
import org.flowcoin.net.peer.PeerMisbehaviourException;
import org.flowcoin.net.peer.PeerServer;
import org.flowcoin.net.peer.SyncClient;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.Coin;
import org.flowcoin.pot.GenesisCorpus;
import org.flowcoin.pot.PotParams;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.tx.OutPoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code flow net serve} and {@code flow net sync} with two processes on loopback: the serving node
 * runs in a child JVM ({@code flow net serve}), the syncing node in this one. A regtest chain of a
 * few real Proof-of-Training blocks (each carrying a delta and training data) is mined once with
 * {@code flow mine}; every sync must end with the serving node's tip hash, model root and UTXO set.
 * The server is also SIGKILLed mid-transfer and restarted (the sync resumes, and the synced chain
 * re-verifies from genesis), and a peer serving a block whose delta does not match the header's hash
 * is dropped without anything of that block being stored.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetSyncProcessTest {
    static final int BLOCKS = 4;
    static final ChainParams REGTEST = ChainParams.regtest();
    static final PotParams POT = PotParams.forChain(REGTEST);

    @TempDir
    static Path dir;
    static Path served;
    static Hash256 tip;
    static long height;
    static Hash256 modelRoot;
    static Map<OutPoint, Coin> utxos;

    private final List<Process> servers = new ArrayList<>();

    @BeforeAll
    static void mineAServedChain() throws Exception {
        Path data = dir.resolve("text.txt");
        Files.write(data, Arrays.copyOfRange(GenesisCorpus.bytes(), 150_000, 150_000 + BLOCKS * 4096));
        served = dir.resolve("served");
        Cli r = cli("mine", "--datadir", served.toString(), "--data", data.toString(), "--steps", "100", "--threads", "2",
                "--blocks", Integer.toString(BLOCKS), "--batch", "4");
        assertThat(r.code()).as(r.err()).isZero();
        try (ChainState cs = ChainState.open(served.resolve("chain"), POT, Evaluators.best(2), InstantSource.system())) {
            tip = cs.tipHash();
            height = cs.tipHeight();
            modelRoot = cs.modelRoot();
            utxos = Map.copyOf(cs.utxos().asMap());
            assertThat(height).isEqualTo(BLOCKS);
            for (Hash256 h : cs.mainChain().subList(1, BLOCKS + 1)) assertThat(cs.readBlock(h).deltaLength()).isPositive();
        }
    }

    @AfterEach
    void killServers() throws InterruptedException {
        for (Process p : servers) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void aFreshNodeSyncsTheChainFromAServerProcess() throws Exception {
        int port = startServer(false, 0);
        Path node = dir.resolve("plain");
        Cli r = cli("net", "sync", "--datadir", node.toString(), "--peer", "127.0.0.1:" + port, "--threads", "2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"blocks\":" + BLOCKS).contains("\"height\":" + BLOCKS).contains("\"tipHash\":\"" + tip.toHex() + "\"")
                .contains("\"modelRoot\":\"" + modelRoot.toHex() + "\"").contains("\"utxos\":" + utxos.size()).contains("\"startHeight\":0");
        assertSameState(node);
        // the printed digest is the spec's digest of the served UTXO set
        assertThat(r.out()).contains("\"utxoDigest\":\"" + digestOf(utxos) + "\"");
        // nothing left to fetch the second time
        Cli again = cli("net", "sync", "--datadir", node.toString(), "--peer", "127.0.0.1:" + port, "--threads", "2");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("synced 0 headers, 0 blocks").contains("height " + BLOCKS + " -> " + BLOCKS).contains(tip.toHex());
    }

    @Test
    @Order(2)
    void theEncryptedTransportSyncsTooAndBothSidesMustAgree() throws Exception {
        int port = startServer(true, 0);
        Path node = dir.resolve("encrypted");
        Cli plain = cli("net", "sync", "--datadir", node.toString(), "--peer", "127.0.0.1:" + port, "--threads", "2");
        assertThat(plain.code()).isEqualTo(1);
        assertThat(plain.err()).startsWith("error: ").contains("kept height 0");
        Cli r = cli("net", "sync", "--datadir", node.toString(), "--peer", "127.0.0.1:" + port, "--threads", "2", "--encrypted", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"encrypted\":true").contains("\"tipHash\":\"" + tip.toHex() + "\"");
        assertSameState(node);
    }

    @Test
    @Order(3)
    void aServerKilledMidTransferIsResumedAndTheSyncedChainVerifies() throws Exception {
        // the server pauses before each block, so the SIGKILL lands while blocks are still owed
        int port = startServer(false, 1500);
        Process victim = servers.get(servers.size() - 1);
        Path node = dir.resolve("killed");
        long kept;
        AtomicInteger accepted = new AtomicInteger();
        try (ChainState cs = ChainState.open(node.resolve("chain"), POT, Evaluators.best(2), InstantSource.system())) {
            ChainSink killer = new Forwarding(new ChainStateSink(cs)) {
                @Override
                public void acceptBlock(Hash256 blockHash, byte[] block) throws ChainRejection {
                    if (accepted.getAndIncrement() == 1) kill(victim); // the second block arrived: kill before taking it
                    super.acceptBlock(blockHash, block);
                }
            };
            SyncClient client = new SyncClient(PeerConfig.of(NetworkMagic.of(REGTEST), InstantSource.system()), killer);
            assertThatThrownBy(() -> client.sync(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))).isInstanceOf(IOException.class);
            assertThat(victim.isAlive()).isFalse();
            kept = cs.tipHeight();
            // the blocks that arrived before the kill are connected; the rest are owed
            assertThat(kept).isBetween(2L, (long) BLOCKS - 1);
        }
        // a new server process on the same data directory; the CLI reopens the synced node from disk and resumes
        int port2 = startServer(false, 0);
        Cli r = cli("net", "sync", "--datadir", node.toString(), "--peer", "127.0.0.1:" + port2, "--threads", "2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"startHeight\":" + kept).contains("\"blocks\":" + (BLOCKS - kept)).contains("\"tipHash\":\"" + tip.toHex() + "\"");
        assertSameState(node);
        // the synced chain re-verifies from genesis in a fresh chain state (both losses recomputed)
        Cli verify = cli("chain", "verify", "--datadir", node.toString(), "--threads", "2", "--json");
        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out().split("\"verdict\":\"accepted\"", -1)).hasSize(BLOCKS + 2);
        assertThat(verify.err()).as("progress into a pipe is whole lines").doesNotContain("\r").contains("blocks, ");
    }

    @Test
    @Order(4)
    void aPeerServingABlockWithATamperedDeltaIsDroppedAndNothingOfItIsStored() throws Exception {
        Path node = dir.resolve("tampered");
        PeerConfig cfg = PeerConfig.of(NetworkMagic.of(REGTEST), InstantSource.system());
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (ChainState source = ChainState.open(served.resolve("chain"), POT, Evaluators.best(2), InstantSource.system());
             ChainState cs = ChainState.open(node.resolve("chain"), POT, Evaluators.best(2), InstantSource.system())) {
            Hash256 bad = source.mainChain().get(3);
            ChainSource honest = new ChainStateSource(source);
            try (PeerServer liar = PeerServer.start(cfg, new Tampering(honest, bad), any)) {
                SyncClient client = new SyncClient(cfg, new ChainStateSink(cs));
                assertThatThrownBy(() -> client.sync(new InetSocketAddress(InetAddress.getLoopbackAddress(), liar.port())))
                        .isInstanceOfSatisfying(PeerMisbehaviourException.class,
                                e -> assertThat(e.reason()).isEqualTo(PeerMisbehaviourException.Reason.INVALID_DATA));
                assertThat(cs.tipHeight()).isEqualTo(2);
                assertThat(cs.contains(bad)).isFalse();
                assertThat(cs.tipHash()).isEqualTo(source.mainChain().get(2));
            }
            // an honest peer afterwards completes the chain from where it stopped
            try (PeerServer good = PeerServer.start(cfg, honest, any)) {
                SyncClient.Result r = new SyncClient(cfg, new ChainStateSink(cs))
                        .sync(new InetSocketAddress(InetAddress.getLoopbackAddress(), good.port()));
                assertThat(r.blocks()).isEqualTo(BLOCKS - 2);
                assertThat(cs.tipHash()).isEqualTo(tip);
                assertThat(cs.modelRoot()).isEqualTo(modelRoot);
                assertThat(cs.utxos().asMap()).isEqualTo(utxos);
            }
        }
    }

    @Test
    @Order(5)
    void invalidInputAndUsage() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(cli("net", "serve", "--datadir", empty.toString(), "--port", "0").code()).isEqualTo(1);
        assertThat(cli("net", "serve", "--datadir", served.toString(), "--port", "70000").code()).isEqualTo(1);
        assertThat(cli("net", "serve", "--datadir", served.toString(), "--network", "nope").code()).isEqualTo(2);
        assertThat(cli("net", "sync", "--datadir", empty.toString(), "--peer", "127.0.0.1").code()).isEqualTo(1);
        assertThat(cli("net", "sync", "--datadir", empty.toString(), "--peer", "127.0.0.1:x").code()).isEqualTo(1);
        assertThat(cli("net", "sync", "--datadir", empty.toString(), "--peer", "127.0.0.1:0").code()).isEqualTo(1);
        assertThat(cli("net", "sync", "--datadir", empty.toString()).code()).isEqualTo(2);
        assertThat(cli("net").code()).isEqualTo(2);
        assertThat(cli("net", "serve", "--port", "1").code()).isEqualTo(2);
    }

    // ---------------------------------------------------------------------------------------------

    record Cli(int code, String out, String err) {}

    static Cli cli(String... args) {
        CommandLine cl = Flow.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    private static void assertSameState(Path node) throws IOException {
        try (ChainState cs = ChainState.open(node.resolve("chain"), POT, Evaluators.best(2), InstantSource.system())) {
            assertThat(cs.tipHash()).isEqualTo(tip);
            assertThat(cs.tipHeight()).isEqualTo(height);
            assertThat(cs.modelRoot()).isEqualTo(modelRoot);
            assertThat(cs.utxos().asMap()).isEqualTo(utxos);
        }
    }

    /** The UTXO digest as docs/spec/p2p.md defines it, computed here independently of the CLI. */
    private static String digestOf(Map<OutPoint, Coin> set) {
        List<Map.Entry<OutPoint, Coin>> entries = new ArrayList<>(set.entrySet());
        entries.sort((a, b) -> {
            int c = Arrays.compareUnsigned(a.getKey().txid().toByteArray(), b.getKey().txid().toByteArray());
            return c != 0 ? c : Integer.compareUnsigned(a.getKey().index(), b.getKey().index());
        });
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (var e : entries) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(36 + 9 + e.getValue().output().serializedSize()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.put(e.getKey().txid().toByteArray()).putInt(e.getKey().index()).putLong(e.getValue().height())
                    .put((byte) (e.getValue().coinbase() ? 1 : 0));
            e.getValue().output().write(b);
            all.writeBytes(b.array());
        }
        return Hash256.keccak256(all.toByteArray()).toHex();
    }

    /**
     * Starts {@code flow net serve} on {@link #served} in a child JVM (this JVM's java binary and
     * module path) and returns the port it printed.
     */
    private int startServer(boolean encrypted, int throttleMillis) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-Xss4m", "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED,org.flowcoin.moe"));
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isEmpty()) {
            cmd.addAll(List.of("-p", modulePath, "-m", "org.flowcoin.examples/org.flowcoin.examples.cli.Flow"));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.flowcoin.examples.cli.Flow"));
        }
        cmd.addAll(List.of("net", "serve", "--datadir", served.toString(), "--port", "0", "--threads", "1",
                "--throttle-ms", Integer.toString(throttleMillis)));
        if (encrypted) cmd.add("--encrypted");
        Path log = Files.createTempFile(dir, "server", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        servers.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(120, TimeUnit.SECONDS);
        assertThat(line).as("server output; stderr: %s", Files.readString(log)).isNotNull();
        Matcher m = Pattern.compile("^listening on 127\\.0\\.0\\.1:(\\d+) network regtest height (\\d+) tip ([0-9a-f]{64})( encrypted)?$").matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        assertThat(Long.parseLong(m.group(2))).isEqualTo(height);
        assertThat(m.group(3)).isEqualTo(tip.toHex());
        assertThat(m.group(4) != null).isEqualTo(encrypted);
        return Integer.parseInt(m.group(1));
    }

    private static void kill(Process p) {
        p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no goodbye on the socket
        try {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A sink that forwards every call. */
    static class Forwarding implements ChainSink {
        private final ChainSink inner;

        Forwarding(ChainSink inner) {
            this.inner = inner;
        }

        @Override
        public List<Hash256> locator() {
            return inner.locator();
        }

        @Override
        public void acceptHeaders(List<RawHeader> headers) throws ChainRejection {
            inner.acceptHeaders(headers);
        }

        @Override
        public List<Hash256> missingBlocks() {
            return inner.missingBlocks();
        }

        @Override
        public void acceptBlock(Hash256 blockHash, byte[] block) throws ChainRejection {
            inner.acceptBlock(blockHash, block);
        }

        @Override
        public List<RawHeader> missingDeltas() {
            return inner.missingDeltas();
        }

        @Override
        public void acceptDelta(RawHeader header, byte[] delta) throws ChainRejection {
            inner.acceptDelta(header, delta);
        }

        @Override
        public ChunkStore chunkStore() {
            return inner.chunkStore();
        }
    }

    /** Serves {@code inner}'s chain, but block {@code victim} with one delta byte flipped (the header, and so its hash, intact). */
    record Tampering(ChainSource inner, Hash256 victim) implements ChainSource {
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
            Optional<byte[]> b = inner.block(blockHash);
            if (b.isEmpty() || !blockHash.equals(victim)) return b;
            byte[] bytes = b.get();
            BlockHeader h = BlockHeader.fromBytes(Arrays.copyOf(bytes, BlockHeader.SIZE));
            int at = BlockHeader.SIZE + h.deltaOffset() + h.deltaLength() / 2;
            bytes[at] ^= 0x01;
            return Optional.of(bytes);
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
}
