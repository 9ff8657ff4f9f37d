package org.flowcoin.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.PotParams;
import org.flowcoin.pot.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flow block verify --datadir D <file>}: fully validates one block (raw bytes, or their hex)
 * as a child of the stored chain, both losses recomputed. The stored chain is never changed: the
 * block is checked against a scratch copy of the chain state.
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

        @Option(names = "--network", defaultValue = "regtest", description = "main, test or regtest (default ${DEFAULT-VALUE}).")
        String network;

        @Option(names = "--threads", defaultValue = "0", description = "Evaluator threads (0: all cores).")
        int threads;

        @Parameters(paramLabel = "<file>", description = "The serialized block.")
        Path file;

        @Override
        public void run() {
            PotParams p = ChainCommand.params(network);
            Path dir = ChainCommand.chainDir(datadir);
            byte[] block = readBlockFile(file);
            int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            Path scratch = null;
            ChainState.Result r;
            try {
                scratch = Files.createTempDirectory("flow-block-verify");
                copyTree(dir, scratch);
                try (ChainState cs = ChainState.open(scratch, p, Evaluators.best(t))) {
                    r = cs.submit(block);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                ChainCommand.deleteTree(scratch);
            }
            Verdict v = r.verdict();
            boolean valid = r.status() == ChainState.Status.CONNECTED || r.status() == ChainState.Status.SIDE_BRANCH
                    || r.status() == ChainState.Status.DUPLICATE;
            PrintWriter out = spec.commandLine().getOut();
            out.println(Json.object()
                    .put("valid", valid)
                    .put("status", r.status().name().toLowerCase(java.util.Locale.ROOT))
                    .put("rule", v.accepted() ? null : v.rule().id())
                    .put("reason", v.accepted() ? null : v.reason())
                    .toJson());
            out.flush();
            if (!valid) {
                throw new InvalidInputException(v.accepted() ? "block not connected: " + r.status() : v.rule().id() + ": " + v.reason());
            }
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
