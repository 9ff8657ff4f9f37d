package org.flowcoin.examples.explorer;

import java.time.InstantSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.PotParams;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.BlockHeader;

/**
 * An explorer-style verifier: re-verifies every block of a data directory from genesis with a fresh
 * chain state (both losses recomputed with the canonical evaluator, proof, transactions, model
 * root) and prints the per-block losses. It trusts nothing in the source directory but the block
 * bytes.
 *
 * <pre>
 * java ... org.flowcoin.examples.explorer.ExplorerVerifier ~/.flowcoin/demo-regtest/node
 * </pre>
 */
public final class ExplorerVerifier {
    private ExplorerVerifier() {}

    /** One re-verified block: its header's losses and the verifier's verdict. */
    public record Row(long height, Hash256 hash, float valLoss, float prevValLoss, int deltaBytes, ChainState.Result result, long millis) {
        public boolean verified() {
            return result.status() == ChainState.Status.CONNECTED;
        }
    }

    /** Verifies the best chain stored in {@code sourceDir} into a new chain state in {@code workDir}. */
    public static List<Row> verify(Path sourceDir, Path workDir, ChainParams params, int threads, PrintStream out) throws IOException {
        PotParams pot = PotParams.forChain(params);
        List<Row> rows = new ArrayList<>();
        try (ChainState source = ChainState.open(sourceDir, pot, Evaluators.best(threads), InstantSource.system());
             ChainState verifier = ChainState.open(workDir, pot, Evaluators.best(threads), InstantSource.system())) {
            List<Hash256> main = source.mainChain();
            if (!main.get(0).equals(verifier.tipHash())) throw new IOException("the source directory holds another chain (genesis differs)");
            out.printf("%6s  %9s  %9s  %8s  %8s  %s%n", "height", "prev loss", "val loss", "delta B", "ms", "verdict");
            for (int h = 1; h < main.size(); h++) {
                byte[] bytes = source.readBlock(main.get(h)).toByteArray();
                BlockHeader hd = BlockHeader.fromBytes(java.util.Arrays.copyOf(bytes, BlockHeader.SIZE));
                long t0 = System.nanoTime();
                ChainState.Result r = verifier.submit(bytes);
                Row row = new Row(h, hd.hash(), Float.intBitsToFloat(hd.valLossBits()), Float.intBitsToFloat(hd.prevValLossBits()),
                        hd.deltaLength(), r, (System.nanoTime() - t0) / 1_000_000);
                rows.add(row);
                out.printf("%6d  %9.5f  %9.5f  %8d  %8d  %s%n", h, row.prevValLoss(), row.valLoss(), row.deltaBytes(), row.millis(),
                        row.verified() ? "ok" : r.status() + " " + r.verdict());
                if (!row.verified()) break;
            }
        }
        return rows;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ExplorerVerifier <chain dir>");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("flow-explorer");
        List<Row> rows = verify(Path.of(args[0]), work, ChainParams.regtest(), Runtime.getRuntime().availableProcessors(), System.out);
        boolean ok = rows.stream().allMatch(Row::verified);
        System.out.println(ok ? "all " + rows.size() + " blocks verified" : "verification FAILED");
        System.exit(ok ? 0 : 1);
    }
}
