package org.flowcoin.pot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.delta.Delta;
import org.flowcoin.moe.delta.DeltaApplyException;
import org.flowcoin.moe.delta.DeltaFormatException;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.block.BlockRules;
import org.flowcoin.primitives.block.Coinbase;
import org.flowcoin.primitives.consensus.Rule;
import org.flowcoin.primitives.consensus.Verdict;
import org.flowcoin.primitives.script.ScriptException;
import org.flowcoin.primitives.script.ScriptInterpreter;
import org.flowcoin.primitives.script.SigOps;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.TxRules;

/**
 * Full block validation (docs/spec/validation.md §2-§3), pure and I/O-free: it reads what it is
 * given (the parent's UTXO view, Bloom filter and model) and writes none of it. The result of a valid
 * block is a {@link Connection}: the UTXO changes, the Bloom bits, the new model and its root, which
 * the caller applies; a rejected block leaves nothing to undo.
 *
 * <p>Body rules run commitments first: the txid merkle root, then the witness root, the delta hash
 * and the training-data hash. A failure there means the body is not the one the header commits to
 * ({@link Verdict#mutated()}); once they hold, every byte of the body is committed and any later
 * failure condemns the header.
 *
 * <pre>{@code
 * Verdict body = BlockValidator.checkBody(block, chain);             // context-free
 * BlockValidator.Connection c = BlockValidator.connect(block, parentContext);
 * if (c.verdict().accepted()) { utxos.apply(c.utxo()); bloom.set(c.bloomBits()); ... }
 * }</pre>
 */
public final class BlockValidator {
    private BlockValidator() {}

    /**
     * What a child of one parent is validated against; nothing here is modified.
     *
     * @param params consensus parameters
     * @param medianTimePast MTP of the parent (TX-14)
     * @param utxos the parent's unspent outputs
     * @param bloom the parent's Bloom filter of training-data chunks
     * @param parentModel the parent's model weights
     * @param parentRoot the parent's model root tree (matching {@code parentModel})
     * @param validationSet V_h derived from the parent
     * @param parentLossBits the canonical loss bits of the grown parent model on V_h when already
     *     known (a cache per parent), else null; the same for every child of one parent
     * @param evaluator a canonical evaluator
     */
    public record ParentContext(PotParams params, long medianTimePast, UtxoView utxos, BloomFilter bloom, ModelWeights parentModel,
            ModelRoot parentRoot, ValidationSet validationSet, Integer parentLossBits, LossEvaluator evaluator) {
        public ParentContext {
            Objects.requireNonNull(params, "params");
            Objects.requireNonNull(utxos, "utxos");
            Objects.requireNonNull(bloom, "bloom");
            Objects.requireNonNull(parentModel, "parentModel");
            Objects.requireNonNull(parentRoot, "parentRoot");
            Objects.requireNonNull(validationSet, "validationSet");
            if (!evaluator.canonical()) throw new IllegalArgumentException("consensus needs a canonical evaluator, got " + evaluator.name());
        }
    }

    /**
     * The outcome of {@link #connect}. When accepted, every field is set; when rejected, only the
     * verdict and (if it was computed) {@code parentLossBits}.
     *
     * @param utxo the block's UTXO changes against the parent's view
     * @param bloomBits Bloom positions the block's chunks set (0 in the parent's filter)
     * @param delta the decoded delta
     * @param model the new model (a new object; the parent's is untouched)
     * @param root the new model's root tree
     * @param previous the grown parent's values at the delta's entries (undo data)
     * @param grew whether the model grew at this height
     * @param parentLossBits the recomputed loss bits of the grown parent (null if not reached)
     */
    public record Connection(Verdict verdict, UtxoChanges utxo, int[] bloomBits, Delta delta, ModelWeights model, ModelRoot root, float[] previous,
            boolean grew, Integer parentLossBits) {
        static Connection rejected(Verdict v, Integer parentLossBits) {
            return new Connection(v, null, null, null, null, null, null, false, parentLossBits);
        }
    }

    /** The outcome of {@link #checkTransactions}. */
    public record Spends(Verdict verdict, UtxoChanges utxo, long fees, int sigOps) {}

    // ---------------------------------------------------------------- context-free

