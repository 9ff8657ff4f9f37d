package org.flowcoin.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.PotParams;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.consensus.HeaderValidator;
import org.flowcoin.primitives.consensus.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flow chain verify --datadir D [--light]}: re-verifies a stored chain from genesis in a fresh
 * chain state (full: every rule including both losses recomputed; light: headers only, signatures
 * batch-verified), with a progress bar on stderr and a per-block table (or JSON) on stdout.
 * {@code flow chain tip --datadir D}: the stored tip as JSON.
 */
@Command(name = "chain", mixinStandardHelpOptions = true, description = "Verify or inspect a stored chain.",
        subcommands = {ChainCommand.Verify.class, ChainCommand.Tip.class})
final class ChainCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (verify, tip)");
    }

    static PotParams params(ChainParams network) {
        return PotParams.forChain(network);
    }

    /** The chain-state directory: D/chain (a miner directory), D/node (a demo directory), else D. */
    static Path chainDir(Path d) {
        return NetCommand.existingChainDir(d).orElseThrow(() -> new InvalidInputException("no chain state in " + d));
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Verify a stored chain from genesis.")
    static final class Verify implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--datadir", required = true, description = "Data directory (a chain state, or a miner directory holding chain/).")
        Path datadir;

        @Option(names = "--light", description = "Headers only (no body, no loss recomputation).")
        boolean light;

        @Option(names = "--network", paramLabel = Networks.LABEL, defaultValue = Networks.DEFAULT, converter = Networks.class, description = Networks.DESCRIPTION)
        ChainParams network;

        @Option(names = "--threads", defaultValue = "0", description = "Evaluator threads (0: all cores).")
        int threads;

        @Option(names = "--json", description = "JSON output.")
        boolean json;

        @Override
        public void run() {
            PotParams p = params(network);
            Path dir = chainDir(datadir);
            List<Block> blocks = new ArrayList<>();
            int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            try (ChainState src = ChainState.open(dir, p, Evaluators.best(t), InstantSource.system())) {
                for (Hash256 h : src.mainChain()) blocks.add(src.readBlock(h));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<Verdict> verdicts = new ArrayList<>();
            long started = System.nanoTime();
            if (light) {
                List<BlockHeader> headers = blocks.stream().map(Block::header).toList();
                verdicts.addAll(HeaderValidator.checkChain(p.chain(), headers, System.currentTimeMillis() / 1000));
                progress(err, blocks.size(), blocks.size(), started);
            } else {
                verdicts.add(Verdict.accept()); // genesis: fixed by the chain parameters
                Path tmp = null;
                try {
                    tmp = Files.createTempDirectory("flow-verify");
                    try (ChainState fresh = ChainState.open(tmp, p, Evaluators.best(t), InstantSource.system())) {
                        if (!fresh.tipHash().equals(blocks.get(0).hash())) throw new InvalidInputException("stored chain has a different genesis block");
                        for (int i = 1; i < blocks.size(); i++) {
                            ChainState.Result r = fresh.submit(blocks.get(i).toByteArray());
                            verdicts.add(r.status() == ChainState.Status.CONNECTED ? Verdict.accept() : r.verdict().accepted()
                                    ? Verdict.reject(org.flowcoin.primitives.consensus.Rule.HDR_PREV, "not connected: " + r.status()) : r.verdict());
                            progress(err, i, blocks.size() - 1, started);
                            if (!verdicts.get(i).accepted()) break;
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    deleteTree(tmp);
                }
            }
            if (CliSupport.terminal()) err.println(); // end the redrawn line
            err.flush();
            Json.Arr rows = Json.array();
            if (!json) out.printf("%-7s %-64s %-10s %-10s %-5s %s%n", "height", "hash", "val_loss", "prev_loss", "boost", "verdict");
            Verdict firstBad = null;
            long badHeight = -1;
            for (int i = 0; i < verdicts.size(); i++) {
                BlockHeader h = blocks.get(i).header();
                Verdict v = verdicts.get(i);
                int boost = p.chain().boost(h.prevValLossBits(), h.valLossBits());
                String val = h.height() == 0 ? "-" : Float.toString(Float.intBitsToFloat(h.valLossBits()));
                String prev = h.height() == 0 ? "-" : Float.toString(Float.intBitsToFloat(h.prevValLossBits()));
                if (json) {
                    rows.add(Json.object().put("height", h.height()).put("hash", h.hash().toHex()).put("valLoss", Float.intBitsToFloat(h.valLossBits()))
                            .put("valLossBits", String.format("%08x", h.valLossBits()))
                            .put("prevValLoss", Float.intBitsToFloat(h.prevValLossBits()))
                            .put("prevValLossBits", String.format("%08x", h.prevValLossBits())).put("boost", boost)
                            .put("verdict", v.accepted() ? "accepted" : v.rule().id()).put("reason", v.accepted() ? null : v.reason()));
                } else {
                    out.printf("%-7d %-64s %-10s %-10s %-5d %s%n", h.height(), h.hash().toHex(), trim(val), trim(prev), boost, v);
                }
                if (!v.accepted() && firstBad == null) {
                    firstBad = v;
                    badHeight = h.height();
                }
            }
            if (json) out.println(Json.object().put("network", p.chain().name()).put("mode", light ? "light" : "full")
                    .put("blocks", blocks.size()).put("valid", firstBad == null).put("rows", rows).toJson());
            out.flush();
            if (firstBad != null) throw new InvalidInputException("block " + badHeight + " rejected: " + firstBad);
        }

        private static String trim(String s) {
            return s.length() > 10 ? s.substring(0, 10) : s;
        }
    }

    @Command(name = "tip", mixinStandardHelpOptions = true, description = "The tip of a stored chain as JSON {height, hash, modelRoot}.")
    static final class Tip implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--datadir", required = true)
        Path datadir;

        @Option(names = "--network", paramLabel = Networks.LABEL, defaultValue = Networks.DEFAULT, converter = Networks.class, description = Networks.DESCRIPTION)
        ChainParams network;

        @Override
        public void run() {
            try (ChainState cs = ChainState.open(chainDir(datadir), params(network), Evaluators.best(1), InstantSource.system())) {
                spec.commandLine().getOut().println(Json.object().put("height", cs.tipHeight()).put("hash", cs.tipHash().toHex())
                        .put("modelRoot", cs.modelRoot().toHex()).toJson());
                spec.commandLine().getOut().flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** On a terminal a bar redrawn in place; otherwise one line per tenth of the work and at the end. */
    static void progress(PrintWriter err, int done, int total, long startedNanos) {
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        double secs = (System.nanoTime() - startedNanos) / 1e9;
        String line = String.format(java.util.Locale.ROOT, "[%s%s] %d/%d blocks, %.1f s", "#".repeat(filled), " ".repeat(width - filled), done, total, secs);
        if (CliSupport.terminal()) {
            err.print("\r" + line);
        } else if (done == total || total < 10 || done % Math.max(1, total / 10) == 0) {
            err.println(line);
        }
        err.flush();
    }

    static void deleteTree(Path p) {
        if (p == null) return;
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temporary directory
        }
    }
}
