package org.flowcoin.examples.cli;

import java.time.InstantSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.flowcoin.crypto.Address;
import org.flowcoin.crypto.AddressNetwork;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.train.TrainConfig;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.PotParams;
import org.flowcoin.pot.mining.Miner;
import org.flowcoin.pot.mining.MinerConfig;
import org.flowcoin.pot.mining.MiningProgress;
import org.flowcoin.pot.mining.MiningResult;
import org.flowcoin.pot.mining.MiningTip;
import org.flowcoin.pot.mining.TrainingPayload;
import org.flowcoin.primitives.ChainParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flow mine --datadir D --data file|dir --steps N [--threads T]}: mines blocks on the chain
 * state in {@code D/chain} with Proof-of-Training and connects them. The coinbase pays the key in
 * {@code D/miner.key} (a hex Ed25519 seed, created on first use with owner-only permissions).
 * Progress (steps, training and validation loss, rate, hashes, boost) goes to stderr; the result
 * (one line per block, or JSON with {@code --json}) to stdout.
 */
@Command(name = "mine", mixinStandardHelpOptions = true, description = "Mine blocks by training the model (Proof-of-Training).")
final class MineCommand implements Runnable {
    static final String KEY_FILE = "miner.key";
    static final String CHAIN_DIR = "chain";

    @Spec
    CommandSpec spec;

    @Option(names = "--datadir", required = true, description = "Data directory (chain state in D/chain, key in D/miner.key).")
    Path datadir;

    @Option(names = "--data", required = true, description = "Training data: a file or a directory (all files, recursively).")
    Path data;

    @Option(names = "--steps", required = true, description = "Most training steps per block before giving up.")
    long steps;

    @Option(names = "--threads", description = "Training and evaluation threads (default: all cores).")
    Integer threads;

    @Option(names = "--blocks", defaultValue = "1", description = "Blocks to mine (default ${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--network", paramLabel = Networks.LABEL, defaultValue = Networks.DEFAULT, converter = Networks.class, description = Networks.DESCRIPTION)
    ChainParams network;