    /**
     * Context-free body rules: {@link BlockRules#checkBody} (commitments first, so that a mutated body
     * is never mistaken for an invalid header), as a typed verdict.
     */
    public static Verdict checkBody(Block b, ChainParams chain) {
        return BlockRules.checkBody(b, chain);
    }

    // ---------------------------------------------------------------- transactions

    /**
     * TX-14, TX-10, TX-11, TX-15, BLK-12, TX-12 for every transaction in order, then BLK-10. Spends
     * see outputs created earlier in the block; {@code view} is only read.
     *
     * @param height the block's height
     * @param medianTimePast MTP of the parent
     */
    public static Spends checkTransactions(Block b, UtxoView view, long height, long medianTimePast, ChainParams chain) {
        List<Transaction> txs = b.transactions();
        UtxoChanges changes = new UtxoChanges(view);
        long fees = 0;
        int sigOps = 0;
        // Scripts run last, once the whole block's spends, values and signature budget hold: a block
        // over budget or spending a missing coin costs no signature verification.
        List<TxSpend> spends = new java.util.ArrayList<>();
        for (int i = 0; i < txs.size(); i++) {
            Transaction t = txs.get(i);
            if (!t.isCoinbase()) {
                TxSpend spend = spendInputs(t, "transaction " + i, changes, height, medianTimePast, chain, sigOps);
                if (!spend.verdict().accepted()) return new Spends(spend.verdict(), null, 0, 0);
                sigOps += spend.sigOps();
                fees += spend.fee();
                if (!Amounts.isValid(fees)) return spendFailure(Rule.TX_VALUE, "fees out of range");
                spends.add(spend);
            }
            Verdict created = createOutputs(t, "transaction " + i, changes, height);
            if (!created.accepted()) return new Spends(created, null, 0, 0);
        }
        long limit = chain.subsidy(height) + fees;
        long paid = txs.get(0).totalOutputSaturating();
        if (paid > limit) return spendFailure(Rule.BLK_COINBASE_VALUE, "coinbase pays " + paid + ", at most " + limit);
        for (TxSpend spend : spends) {
            Verdict v = spend.verifyScripts();
            if (!v.accepted()) return new Spends(v, null, 0, 0);
        }
        return new Spends(Verdict.accept(), changes, fees, sigOps);
    }

    /**
     * The spend of one non-coinbase transaction, for a block and for a memory pool alike: TX-14
     * (final at {@code height}), TX-10 (inputs exist and are unspent in {@code changes}, which they
     * are spent from), TX-11 (coinbase maturity), TX-15 (relative height locks), BLK-12 (signature
     * operations, counted on from {@code sigOpsBefore}) and TX-12 (inputs cover the outputs). The
     * scripts (TX-13) are only collected: {@link TxSpend#verifyScripts()} runs them, so a caller can
     * check everything cheap first.
     *
     * @param label how messages name the transaction, e.g. "transaction 3"
     */
    public static TxSpend spendInputs(Transaction t, String label, UtxoChanges changes, long height, long medianTimePast,
            ChainParams chain, int sigOpsBefore) {
        if (t.isCoinbase()) throw new IllegalArgumentException("a coinbase spends nothing");
        if (!TxRules.isFinal(t, height, medianTimePast)) return TxSpend.failure(Rule.TX_LOCKTIME, label + " is not final at height " + height);
        long in = 0;
        int sigOps = sigOpsBefore;
        SigHash sh = new SigHash(t, chain);
        List<ScriptCheck> scripts = new java.util.ArrayList<>(t.inputs().size());
        for (int k = 0; k < t.inputs().size(); k++) {
            TxInput input = t.inputs().get(k);
            Coin coin = changes.spend(input.prevout());
            if (coin == null) return TxSpend.failure(Rule.TX_MISSING_INPUT, label + " input " + k + " spends missing or spent " + input.prevout());
            if (!TxRules.matured(coin.coinbase(), coin.height(), height, chain)) {
                return TxSpend.failure(Rule.TX_IMMATURE, label + " spends a coinbase output of height " + coin.height() + " before maturity");
            }
            if (!TxRules.relativeLockSatisfied(input, coin.height(), height)) {
                return TxSpend.failure(Rule.TX_SEQUENCE_LOCK, label + " input " + k + " is locked until height " + (coin.height() + input.relativeHeightLock()));
            }
            // Counted before any signature is checked, so a block over budget costs no verification.
            sigOps += SigOps.ofInput(coin.output().script(), t.witness(k));
            if (sigOps > SigOps.MAX_BLOCK_SIGOPS) {
                return TxSpend.failure(Rule.BLK_SIGOPS, "more than " + SigOps.MAX_BLOCK_SIGOPS + " signature operations (" + label + " input " + k + ")");
            }
            in += coin.output().value();
            if (!Amounts.isValid(in)) return TxSpend.failure(Rule.TX_VALUE, label + " input total out of range");
            scripts.add(new ScriptCheck(label, k, t, coin.output(), sh));
        }
        long out = t.totalOutputSaturating();
        if (in < out) return TxSpend.failure(Rule.TX_VALUE, label + " spends " + in + " but pays " + out);
        return new TxSpend(Verdict.accept(), in - out, sigOps - sigOpsBefore, List.copyOf(scripts));
    }

