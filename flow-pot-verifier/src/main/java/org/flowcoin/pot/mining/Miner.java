package org.flowcoin.pot.mining;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.train.DeltaBuilder;
import org.flowcoin.moe.train.Trainer;
import org.flowcoin.pot.ModelRoot;
import org.flowcoin.pot.ModelTransition;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.Coinbase;
import org.flowcoin.primitives.block.HeaderBuilder;
import org.flowcoin.primitives.consensus.HeaderValidator;
import org.flowcoin.primitives.pow.CompactTarget;
import org.flowcoin.primitives.pow.Difficulty;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxOutput;

/**
 * The Proof-of-Training miner (docs/training.md, "Mining loop"). Starting from the tip's model
 * grown to the child's dims, it repeats: train -> delta (top-k of trained minus tip, within the
 * chain's delta limit) -> apply -> canonical loss of the applied weights and of the grown parent on
 * V_h with the <em>reference</em> evaluator -> when the loss did not rise, a header paying the key
 * (boost from the two losses, nbits from the tip) and a nonce search against the effective target.
 * Every candidate delta gets its hash check. Cancel with {@link #cancel()} or by interrupting the
 * mining thread.
 *
 * <pre>{@code
 * Miner miner = new Miner(MinerConfig.defaults(InstantSource.system()));
 * Optional<MiningResult> r = miner.mine(MiningTip.of(chainState), payload, key, p -> System.err.println(p));
 * r.ifPresent(m -> chainState.submit(m.block()));
 * }</pre>
 */
public final class Miner {
    private final MinerConfig config;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public Miner(MinerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Asks a running {@link #mine} to stop after its current step (it then returns empty). */
    public void cancel() {
        cancelled.set(true);
    }

    /**
     * Mines one block on {@code tip} with {@code payload} as the block's training data (and the
     * data trained on).
     *
     * @return the block, or empty when cancelled, interrupted, or out of steps
     */
    public Optional<MiningResult> mine(MiningTip tip, byte[] payload, Ed25519PrivateKey key, Consumer<MiningProgress> progress) {
        Objects.requireNonNull(key, "key");
        return mine(tip, payload, key, Templates.payToKeyHash(key.publicKey().toByteArray()), List.of(), 0, progress);
    }

    /**
     * As {@link #mine(MiningTip, byte[], Ed25519PrivateKey, Consumer)}, with the coinbase paying
     * {@code subsidy + fees} to {@code payout} (for example a wallet's address script) and
     * {@code txs} placed after the coinbase. The caller vouches that {@code txs} are valid on the
     * tip in this order and that {@code fees} is exactly their total fee; the chain state rejects
     * the block otherwise.
     */
    public Optional<MiningResult> mine(MiningTip tip, byte[] payload, Ed25519PrivateKey key, Script payout, List<Transaction> txs, long fees,
                                       Consumer<MiningProgress> progress) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payout, "payout");
        List<Transaction> extraTxs = List.copyOf(txs);
        if (fees < 0) throw new IllegalArgumentException("fees must be >= 0");
        Consumer<MiningProgress> listener = progress != null ? progress : p -> {};
        cancelled.set(false);
        ChainParams chain = tip.params().chain();
        long height = tip.height();
        if (payload.length < 2) throw new IllegalArgumentException("training data too short");
        ModelWeights base = ModelTransition.grownParent(tip.parentWeights(), chain, height);
        if (base == tip.parentWeights()) base = base.copy();
        List<byte[]> vh = tip.validationSet().sequences();
        LossEvaluator ref = Evaluators.best(config.evalThreads()); // canonical: the reference's bits
        float prevLoss = ref.meanLoss(base, vh);
        int prevBits = Float.floatToRawIntBits(prevLoss);
        if (!Difficulty.positiveFinite(prevBits)) throw new IllegalStateException("parent loss is not finite and positive: " + prevLoss);
        BigInteger target = CompactTarget.toTarget(tip.nbits());
        byte[] pub = key.publicKey().toByteArray();
        Hash256 dataHash = Hash256.keccak256(payload);
        SplittableRandom rnd = new SplittableRandom(config.train().seed());
        ModelWeights trained = ModelWeights.zeros(base.config());
        long steps = 0, hashes = 0, candidates = 0, tokens = 0;
        int bestBoost = -1;
        long t0 = config.clock().millis();
        try (Trainer trainer = new Trainer(base, config.train())) {
            while (steps < config.maxSteps()) {
                if (cancelled.get() || Thread.currentThread().isInterrupted()) return Optional.empty();
                Trainer.StepStats st = null;
                for (int i = 0; i < config.stepsPerCandidate() && steps < config.maxSteps(); i++) {
                    st = trainer.step(payload, rnd);
                    steps++;
                    tokens += st.tokens();
                }
                trainer.copyWeightsInto(trained);
                Optional<DeltaBuilder.Result> built = DeltaBuilder.build(base, trained, chain.maxDeltaBytes(), config.maxDeltaEntries());
                if (built.isEmpty()) continue;
                DeltaBuilder.Result dr = built.get();
                candidates++;
                float val = ref.meanLoss(dr.applied(), vh);
                int valBits = Float.floatToRawIntBits(val);
                boolean useful = Difficulty.positiveFinite(valBits) && HeaderValidator.lossOrderHolds(chain, prevBits, valBits);
                Block found = null;
                int boost = 0;
                if (useful) {
                    boost = chain.boost(prevBits, valBits);
                    bestBoost = Math.max(bestBoost, boost);
                    BigInteger eff = Difficulty.effectiveTarget(target, boost, chain.powLimit());
                    long[] tried = {0};
                    found = candidateBlock(tip, dr, payload, dataHash, valBits, prevBits, pub, key, eff, tried, candidates, payout, extraTxs, fees);
                    hashes += tried[0];
                }
                double secs = (config.clock().millis() - t0) / 1e3;
                listener.accept(new MiningProgress(steps, st == null ? Float.NaN : st.loss(), val, prevLoss, candidates, hashes,
                        Math.max(0, bestBoost), secs > 0 ? tokens / secs : 0, dr.payload().length));
                if (found != null) {
                    return Optional.of(new MiningResult(found, dr.applied(), dr, val, prevLoss, boost, steps, hashes));
                }
            }
        } catch (IllegalStateException e) {
            if (Thread.currentThread().isInterrupted()) return Optional.empty();
            throw e;
        }
        return Optional.empty();
    }


