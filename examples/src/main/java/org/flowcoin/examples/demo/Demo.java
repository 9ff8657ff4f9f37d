package org.flowcoin.examples.demo;

import java.time.InstantSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.crypto.Ed25519PublicKey;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.ggml.GgmlEvaluator;
import org.flowcoin.moe.ggml.GgmlGgufLoader;
import org.flowcoin.moe.ggml.GgmlUnavailableException;
import org.flowcoin.moe.ggml.TextGenerator;
import org.flowcoin.moe.gguf.GgufModel;
import org.flowcoin.moe.gguf.GgufValue;
import org.flowcoin.moe.gguf.GgufWriter;
import org.flowcoin.moe.train.TrainConfig;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.GenesisCorpus;
import org.flowcoin.pot.PotParams;
import org.flowcoin.pot.mining.Miner;
import org.flowcoin.pot.mining.MinerConfig;
import org.flowcoin.pot.mining.MiningResult;
import org.flowcoin.pot.mining.MiningTip;
import org.flowcoin.pot.mining.TrainingPayload;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.GrowthSchedule;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.Genesis;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.wallet.Balance;
import org.flowcoin.wallet.InsufficientFundsException;
import org.flowcoin.wallet.KeyPath;
import org.flowcoin.wallet.RecoveryPolicy;
import org.flowcoin.wallet.Wallet;
import org.flowcoin.wallet.WalletFiles;
import org.flowcoin.wallet.storage.KdfParams;
import org.flowcoin.wallet.storage.WalletFileException;

/**
 * The end-to-end regtest run behind {@code flow demo}: a Proof-of-Training chain mined by training
 * on the bundled corpus, every block re-verified by a second, independent chain state fed only the
 * block bytes, coinbases paid to a wallet with a recovery policy, a payment to a second wallet once
 * the first coinbase matures, and the tip model written as GGUF, reloaded through ggml's own reader
 * and used to generate text.
 *
 * <p>Data directory layout (a second run resumes from it):
 * <pre>
 * demo.properties       model preset of this chain (a directory never changes preset)
 * miner.key             the header-signing key (32-byte seed, hex; regtest only)
 * node/                 the miner's chain state
 * verifier/             the independent verifier's chain state
 * wallets/alice.wallet  receives the coinbases (heartbeat recovery policy)
 * wallets/bob.wallet    receives the payment (heartbeat recovery policy)
 * wallets/*.recovery    the recovery keys (regtest only; real recovery keys live elsewhere)
 * models/tip.gguf       the tip model
 * </pre>
 *
 * <pre>{@code
 * Demo.Report r = new Demo(Demo.Options.defaults(Path.of("/tmp/demo")).withBlocks(6)).run(System.err);
 * r.blocks().forEach(b -> System.out.println(b.height() + " " + b.valLoss()));
 * }</pre>
 */
public final class Demo {
    /** Bytes of bundled corpus offered as training data per block. */
    static final int DATA_BYTES = 4096;
    /** Recovery branch opens after this many blocks of inactivity (regtest demo value). */
    static final int RECOVERY_DELAY = 1000;
    /** The payment of each run: 12.5 FLOW from alice to bob. */
    public static final long PAYMENT = 12 * Amounts.COIN + Amounts.COIN / 2;
    /** Learning rate of the first mining attempt of a block; each further attempt halves it. */
    static final float LEARNING_RATE = 3e-3f;
    /** Mining attempts per block before the demo gives up. */
    static final int MAX_ATTEMPTS = 8;
    /** Fee rate of the demo payment, haruki per virtual byte. */
    static final long FEE_RATE = 10;
    /** The demo wallets are regtest toys: a fixed passphrase and the fast KDF. Never for real funds. */
    private static final char[] WALLET_PASSPHRASE = "flowcoin regtest demo".toCharArray();

    /** The fixed passphrase of the demo's wallet files (regtest only), to open them with {@link WalletFiles#open}. */
    public static char[] walletPassphrase() {
        return WALLET_PASSPHRASE.clone();
    }