    @Option(names = "--lr", defaultValue = "3e-3", description = "AdamW learning rate (default ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--batch", defaultValue = "8", description = "Sequences per training step (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public void run() {
        if (steps < 1) throw new InvalidInputException("--steps must be >= 1");
        if (blocks < 1) throw new InvalidInputException("--blocks must be >= 1");
        if (batch < 1 || batch > 4096) throw new InvalidInputException("--batch must be in [1, 4096]");
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) throw new InvalidInputException("--lr must be positive");
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 1024) throw new InvalidInputException("--threads must be in [1, 1024]");
        ChainParams chain = network;
        PotParams params = PotParams.forChain(chain);
        byte[] raw;
        try {
            raw = TrainingPayload.readFiles(List.of(data));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("no such file: " + data);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + data + ": " + e.getMessage());
        }
        Ed25519PrivateKey key = loadOrCreateKey();
        AddressNetwork an = AddressNetwork.forHrp(chain.hrp()).orElseThrow();
        String address = Address.keyHash(an, key.publicKey()).encode();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MinerConfig mc = MinerConfig.defaults(InstantSource.system()).withEvalThreads(t).withMaxSteps(steps)
                .withTrain(TrainConfig.defaults().withThreads(t).withLearningRate(learningRate).withBatch(batch, params.vhLength())
                        .withSeed(new SecureRandom().nextLong()));
        try (ChainState cs = ChainState.open(datadir.resolve(CHAIN_DIR), params, Evaluators.best(t), InstantSource.system())) {
            for (int b = 0; b < blocks; b++) {
                MiningTip tip = MiningTip.of(cs);
                // spread the input over the requested blocks: each block's chunks enter the Bloom filter
                int perBlock = Math.max(params.minDataBytes(), raw.length / blocks / params.chunkSize() * params.chunkSize());
                TrainingPayload.Result pl = TrainingPayload.build(raw, params, tip.bloom(), perBlock);
                if (!pl.verdict().accepted()) {
                    throw new InvalidInputException("training data not usable (" + pl.kept() + " chunks kept, " + pl.dropped()
                            + " dropped as seen before or repetitive): " + pl.verdict());
                }
                Progress bar = new Progress(err, steps, tip.height());
                Optional<MiningResult> r = new Miner(mc).mine(tip, pl.payload(), key, bar);
                bar.done();
                if (r.isEmpty()) throw new InvalidInputException("no block found within " + steps + " training steps at height " + tip.height());
                MiningResult m = r.get();
                ChainState.Result res = cs.submit(m.block());
                if (res.status() != ChainState.Status.CONNECTED) throw new InvalidInputException("mined block was not connected: " + res);
                if (json) {
                    Json.Obj o = Json.object()
                            .put("height", m.block().header().height())
                            .put("hash", m.block().hash().toString())
                            .put("valLoss", m.valLoss())
                            .put("prevValLoss", m.prevValLoss())
                            .put("valLossBits", String.format("%08x", Float.floatToRawIntBits(m.valLoss())))
                            .put("prevValLossBits", String.format("%08x", Float.floatToRawIntBits(m.prevValLoss())))
                            .put("boost", m.boost())
                            .put("steps", m.steps())
                            .put("hashesTried", m.hashesTried())
                            .put("deltaEntries", m.delta().delta().entryCount())
                            .put("deltaBytes", m.delta().payload().length)
                            .put("trainingDataBytes", m.block().trainingDataLength())
                            .put("address", address);
                    out.println(o);
                } else {
                    out.printf(Locale.ROOT, "block %d %s loss %.6f -> %.6f boost %d steps %d delta %d entries (%d bytes) to %s%n",
                            m.block().header().height(), m.block().hash(), m.prevValLoss(), m.valLoss(), m.boost(), m.steps(),
                            m.delta().delta().entryCount(), m.delta().payload().length, address);
                }
                out.flush();
            }
        } catch (IOException e) {
            throw new InvalidInputException("chain state: " + e.getMessage());
        } finally {
            key.destroy();
        }
    }

    private Ed25519PrivateKey loadOrCreateKey() {
        Path f = datadir.resolve(KEY_FILE);
        try {
            Files.createDirectories(datadir);
            if (!Files.exists(f)) {
                byte[] seed = new byte[32];
                new SecureRandom().nextBytes(seed);
                Path tmp = datadir.resolve(KEY_FILE + ".tmp");
                Files.deleteIfExists(tmp);
                try {
                    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(tmp);
                }
                Files.writeString(tmp, HexFormat.of().formatHex(seed) + "\n");
                java.util.Arrays.fill(seed, (byte) 0);
                Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            String s = Files.readString(f).strip();
            byte[] seed;
            try {
                seed = HexFormat.of().parseHex(s);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(f + " does not hold a hex key seed");
            }
            if (seed.length != 32) throw new InvalidInputException(f + " does not hold a 32-byte key seed");
            try {
                return Ed25519PrivateKey.fromSeed(seed);
            } finally {
                java.util.Arrays.fill(seed, (byte) 0);
            }
        } catch (IOException e) {
            throw new InvalidInputException("miner key " + f + ": " + e.getMessage());
        }
    }

    /** Progress on stderr: on a terminal one line redrawn at most every 200 ms, otherwise a line every 5 s. */
    static final class Progress implements java.util.function.Consumer<MiningProgress> {
        private final PrintWriter err;
        private final long total;
        private final long height;
        private long last;
        private int width;

        Progress(PrintWriter err, long total, long height) {
            this.err = err;
            this.total = total;
            this.height = height;
        }

        private final boolean terminal = CliSupport.terminal();

        @Override
        public void accept(MiningProgress p) {
            long now = System.nanoTime();
            if (now - last < (terminal ? 200_000_000L : 5_000_000_000L) && p.steps() < total) return;
            last = now;
            int barW = 24;
            int filled = (int) Math.min(barW, p.steps() * barW / Math.max(1, total));
            String line = String.format(Locale.ROOT, "h%d [%s%s] step %d/%d  train %.4f  val %.4f (parent %.4f)  %.0f tok/s  hashes %d  boost %d",
                    height, "=".repeat(filled), " ".repeat(barW - filled), p.steps(), total, p.trainLoss(), p.valLoss(), p.prevValLoss(),
                    p.tokensPerSecond(), p.hashesTried(), p.bestBoost());
            if (!terminal) {
                err.println(line);
                err.flush();
                return;
            }
            width = Math.max(width, line.length());
            err.print("\r" + line + " ".repeat(width - line.length()));
            err.flush();
        }

        void done() {
            if (width > 0) {
                err.println();
                err.flush();
            }
        }
    }
}
