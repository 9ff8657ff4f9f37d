package org.flowcoin.examples.miner;

import java.time.InstantSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.train.TrainConfig;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.GenesisCorpus;
import org.flowcoin.pot.PotParams;
import org.flowcoin.pot.mining.Miner;
import org.flowcoin.pot.mining.MinerConfig;
import org.flowcoin.pot.mining.MiningResult;
import org.flowcoin.pot.mining.MiningTip;
import org.flowcoin.pot.mining.TrainingPayload;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.tx.Transaction;

/**
 * A miner in 30 lines: each block trains the tip model on a slice of the bundled corpus, and the
 * {@link Miner} turns the training into a delta, both canonical losses, the boosted target and a
 * signed block, which the chain state then validates like any peer's block.
 *
 * <pre>
 * java ... org.flowcoin.examples.miner.MinerExample /tmp/chain 3
 * </pre>
 */
public final class MinerExample {
    private MinerExample() {}

    /** Mines {@code blocks} blocks on the chain state in {@code dir}, the coinbase paying {@code payout}. */
    public static List<MiningResult> mine(Path dir, ChainParams params, int blocks, Ed25519PrivateKey key, Script payout, int threads,
                                          PrintStream out) throws IOException {
        PotParams pot = PotParams.forChain(params);
        List<MiningResult> mined = new ArrayList<>();
        try (ChainState chain = ChainState.open(dir, pot, Evaluators.best(threads), InstantSource.system())) {
            for (int i = 0; i < blocks; i++) {
                MiningTip tip = MiningTip.of(chain);
                byte[] text = Arrays.copyOfRange(GenesisCorpus.bytes(), (int) (tip.height() % 60) * 4096, (int) (tip.height() % 60 + 1) * 4096);
                TrainingPayload.Result data = TrainingPayload.build(text, pot, tip.bloom());
                if (!data.verdict().accepted()) throw new IllegalStateException("training data refused: " + data.verdict());
                MinerConfig config = MinerConfig.defaults(InstantSource.system()).withEvalThreads(threads).withMaxSteps(500).withMaxDeltaEntries(20_000)
                        .withTrain(TrainConfig.defaults().withLearningRate(3e-3f).withBatch(4, 64).withThreads(threads).withSeed(tip.height()));
                MiningResult m = new Miner(config).mine(tip, data.payload(), key, payout, List.<Transaction>of(), 0, null)
                        .orElseThrow(() -> new IllegalStateException("no block within the step budget"));
                ChainState.Result r = chain.submit(m.block());
                if (r.status() != ChainState.Status.CONNECTED) throw new IllegalStateException("block rejected: " + r);
                out.printf("height %d  loss %.5f -> %.5f  boost %d  delta %d bytes  %s%n", tip.height(), m.prevValLoss(), m.valLoss(), m.boost(),
                        m.block().deltaLength(), m.block().hash());
                mined.add(m);
            }
        }
        return mined;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: MinerExample <chain dir> <blocks>");
            System.exit(2);
        }
        Ed25519PrivateKey key = Ed25519PrivateKey.generate(new java.security.SecureRandom());
        Script payout = org.flowcoin.primitives.script.Templates.payToKeyHash(key.publicKey().toByteArray());
        mine(Path.of(args[0]), ChainParams.regtest(), Integer.parseInt(args[1]), key, payout, Runtime.getRuntime().availableProcessors(), System.out);
    }
}