    /**
     * What to run.
     *
     * @param dataDir the data directory (created when missing)
     * @param blocks blocks to mine for the table (more are mined when the first coinbase must mature)
     * @param preset {@code tiny} or {@code genesis}
     * @param threads training and evaluation threads
     * @param payment whether to send (and confirm) a payment once a coinbase is mature
     * @param generateBytes bytes to generate from the tip model with ggml (0: skip)
     * @param stepsPerBlock training steps before each candidate delta
     */
    public record Options(Path dataDir, int blocks, String preset, int threads, boolean payment, int generateBytes, int stepsPerBlock) {
        public Options {
            Objects.requireNonNull(dataDir, "dataDir");
            if (blocks < 0 || blocks > 100_000) throw new IllegalArgumentException("blocks must be in [0, 100000]");
            if (!preset.equals("tiny") && !preset.equals("genesis")) throw new IllegalArgumentException("preset must be tiny or genesis");
            if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
            if (generateBytes < 0 || generateBytes > 4096) throw new IllegalArgumentException("generate bytes must be in [0, 4096]");
            if (stepsPerBlock < 1 || stepsPerBlock > 100_000) throw new IllegalArgumentException("steps per block must be in [1, 100000]");
        }

        /** Six blocks of the tiny model, 32 training steps each, all cores, with the payment and 64 generated bytes. */
        public static Options defaults(Path dataDir) {
            return new Options(dataDir, 6, "tiny", Runtime.getRuntime().availableProcessors(), true, 64, 32);
        }

        public Options withBlocks(int n) {
            return new Options(dataDir, n, preset, threads, payment, generateBytes, stepsPerBlock);
        }

        public Options withPreset(String p) {
            return new Options(dataDir, blocks, p, threads, payment, generateBytes, stepsPerBlock);
        }

        public Options withThreads(int t) {
            return new Options(dataDir, blocks, preset, t, payment, generateBytes, stepsPerBlock);
        }

        public Options withPayment(boolean p) {
            return new Options(dataDir, blocks, preset, threads, p, generateBytes, stepsPerBlock);
        }

        public Options withGenerateBytes(int n) {
            return new Options(dataDir, blocks, preset, threads, payment, n, stepsPerBlock);
        }

        public Options withStepsPerBlock(int n) {
            return new Options(dataDir, blocks, preset, threads, payment, generateBytes, n);
        }
    }

    /**
     * One mined block.
     *
     * @param height block height
     * @param hash block hash
     * @param valLoss canonical loss of the new model on V_h
     * @param prevValLoss canonical loss of the (grown) parent on the same V_h
     * @param boost usefulness boost the block earned
     * @param deltaBytes encoded delta size
     * @param trainingBytes training-data payload size
     * @param steps training steps taken
     * @param transactions transactions in the block (coinbase included)
     * @param mineMillis time to train and find the block
     * @param verifyMillis time the independent verifier took to validate the block bytes
     * @param verified whether the verifier connected it
     * @param dims the model dims at this height ({@code d_model x n_layers x n_experts})
     */
    public record BlockRow(long height, Hash256 hash, float valLoss, float prevValLoss, int boost, int deltaBytes, int trainingBytes,
                           long steps, int transactions, long mineMillis, long verifyMillis, boolean verified, String dims) {}

    /**
     * The payment of this run.
     *
     * @param txid its id
     * @param amount paid to bob
     * @param fee its fee (inputs minus outputs, from the node's UTXO set)
     * @param height block that confirmed it, or -1
     */
    public record Payment(Hash256 txid, long amount, long fee, long height) {
        public boolean confirmed() {
            return height >= 0;
        }
    }

    /**
     * The generation check of the tip model.
     *
     * @param modelFile the GGUF file
     * @param loadedWithGgml whether ggml's gguf reader opened it
     * @param bitIdentical whether the model ggml loaded equals the chain state's tip model bit for bit
     * @param prompt the prompt
     * @param text generated bytes (empty when skipped)
     * @param skippedReason why it was skipped, or null
     */
    public record Generation(Path modelFile, boolean loadedWithGgml, boolean bitIdentical, String prompt, byte[] text, String skippedReason) {}