    /**
     * Adds {@code t}'s spendable outputs to {@code changes} at {@code height} (BLK-13: an output that
     * already exists unspent is refused, never overwritten).
     */
    public static Verdict createOutputs(Transaction t, String label, UtxoChanges changes, long height) {
        for (int k = 0; k < t.outputs().size(); k++) {
            TxOutput o = t.outputs().get(k);
            if (o.script().isUnspendable()) continue;
            // Unique txids make a clash impossible on one chain; refuse rather than overwrite.
            if (!changes.create(new OutPoint(t.txid(), k), new Coin(o, height, t.isCoinbase()))) {
                return Verdict.reject(Rule.BLK_DUPLICATE_TX, label + " output " + k + " already exists unspent");
            }
        }
        return Verdict.accept();
    }

    /**
     * What {@link #spendInputs} found: the verdict, the fee, the signature operations of this
     * transaction alone, and its input scripts, still to run.
     */
    public record TxSpend(Verdict verdict, long fee, int sigOps, List<ScriptCheck> scripts) {
        static TxSpend failure(Rule r, String reason) {
            return new TxSpend(Verdict.reject(r, reason), 0, 0, List.of());
        }

        /** TX-13: runs every input script; the first failure, or acceptance. */
        public Verdict verifyScripts() {
            if (!verdict.accepted()) return verdict;
            for (ScriptCheck c : scripts) {
                try {
                    ScriptInterpreter.verifyInput(c.spent().script(), c.tx().witness(c.input()),
                            new ScriptInterpreter.Context(c.tx(), c.input(), c.spent().value(), c.sigHash(), ScriptInterpreter.immediateChecker()));
                } catch (ScriptException ex) {
                    return Verdict.reject(Rule.TX_SCRIPT, c.label() + " input " + c.input() + ": " + ex.getMessage());
                }
            }
            return Verdict.accept();
        }
    }

    /** One input script to run: the spending transaction, the input and the output it spends. */
    public record ScriptCheck(String label, int input, Transaction tx, TxOutput spent, SigHash sigHash) {}

    private static Spends spendFailure(Rule r, String reason) {
        return new Spends(Verdict.reject(r, reason), null, 0, 0);
    }

    // ---------------------------------------------------------------- delta

    /** DELTA-1..6 (decoding against the parameter count of dims(h)) and DELTA-7; the delta or the rejection. */
    public record DecodedDelta(Verdict verdict, Delta delta) {}

    public static DecodedDelta decodeDelta(Block b, ChainParams chain) {
        BlockHeader h = b.header();
        long paramCount = new ModelConfig(chain.growthSchedule().dimsAt(h.height())).layout().parameterCount();
        Delta delta;
        try {
            delta = Delta.decode(b.deltaPayload(), paramCount);
        } catch (DeltaFormatException ex) {
            return new DecodedDelta(Verdict.reject(deltaRule(ex.kind()), ex.getMessage()), null);
        }
        if (Integer.toUnsignedLong(h.sparseCount()) != delta.entryCount()) {
            return new DecodedDelta(Verdict.reject(Rule.DELTA_COUNT, "sparse_count " + Integer.toUnsignedString(h.sparseCount()) + ", delta has " + delta.entryCount() + " entries"), null);
        }
        return new DecodedDelta(Verdict.accept(), delta);
    }

