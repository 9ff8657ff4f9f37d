package org.flowcoin.examples.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowcoin.examples.demo.Demo;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.wallet.Balance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flow demo}: the whole system on a local regtest chain (see {@link Demo}). Progress on
 * stderr, the summary table (or {@code --json}) on stdout; a second run on the same data directory
 * resumes the chain.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Mines a regtest Proof-of-Training chain by training on the bundled corpus,",
                "verifies every block with a separate verifier, pays the coinbases to a wallet",
                "with a recovery policy, sends a payment once the first coinbase matures, and",
                "writes the tip model as GGUF. A second run resumes the same chain."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--datadir", paramLabel = "DIR", description = "Data directory (default: ~/.flowcoin/demo-regtest, or demo-regtest-genesis for --config genesis).")
    Path dataDir;

    @Option(names = "--blocks", paramLabel = "N", defaultValue = "6",
            description = "Blocks to mine (default ${DEFAULT-VALUE}); on a fresh chain more follow until the first coinbase matures and the payment confirms.")
    int blocks;

    @Option(names = "--config", paramLabel = "PRESET", defaultValue = "tiny", description = "Model preset: tiny (default) or genesis (the real size: slow).")
    String config;

    @Option(names = "--threads", paramLabel = "N", description = "Training and evaluation threads (default: all cores).")
    Integer threads;

    @Option(names = "--no-payment", description = "Only mine and verify; no payment.")
    boolean noPayment;

    @Option(names = "--generate", paramLabel = "BYTES", defaultValue = "64", description = "Bytes generated from the tip model with ggml (0 skips; default ${DEFAULT-VALUE}).")
    int generate;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "32", description = "Training steps per block before each candidate delta (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        String preset = config.toLowerCase(Locale.ROOT);
        if (!preset.equals("tiny") && !preset.equals("genesis")) throw new InvalidInputException("--config must be tiny or genesis");
        if (blocks < 0 || blocks > 100_000) throw new InvalidInputException("--blocks must be in [0, 100000]");
        if (threads != null && (threads < 1 || threads > 1024)) throw new InvalidInputException("--threads must be in [1, 1024]");
        if (generate < 0 || generate > 4096) throw new InvalidInputException("--generate must be in [0, 4096]");
        if (steps < 1 || steps > 100_000) throw new InvalidInputException("--steps must be in [1, 100000]");
        Path dir = dataDir != null ? dataDir
                : Path.of(System.getProperty("user.home"), ".flowcoin", preset.equals("tiny") ? "demo-regtest" : "demo-regtest-genesis");
        Demo.Options o = Demo.Options.defaults(dir).withBlocks(blocks).withPreset(preset).withPayment(!noPayment).withGenerateBytes(generate)
                .withStepsPerBlock(steps);
        if (threads != null) o = o.withThreads(threads);
        PrintStream progress = quiet ? new PrintStream(OutputStream.nullOutputStream()) : System.err;
        Demo.Report r;
        try {
            r = new Demo(o).run(progress);
        } catch (Demo.DemoException e) {
            throw new InvalidInputException(e.getMessage());
        }
        System.out.println(json ? toJson(r).toJson() : table(r));
        System.out.flush();
        return 0;
    }

    static Json.Obj toJson(Demo.Report r) {
        Json.Arr blocks = Json.array();
        for (Demo.BlockRow b : r.blocks()) {
            blocks.add(Json.object().put("height", b.height()).put("hash", b.hash().toHex()).put("valLoss", b.valLoss())
                    .put("prevValLoss", b.prevValLoss()).put("valLossBits", bits(b.valLoss())).put("prevValLossBits", bits(b.prevValLoss()))
                    .put("boost", b.boost()).put("deltaBytes", b.deltaBytes()).put("trainingBytes", b.trainingBytes()).put("steps", b.steps())
                    .put("transactions", b.transactions()).put("mineMillis", b.mineMillis()).put("verifyMillis", b.verifyMillis())
                    .put("verified", b.verified()).put("dims", b.dims()));
        }
        Json.Obj payment = r.payment().map(p -> Json.object().put("txid", p.txid().toHex()).put("amount", p.amount()).put("fee", p.fee())
                .put("confirmed", p.confirmed()).put("height", p.height())).orElse(null);
        Demo.Generation g = r.generation();
        return Json.object().put("network", "regtest").put("config", r.preset()).put("dataDir", r.dataDir().toString()).put("resumed", r.resumed())
                .put("startHeight", r.startHeight()).put("tipHeight", r.tipHeight()).put("tipHash", r.tipHash().toHex())
                .put("verifierTipHash", r.verifierTipHash().toHex()).put("allVerified", r.tipHash().equals(r.verifierTipHash()))
                .put("blocks", blocks).put("payment", payment)
                .put("balances", Json.object().put("alice", balance(r.alice())).put("bob", balance(r.bob())))
                .put("addresses", Json.object().put("alice", r.aliceAddress()).put("bob", r.bobAddress()))
                .put("model", Json.object().put("file", g.modelFile().toString()).put("loadedWithGgml", g.loadedWithGgml())
                        .put("bitIdentical", g.bitIdentical()).put("prompt", g.prompt())
                        .put("generatedHex", CliSupport.hex(g.text())).put("skipped", g.skippedReason()))
                .put("notes", r.notes());
    }

    private static String bits(float f) {
        return String.format("%08x", Float.floatToRawIntBits(f));
    }

    private static Json.Obj balance(Balance b) {
        return Json.object().put("confirmed", b.confirmed()).put("immature", b.immature()).put("pending", b.pending());
    }

    static String table(Demo.Report r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("regtest chain (%s model) in %s: height %d -> %d%n%n", r.preset(), r.dataDir(), r.startHeight(), r.tipHeight()));
        sb.append(String.format("%6s  %-9s  %9s  %9s  %5s  %8s  %6s  %3s  %7s  %9s%n",
                "height", "dims", "prev loss", "val loss", "boost", "delta B", "data B", "txs", "mine ms", "verify ms"));
        for (Demo.BlockRow b : r.blocks()) {
            sb.append(String.format("%6d  %-9s  %9.5f  %9.5f  %5d  %8d  %6d  %3d  %7d  %9d%s%n", b.height(), b.dims(), b.prevValLoss(),
                    b.valLoss(), b.boost(), b.deltaBytes(), b.trainingBytes(), b.transactions(), b.mineMillis(), b.verifyMillis(),
                    b.verified() ? "" : "  NOT VERIFIED"));
        }
        sb.append(String.format("%ntip %s%n", r.tipHash()));
        sb.append(r.tipHash().equals(r.verifierTipHash()) ? "independent verifier: every block verified, same tip\n"
                : "independent verifier: tip differs (" + r.verifierTipHash() + ")\n");
        r.payment().ifPresentOrElse(p -> sb.append(String.format("payment: %s FLOW alice -> bob, fee %s, tx %s, %s%n", Amounts.format(p.amount()),
                Amounts.format(p.fee()), p.txid(), p.confirmed() ? "confirmed in block " + p.height() : "unconfirmed")),
                () -> sb.append("payment: none this run\n"));
        sb.append(String.format("alice %s  confirmed %s  immature %s  pending %s FLOW%n", r.aliceAddress(), Amounts.format(r.alice().confirmed()),
                Amounts.format(r.alice().immature()), Amounts.format(r.alice().pending())));
        sb.append(String.format("bob   %s  confirmed %s  immature %s  pending %s FLOW%n", r.bobAddress(), Amounts.format(r.bob().confirmed()),
                Amounts.format(r.bob().immature()), Amounts.format(r.bob().pending())));
        Demo.Generation g = r.generation();
        sb.append(String.format("tip model: %s", g.modelFile()));
        if (g.skippedReason() == null) {
            sb.append(String.format(" (opened with ggml's gguf reader%s)%n", g.bitIdentical() ? ", identical to the chain state's model" : ", DIFFERS from the chain state's model"));
            sb.append("generated: ").append(g.prompt()).append(printable(g.text())).append('\n');
        } else {
            sb.append(" (generation skipped: ").append(g.skippedReason()).append(")\n");
        }
        for (String n : r.notes()) sb.append("note: ").append(n).append('\n');
        return sb.toString().stripTrailing();
    }

    /** Generated bytes as text, non-printable bytes escaped. */
    static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xff;
            if (c == '\n') sb.append("\\n");
            else if (c >= 0x20 && c < 0x7f) sb.append((char) c);
            else sb.append(String.format("\\x%02x", c));
        }
        return sb.toString();
    }

}