    /**
     * What a run did.
     *
     * @param dataDir the data directory
     * @param preset the model preset
     * @param resumed whether the chain existed before this run
     * @param startHeight tip height before the run
     * @param tipHeight tip height after the run
     * @param tipHash tip hash after the run
     * @param verifierTipHash the independent verifier's tip hash (equal to {@code tipHash} when all verified)
     * @param blocks the blocks mined in this run
     * @param payment the payment, or empty
     * @param alice balance of the coinbase wallet
     * @param bob balance of the payee wallet
     * @param aliceAddress first receive address of alice
     * @param bobAddress first receive address of bob
     * @param generation the tip-model check
     * @param notes what did not happen, and why
     */
    public record Report(Path dataDir, String preset, boolean resumed, long startHeight, long tipHeight, Hash256 tipHash, Hash256 verifierTipHash,
                         List<BlockRow> blocks, Optional<Payment> payment, Balance alice, Balance bob, String aliceAddress, String bobAddress,
                         Generation generation, List<String> notes) {}

    private final Options options;

    public Demo(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The chain of a preset: regtest as is for {@code tiny}; regtest with the genesis-size model for {@code genesis}. */
    public static ChainParams chainParams(String preset) {
        ChainParams r = ChainParams.regtest();
        if (preset.equals("tiny")) return r;
        if (!preset.equals("genesis")) throw new IllegalArgumentException("unknown preset " + preset);
        ChainParams c = withGrowth(r, new GrowthSchedule(ChainParams.GENESIS_DIMS, List.of()), 0);
        // The genesis header holds the dims, so this chain has its own genesis nonce (regtest's powLimit makes the search short).
        return withGrowth(r, c.growthSchedule(), Genesis.findNonce(c));
    }

    private static ChainParams withGrowth(ChainParams r, GrowthSchedule g, int nonce) {
        return new ChainParams(r.name(), r.magic(), r.defaultPort(), r.hrp(), r.powLimitBits(), r.retargeting(), r.retargetInterval(),
                r.targetSpacing(), r.initialSubsidy(), r.halvingInterval(), r.coinbaseMaturity(), r.maxBlockWeight(), r.maxDeltaBytes(),
                r.maxTrainingDataBytes(), g, r.boostK(), r.maxBoost(), r.profile(), r.resonanceMarginBits(), r.genesisTimestamp(),
                r.genesisMessage(), nonce);
    }

    /**
     * The miner settings of the demo: batches of 4 x 64 bytes, {@code steps} training steps per
     * candidate delta (more steps per block: a larger improvement, so a larger boost), delta top-k
     * 20,000 entries, at most 16 candidates per attempt.
     */
    static MinerConfig minerConfig(int threads, int steps, float learningRate, long seed) {
        return MinerConfig.defaults(InstantSource.system())
                .withTrain(TrainConfig.defaults().withLearningRate(learningRate).withBatch(4, 64).withThreads(threads).withSeed(seed))
                .withEvalThreads(threads).withStepsPerCandidate(steps).withMaxSteps(16L * steps).withMaxDeltaEntries(20_000);
    }

    /** The training text offered for the block at {@code height}: a slice of the bundled corpus, shifted by {@code attempt}. */
    static byte[] corpusSlice(long height, int attempt) {
        byte[] c = GenesisCorpus.bytes();
        int slots = (c.length - DATA_BYTES) / DATA_BYTES;
        long h = height - 1;
        // after one pass over the corpus shift by a sub-chunk amount, so that the chunks (and their Bloom entries) are new
        long start = (h % slots) * DATA_BYTES + ((h / slots) * 61 + attempt * 17L) % DATA_BYTES;
        return Arrays.copyOfRange(c, (int) start, (int) start + DATA_BYTES);
    }

    /**
     * Runs the demo. Progress goes to {@code progress}; the report carries every result.
     *
     * @throws IOException if the data directory cannot be read or written
     * @throws DemoException if a step fails (a block the verifier rejects, a wallet file that does not open)
     */
    public Report run(PrintStream progress) throws IOException, DemoException {
        Path d = options.dataDir();
        Files.createDirectories(d.resolve("wallets"));
        Files.createDirectories(d.resolve("models"));
        checkPreset(d);
        ChainParams chain = chainParams(options.preset());
        PotParams pot = PotParams.forChain(chain);
        List<String> notes = new ArrayList<>();
        boolean resumed = Files.exists(d.resolve("node").resolve("chainstate.bin"));
        progress.printf("demo: %s chain in %s (%s model)%n", resumed ? "resuming the" : "creating a regtest", d, options.preset());
        Ed25519PrivateKey minerKey = loadOrCreateKey(d.resolve("miner.key"));
        try (ChainState node = ChainState.open(d.resolve("node"), pot, Evaluators.best(options.threads()), InstantSource.system());
             ChainState verifier = ChainState.open(d.resolve("verifier"), pot, Evaluators.best(options.threads()), InstantSource.system());
             WalletFiles.Opened alice = openOrCreateWallet(d, "alice", chain);
             WalletFiles.Opened bob = openOrCreateWallet(d, "bob", chain)) {
            long startHeight = node.tipHeight();
            catchUpVerifier(node, verifier, progress);
            catchUpWallet(node, alice, startHeight);
            catchUpWallet(node, bob, startHeight);
            String aliceAddress = alice.wallet().address(new KeyPath(0, 0, 0)).encode();
            String bobAddress = bob.wallet().address(new KeyPath(0, 0, 0)).encode();
            Script payout = Wallet.scriptFor(alice.wallet().address(new KeyPath(0, 0, 0)));

            List<BlockRow> rows = new ArrayList<>();
            Payment payment = null;
            Transaction pendingTx = null;
            long pendingFee = 0;
            long maturityExtra = 0;
            // a payment sent by an interrupted run and never mined: include it now if its coins are still unspent
            for (Transaction t : alice.wallet().pendingTransactions()) {
                if (pendingTx == null && t.inputs().stream().allMatch(i -> node.utxos().get(i.prevout()).isPresent())) {
                    pendingTx = t;
                    pendingFee = fee(node, t);
                    payment = new Payment(t.txid(), t.outputs().get(0).value(), pendingFee, -1);
                    progress.printf("demo: resending the unconfirmed payment %s%n", t.txid());
                } else {
                    alice.wallet().removePending(t.txid());
                }
            }
            int maturity = chain.coinbaseMaturity();
            // for the progress bar: on a young chain the payment needs the height-1 coinbase to mature first
            long planned = Math.max(options.blocks(), options.payment() ? maturity + 1 - startHeight : 0);
            while (true) {
                boolean wantMore = rows.size() < options.blocks();
                boolean paymentOpen = options.payment() && (payment == null || !payment.confirmed());
                if (!wantMore && !paymentOpen) break;
                if (!wantMore) {
                    // blocks beyond --blocks only to let the first coinbase mature and to confirm the payment
                    if (maturityExtra++ > maturity + 2) {
                        notes.add("payment not confirmed within " + (maturity + 2) + " extra blocks");
                        break;
                    }
                }
                if (options.payment() && payment == null && spendable(alice.wallet()) >= PAYMENT + Amounts.COIN) {
                    long amount = PAYMENT;
                    Script bobScript = Wallet.scriptFor(bob.wallet().freshReceiveAddress(0));
                    try {
                        pendingTx = alice.wallet().send(0, List.of(new TxOutput(amount, bobScript)), FEE_RATE);
                    } catch (InsufficientFundsException e) {
                        throw new DemoException("wallet could not fund the payment: " + e.getMessage(), e);
                    }
                    pendingFee = fee(node, pendingTx);
                    payment = new Payment(pendingTx.txid(), amount, pendingFee, -1);
                    WalletFiles.save(alice.wallet(), alice.store());
                    WalletFiles.save(bob.wallet(), bob.store());
                    progress.printf("demo: coinbase matured; alice pays bob %s FLOW (fee %s), tx %s%n",
                            Amounts.format(amount), Amounts.format(pendingFee), pendingTx.txid());
                } else if (options.payment() && payment == null && !wantMore) {
                    Balance b = alice.wallet().balance();
                    progress.printf("demo: waiting for coinbase maturity (%d confirmations needed; immature %s FLOW)%n", maturity,
                            Amounts.format(b.immature()));
                }
                List<Transaction> txs = pendingTx == null ? List.of() : List.of(pendingTx);
                BlockRow row = mineOne(node, verifier, minerKey, payout, txs, pendingFee, progress);
                progress.printf("%s %d/%d blocks%n", bar(rows.size() + 1, Math.max(planned, rows.size() + 1)), rows.size() + 1,
                        Math.max(planned, rows.size() + 1));
                rows.add(row);
                Block block = node.readBlock(row.hash());
                alice.wallet().connectBlock((int) row.height(), row.hash(), block.transactions());
                bob.wallet().connectBlock((int) row.height(), row.hash(), block.transactions());
                WalletFiles.save(alice.wallet(), alice.store());
                WalletFiles.save(bob.wallet(), bob.store());
                Hash256 paid = pendingTx == null ? null : pendingTx.txid();
                if (paid != null && block.transactions().stream().anyMatch(t -> t.txid().equals(paid))) {
                    payment = new Payment(payment.txid(), payment.amount(), payment.fee(), row.height());
                    progress.printf("demo: payment confirmed in block %d%n", row.height());
                    pendingTx = null;
                    pendingFee = 0;
                }
            }
            if (options.payment() && payment == null) notes.add("no payment: no mature coinbase yet (maturity " + maturity + ")");

            Path gguf = d.resolve("models").resolve("tip.gguf");
            ModelWeights tipModel = node.weightsCopy();
            GgufWriter w = GgufModel.writer(tipModel);
            w.put("flowcoin.height", GgufValue.u64(node.tipHeight()));
            w.put("flowcoin.block_hash", GgufValue.string(node.tipHash().toHex()));
            w.put("flowcoin.model_root", GgufValue.string(node.modelRoot().toHex()));
            w.write(gguf);
            Generation gen = generate(gguf, tipModel, progress, notes);
            return new Report(d, options.preset(), resumed, startHeight, node.tipHeight(), node.tipHash(), verifier.tipHash(), List.copyOf(rows),
                    Optional.ofNullable(payment), alice.wallet().balance(), bob.wallet().balance(), aliceAddress, bobAddress, gen, List.copyOf(notes));
        } catch (WalletFileException e) {
            throw new DemoException("a demo wallet file does not open: " + e.getMessage(), e);
        }
    }

    private BlockRow mineOne(ChainState node, ChainState verifier, Ed25519PrivateKey key, Script payout, List<Transaction> txs, long fees,
                             PrintStream progress) throws IOException, DemoException {
        long t0 = System.nanoTime();
        MiningTip tip = MiningTip.of(node);
        long height = tip.height();
        TrainingPayload.Result data = null;
        for (int attempt = 0; attempt < 64; attempt++) {
            data = TrainingPayload.build(corpusSlice(height, attempt), node.params(), tip.bloom());
            if (data.verdict().accepted()) break;
        }
        if (!data.verdict().accepted()) throw new DemoException("no acceptable training data for block " + height + ": " + data.verdict());
        Optional<MiningResult> found = Optional.empty();
        // Late in training, or right after growth, a long run at a high learning rate can overshoot the validation set:
        // then fewer steps, a smaller learning rate and another batch order, until a candidate lowers the loss.
        for (int attempt = 0; found.isEmpty() && attempt < MAX_ATTEMPTS; attempt++) {
            int steps = Math.max(1, options.stepsPerBlock() >> attempt);
            float lr = LEARNING_RATE / (1 << attempt);
            if (attempt > 0) progress.printf("  no useful candidate; retrying with %d steps per candidate at learning rate %.2g%n", steps, lr);
            Miner miner = new Miner(minerConfig(options.threads(), steps, lr, height * 1000 + attempt));
            found = miner.mine(tip, data.payload(), key, payout, txs, fees, p -> progress.printf(
                    "  step %d  train loss %.4f  val loss %.5f (parent %.5f)  boost %d  delta %d bytes%n",
                    p.steps(), p.trainLoss(), p.valLoss(), p.prevValLoss(), p.bestBoost(), p.deltaBytes()));
        }
        if (found.isEmpty()) throw new DemoException("the miner gave up on block " + height);
        MiningResult m = found.get();
        long t1 = System.nanoTime();
        ChainState.Result r = node.submit(m.block());
        if (r.status() != ChainState.Status.CONNECTED) throw new DemoException("the miner's own node rejected block " + height + ": " + r);
        byte[] bytes = m.block().toByteArray();
        long v0 = System.nanoTime();
        ChainState.Result vr = verifier.submit(bytes);
        long v1 = System.nanoTime();
        boolean ok = vr.status() == ChainState.Status.CONNECTED;
        if (!ok) throw new DemoException("the independent verifier rejected block " + height + ": " + vr);
        BlockRow row = new BlockRow(height, m.block().hash(), m.valLoss(), m.prevValLoss(), m.boost(), m.block().deltaLength(),
                m.block().trainingDataLength(), m.steps(), m.block().transactions().size(), (t1 - t0) / 1_000_000, (v1 - v0) / 1_000_000,
                ok, dimsOf(node.params().chain(), height));
        progress.printf("block %d: %s  loss %.5f -> %.5f  boost %d  verified in %d ms%n", height, row.hash(), row.prevValLoss(), row.valLoss(),
                row.boost(), row.verifyMillis());
        return row;
    }

    /** A text progress bar, e.g. {@code [#########-----------]}. */
    static String bar(long done, long total) {
        int width = 30;
        int filled = (int) Math.min(width, done * width / Math.max(1, total));
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }

    private static long spendable(Wallet w) {
        long sum = 0;
        for (var c : w.spendableCoins(0)) sum += c.value();
        return sum;
    }

    static String dimsOf(ChainParams c, long height) {
        var d = c.growthSchedule().dimsAt(height);
        return d.dModel() + "x" + d.nLayers() + "x" + d.nExperts();
    }

    /** Fee of {@code tx} from the node's UTXO set (inputs minus outputs). */
    private static long fee(ChainState node, Transaction tx) throws DemoException {
        long in = 0;
        for (TxInput i : tx.inputs()) {
            in += node.utxos().get(i.prevout()).orElseThrow(() -> new DemoException("payment spends an unknown coin " + i.prevout()))
                    .output().value();
        }
        return in - tx.totalOutputSaturating();
    }

    /** Feeds the verifier any main-chain blocks it lacks (a run interrupted between the two submits). */
    private static void catchUpVerifier(ChainState node, ChainState verifier, PrintStream progress) throws IOException, DemoException {
        List<Hash256> main = node.mainChain();
        for (int h = (int) verifier.tipHeight() + 1; h < main.size(); h++) {
            progress.printf("demo: verifier catching up, block %d%n", h);
            ChainState.Result r = verifier.submit(node.readBlock(main.get(h)).toByteArray());
            if (r.status() != ChainState.Status.CONNECTED) throw new DemoException("the verifier rejected stored block " + h + ": " + r);
        }
        if (!verifier.tipHash().equals(node.tipHash())) throw new DemoException("node and verifier disagree on the tip");
    }

    /** Connects main-chain blocks the wallet has not seen (genesis excluded: its coinbase is not the wallet's). */
    private static void catchUpWallet(ChainState node, WalletFiles.Opened w, long tip) throws IOException, DemoException {
        List<Hash256> main = node.mainChain();
        if (w.wallet().tipHeight() > tip || (w.wallet().tipHeight() > 0 && !w.wallet().tipHash().orElseThrow().equals(main.get(w.wallet().tipHeight())))) {
            throw new DemoException("a demo wallet has seen blocks this chain does not have; use a fresh --datadir");
        }
        int from = Math.max(1, w.wallet().tipHeight() + 1);
        for (int h = from; h <= tip; h++) {
            Block b = node.readBlock(main.get(h));
            w.wallet().connectBlock(h, main.get(h), b.transactions());
        }
        WalletFiles.save(w.wallet(), w.store());
    }

    private Generation generate(Path gguf, ModelWeights tipModel, PrintStream progress, List<String> notes) {
        String prompt = "ROMEO:";
        if (options.generateBytes() == 0) return new Generation(gguf, false, false, prompt, new byte[0], "disabled");
        try {
            ModelWeights loaded = GgmlGgufLoader.load(gguf);
            boolean same = loaded.bitEquals(tipModel);
            byte[] text = new TextGenerator(new GgmlEvaluator(options.threads()), 128)
                    .generate(loaded, prompt.getBytes(StandardCharsets.US_ASCII), options.generateBytes(), 0.8f, 1);
            progress.printf("demo: tip model %s opened with ggml's gguf reader; generated %d bytes%n", gguf, text.length);
            return new Generation(gguf, true, same, prompt, text, null);
        } catch (GgmlUnavailableException e) {
            notes.add("text generation skipped: ggml unavailable (" + e.getMessage() + ")");
            return new Generation(gguf, false, false, prompt, new byte[0], "ggml unavailable: " + e.getMessage());
        } catch (org.flowcoin.moe.gguf.GgufFormatException e) {
            notes.add("ggml's gguf reader rejected the tip model: " + e.getMessage());
            return new Generation(gguf, false, false, prompt, new byte[0], "gguf rejected: " + e.getMessage());
        }
    }

    private void checkPreset(Path d) throws IOException, DemoException {
        Path f = d.resolve("demo.properties");
        Properties p = new Properties();
        if (Files.exists(f)) {
            try (var in = Files.newInputStream(f)) {
                p.load(in);
            }
            String have = p.getProperty("preset", "");
            if (!have.equals(options.preset())) {
                throw new DemoException("data directory " + d + " holds a " + have + " chain, not " + options.preset() + "; use another --datadir");
            }
            return;
        }
        p.setProperty("preset", options.preset());
        try (var out = Files.newOutputStream(f)) {
            p.store(out, "flow demo");
        }
    }

    private static Ed25519PrivateKey loadOrCreateKey(Path f) throws IOException, DemoException {
        if (Files.exists(f)) {
            String hex = Files.readString(f, StandardCharsets.US_ASCII).trim();
            try {
                byte[] seed = HexFormat.of().parseHex(hex);
                if (seed.length != 32) throw new IllegalArgumentException("length");
                return Ed25519PrivateKey.fromSeed(seed);
            } catch (IllegalArgumentException e) {
                throw new DemoException("key file " + f + " is not a 32-byte hex seed");
            }
        }
        Ed25519PrivateKey k = Ed25519PrivateKey.generate(new SecureRandom());
        byte[] seed = k.seedBytes();
        byte[] text = (HexFormat.of().formatHex(seed) + "\n").getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(seed, (byte) 0);
        try {
            Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(f); // not a POSIX file system
        }
        Files.write(f, text);
        Arrays.fill(text, (byte) 0);
        return k;
    }

    /** Opens {@code wallets/<name>.wallet}, or creates it with a heartbeat policy whose recovery key is stored beside it. */
    private static WalletFiles.Opened openOrCreateWallet(Path d, String name, ChainParams chain) throws IOException, WalletFileException, DemoException {
        Path file = d.resolve("wallets").resolve(name + ".wallet");
        if (Files.exists(file)) return WalletFiles.open(file, WALLET_PASSPHRASE.clone());
        Ed25519PublicKey recovery = loadOrCreateKey(d.resolve("wallets").resolve(name + ".recovery")).publicKey();
        SecureRandom rnd = new SecureRandom();
        Wallet w = Wallet.generate(chain, new RecoveryPolicy.Heartbeat(recovery, RECOVERY_DELAY), rnd, InstantSource.system());
        var store = WalletFiles.create(file, w, WALLET_PASSPHRASE.clone(), KdfParams.INSECURE_FAST, rnd);
        return new WalletFiles.Opened(w, store);
    }

    /** A step of the demo failed; the message says which and why. */
    public static final class DemoException extends Exception {
        public DemoException(String message) {
            super(message);
        }

        public DemoException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
