package org.flowcoin.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.DataDirectoryException;
import org.flowcoin.pot.PotParams;
import org.flowcoin.primitives.DecodeException;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.consensus.HeaderValidator;
import org.flowcoin.primitives.consensus.Rule;
import org.flowcoin.primitives.consensus.Verdict;
import org.flowcoin.primitives.ChainParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flow block verify --datadir D <file>}: fully validates one block (raw bytes, or their hex)
 * as a child of its stored parent (on the best chain or a side branch), every rule run and both
 * losses recomputed; {@code "valid":true} only then. The stored chain is never changed: the block is
 * checked against a scratch copy of the chain state.
 */
@Command(name = "block", mixinStandardHelpOptions = true, description = "Verify a block against a stored chain.",
        subcommands = {BlockCommand.Verify.class})
final class BlockCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (verify)");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Validate a block file (binary or hex) against the chain in --datadir; exit 0 if valid, 1 if not.")
    static final class Verify implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--datadir", required = true, description = "Data directory (a chain state, or a miner directory holding chain/).")
        Path datadir;

        @Option(names = "--network", paramLabel = Networks.LABEL, defaultValue = Networks.DEFAULT, converter = Networks.class, description = Networks.DESCRIPTION)
        ChainParams network;

        @Option(names = "--threads", defaultValue = "0", description = "Evaluator threads (0: all cores).")
        int threads;

        @Parameters(paramLabel = "<file>", description = "The serialized block.")
        Path file;

        @Override
        public void run() {
            PotParams p = PotParams.forChain(network);
            Path dir = ChainCommand.chainDir(datadir);
            byte[] bytes = readBlockFile(file);
            int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            Outcome o = verify(dir, p, bytes, t);
            PrintWriter out = spec.commandLine().getOut();
            out.println(Json.object()
                    .put("valid", o.valid())
                    .put("status", o.status())
                    .put("hash", o.hash())
                    .put("rule", o.verdict().accepted() ? null : o.verdict().rule().id())
                    .put("reason", o.verdict().accepted() ? null : o.verdict().reason())
                    .toJson());
            out.flush();
            if (!o.valid()) throw new InvalidInputException(o.verdict().accepted() ? "block not validated: " + o.status() : o.verdict().rule().id() + ": " + o.verdict().reason());
        }
    }

    /**
     * What {@code block verify} found. {@code status}: {@code valid} (every rule ran and held, as a
     * child of its stored parent), {@code invalid} (a rule failed), {@code mutated} (the body does not
     * match the header's commitments), {@code orphan} (the parent is not stored: only the header's
     * and body's own structure were checked, so nothing is claimed).
     */
    record Outcome(boolean valid, String status, String hash, Verdict verdict) {}

    /** Full validation of {@code bytes} as a child of its stored parent, on a scratch copy of the chain in {@code dir}. */
    static Outcome verify(Path dir, PotParams p, byte[] bytes, int threads) {
        if (bytes.length < BlockHeader.SIZE) return new Outcome(false, "invalid", null, Verdict.reject(Rule.HDR_STRUCTURE, "shorter than a header"));
        Verdict raw = HeaderValidator.checkRaw(Arrays.copyOf(bytes, BlockHeader.SIZE));
        if (!raw.accepted()) return new Outcome(false, "invalid", null, raw);
        Block block;
        try {
            block = Block.fromBytes(bytes, p.chain());
        } catch (DecodeException | IllegalArgumentException e) {
            return new Outcome(false, "mutated", null, Verdict.reject(Rule.BLK_DECODE, String.valueOf(e.getMessage())));
        }
        String hash = block.hash().toHex();
        if (!Files.isDirectory(dir)) throw new InvalidInputException("no chain state in " + dir);
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("flow-block-verify");
            copyTree(dir, scratch);
            try (ChainState cs = ChainState.open(scratch, p, Evaluators.best(threads), InstantSource.system())) {
                Hash256 parent = block.header().prevHash();
                if (!cs.contains(parent)) {
                    return new Outcome(false, "orphan", hash, Verdict.reject(Rule.HDR_PREV, "parent " + parent + " is not stored: the block was not validated"));
                }
                if (!cs.tipHash().equals(parent)) {
                    Verdict branch = cs.moveTipTo(parent);
                    if (!branch.accepted()) return new Outcome(false, "invalid", hash, Verdict.reject(Rule.HDR_PREV, "the parent's branch is invalid: " + branch));
                }
                Verdict v = cs.validateChild(block);
                return new Outcome(v.accepted(), v.accepted() ? "valid" : v.mutated() ? "mutated" : "invalid", hash, v);
            }
        } catch (DataDirectoryException e) {
            throw new InvalidInputException(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ChainCommand.deleteTree(scratch);
        }
    }

    /** A block file holds raw bytes, or their hex (whitespace ignored). */
    static byte[] readBlockFile(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("no such file: " + file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
        String text = new String(raw, StandardCharsets.ISO_8859_1).strip();
        if (!text.isEmpty() && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            try {
                return HexFormat.of().parseHex(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("block file is not valid hex");
            }
        }
        return raw;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path src : (Iterable<Path>) s::iterator) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) Files.createDirectories(dst);
                else Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