    /** Builds the block of one candidate and grinds its nonce; null when no nonce in the budget meets the target. */
    private Block candidateBlock(MiningTip tip, DeltaBuilder.Result dr, byte[] payload, Hash256 dataHash, int valBits, int prevBits,
                                 byte[] pub, Ed25519PrivateKey key, BigInteger eff, long[] tried, long candidate,
                                 Script payout, List<Transaction> extraTxs, long fees) {
        ChainParams chain = tip.params().chain();
        long height = tip.height();
        Hash256 root = ModelRoot.compute(dr.applied());
        byte[] extra = java.nio.ByteBuffer.allocate(8).putLong(candidate).array();
        Transaction cb = Coinbase.build(height, List.of(new TxOutput(chain.subsidy(height) + fees, payout)), dataHash, root, extra, extraTxs);
        List<Transaction> txs = new ArrayList<>();
        txs.add(cb);
        txs.addAll(extraTxs);
        long time = Math.max(tip.medianTimePast() + 1, config.clock().instant().getEpochSecond());
        HeaderBuilder hb = new HeaderBuilder().prevHash(tip.parent().hash()).datasetHash(tip.validationSet().hash()).height(height)
                .timestamp(time).nbits(tip.nbits()).valLossBits(valBits).prevValLossBits(prevBits)
                .dims(chain.growthSchedule().dimsAt(height)).stagnation(HeaderValidator.expectedStagnation(tip.parent(), valBits, prevBits))
                .version(1).minerPubkey(pub);
        Block.prepareHeader(hb, txs, dr.payload());
        hb.sparseCount((int) dr.delta().entryCount());
        hb.sparseThresholdBits(Float.floatToRawIntBits(dr.cutoff()));
        byte[] buf = hb.unsignedBuffer();
        for (long n = 0; n < config.noncesPerCandidate(); n++) {
            if ((n & 0xffff) == 0xffff && (cancelled.get() || Thread.currentThread().isInterrupted())) return null;
            HeaderBuilder.setNonce(buf, (int) n);
            tried[0]++;
            if (Hash256.of(HeaderBuilder.hashOf(buf)).toUnsignedLittleEndian().compareTo(eff) <= 0) {
                hb.nonce((int) n);
                return new Block(hb.sign(key), txs, dr.payload(), payload);
            }
        }
        return null;
    }
}