    private static Rule deltaRule(DeltaFormatException.Kind k) {
        return switch (k) {
            case FRAME -> Rule.DELTA_FRAME;
            case SIZE -> Rule.DELTA_SIZE;
            case LAYOUT -> Rule.DELTA_LAYOUT;
            case INDEX -> Rule.DELTA_INDEX;
            case VALUE -> Rule.DELTA_VALUE;
            case FORM -> Rule.DELTA_FORM;
        };
    }

    // ---------------------------------------------------------------- everything

    /**
     * Every contextual rule of a child of the parent described by {@code ctx}, in the spec's order:
     * DATA-1..4, DELTA-1..7, VH-1, the transaction rules and BLK-10, DELTA-8/9, LOSS-1, LOSS-2,
     * BLK-9. Call {@link #checkBody} first (a body that fails it must not get here).
     */
    public static Connection connect(Block b, ParentContext ctx) {
        PotParams p = ctx.params();
        ChainParams chain = p.chain();
        BlockHeader h = b.header();
        long height = h.height();

        Verdict v = TrainingData.check(b.trainingData(), p, ctx.bloom());
        if (!v.accepted()) return Connection.rejected(v, null);
        DecodedDelta dd = decodeDelta(b, chain);
        if (!dd.verdict().accepted()) return Connection.rejected(dd.verdict(), null);
        Delta delta = dd.delta();
        ValidationSet vh = ctx.validationSet();
        if (!vh.hash().equals(h.datasetHash())) return Connection.rejected(Verdict.reject(Rule.VH_DATASET_HASH, "dataset_hash " + h.datasetHash() + ", V_h hashes to " + vh.hash()), null);

        Spends spends = checkTransactions(b, ctx.utxos(), height, ctx.medianTimePast(), chain);
        if (!spends.verdict().accepted()) return Connection.rejected(spends.verdict(), null);

        // The model: grow (a new object), or copy, so that the parent's weights are never written.
        boolean grew = ModelTransition.grows(chain, height);
        ModelWeights base = ModelTransition.grownParent(ctx.parentModel(), chain, height);
        ModelWeights model = base.copy();
        Delta.Applied applied;
        try {
            applied = delta.apply(model);
        } catch (DeltaApplyException ex) {
            return Connection.rejected(Verdict.reject(Rule.DELTA_NONFINITE, ex.getMessage()), null);
        }
        if (applied.changed() == 0) return Connection.rejected(Verdict.reject(Rule.DELTA_NOOP, "the delta changes no weight"), null);
        int prevBits = ctx.parentLossBits() != null ? ctx.parentLossBits() : Float.floatToRawIntBits(ctx.evaluator().meanLoss(base, vh.sequences()));
        if (prevBits != h.prevValLossBits()) {
            return Connection.rejected(Verdict.reject(Rule.LOSS_PREV, String.format("prev_val_loss %08x (%s), recomputed %08x (%s)", h.prevValLossBits(),
                    Float.intBitsToFloat(h.prevValLossBits()), prevBits, Float.intBitsToFloat(prevBits))), prevBits);
        }
        int valBits = Float.floatToRawIntBits(ctx.evaluator().meanLoss(model, vh.sequences()));
        if (valBits != h.valLossBits()) {
            return Connection.rejected(Verdict.reject(Rule.LOSS_VAL, String.format("val_loss %08x (%s), recomputed %08x (%s)", h.valLossBits(),
                    Float.intBitsToFloat(h.valLossBits()), valBits, Float.intBitsToFloat(valBits))), prevBits);
        }
        ModelRoot root;
        if (grew) {
            root = ModelRoot.of(model);
        } else {
            root = ctx.parentRoot().copy();
            root.update(model, delta);
        }
        Hash256 committed = Coinbase.commitment(b.transactions().get(0)).orElseThrow().modelRoot();
        if (!root.root().equals(committed)) {
            return Connection.rejected(Verdict.reject(Rule.BLK_MODEL_ROOT, "coinbase commits to model root " + committed + ", new model has " + root.root()), prevBits);
        }
        int[] bits = ctx.bloom().freshBits(TrainingData.chunkHashes(b.trainingData(), p.chunkSize()));
        return new Connection(Verdict.accept(), spends.utxo(), bits, delta, model, root, applied.previous(), grew, prevBits);
    }
}
