package org.flowcoin.pot;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.delta.Delta;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.block.Coinbase;
import org.flowcoin.primitives.block.HeaderBuilder;
import org.flowcoin.primitives.consensus.HeaderValidator;
import org.flowcoin.primitives.pow.CompactTarget;
import org.flowcoin.primitives.pow.Difficulty;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.Witness;

/**
 * A minimal miner for tests: random sparse perturbations until the loss does not increase, then a
 * header ground to the effective target. Every field is exposed in a {@link Draft} so tests can
 * break exactly one rule.
 */
final class TestMiner {
    static final LossEvaluator EVALUATOR = Evaluators.reference(2);

    final PotParams params;
    final ChainParams chain;
    final Ed25519PrivateKey key;
    final Random random;

    TestMiner(PotParams params, long seed) {
        this.params = params;
        this.chain = params.chain();
        this.random = new Random(seed);
        byte[] s = new byte[32];
        random.nextBytes(s);
        this.key = Ed25519PrivateKey.fromSeed(s);
    }

    /** Regtest with coinbase maturity 2 so spending tests need few blocks (same genesis). */
    static PotParams testParams() {
        ChainParams r = ChainParams.regtest();
        ChainParams c = new ChainParams(r.name(), r.magic(), r.defaultPort(), r.hrp(), r.powLimitBits(), r.retargeting(), r.retargetInterval(),
                r.targetSpacing(), r.initialSubsidy(), r.halvingInterval(), 2, r.maxBlockWeight(), r.maxDeltaBytes(), r.maxTrainingDataBytes(),
                r.growthSchedule(), r.boostK(), r.maxBoost(), r.profile(), r.resonanceMarginBits(), r.genesisTimestamp(), r.genesisMessage(),
                r.genesisNonce());
        return PotParams.forChain(c);
    }

    /** Everything that goes into a block; tests change fields before {@link #finish}. */
    static final class Draft {
        Hash256 prev;
        long height;
        long time;
        int nbits;
        int version = 1;
        byte[] data;
        byte[] deltaPayload;
        Delta delta;
        int sparseCount;
        int valBits;
        int prevBits;
        Hash256 datasetHash;
        Hash256 modelRoot;
        long cbHeight;
        long cbValue;
        Hash256 cbDataHash;
        List<Transaction> extraTxs = new ArrayList<>();
        ModelWeights newWeights;
        BlockHeader parent;
        Consumer<HeaderBuilder> tweak = hb -> {};
        java.util.function.UnaryOperator<Transaction> cbTweak = cb -> cb;
        boolean grind = true;
        boolean failPow = false;

        Draft copy() {
            Draft d = new Draft();
            d.prev = prev; d.height = height; d.time = time; d.nbits = nbits; d.version = version; d.data = data.clone();
            d.deltaPayload = deltaPayload.clone(); d.delta = delta; d.sparseCount = sparseCount; d.valBits = valBits; d.prevBits = prevBits;
            d.datasetHash = datasetHash; d.modelRoot = modelRoot; d.cbHeight = cbHeight; d.cbValue = cbValue; d.cbDataHash = cbDataHash;
            d.extraTxs = new ArrayList<>(extraTxs); d.newWeights = newWeights; d.parent = parent; d.tweak = tweak; d.cbTweak = cbTweak; d.grind = grind; d.failPow = failPow;
            return d;
        }

        void setDelta(Delta d) {
            delta = d;
            deltaPayload = d.encode();
            sparseCount = (int) d.entryCount();
        }
    }

    /** Training text: random pseudo-words (about 4.3 bits per byte, almost no repeated 4-grams). */
    byte[] text(int length) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            int n = 2 + random.nextInt(7);
            for (int i = 0; i < n; i++) sb.append((char) ('a' + random.nextInt(26)));
            sb.append(random.nextInt(9) == 0 ? ". " : " ");
        }
        return sb.substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }

    /** A valid draft for a child of the tip of {@code cs}. */
    Draft draft(ChainState cs) {
        Draft d = new Draft();
        BlockHeader parent = cs.tipHeader();
        d.parent = parent;
        d.prev = parent.hash();
        d.height = parent.height() + 1;
        HeaderValidator.Context ctx = cs.headerContext(d.prev);
        d.time = Math.max(parent.timestamp(), ctx.medianTimePast()) + 600;
        d.nbits = ctx.expectedNbits();
        d.data = text(512);
        ModelWeights base = ModelTransition.grownParent(cs.weightsCopy(), chain, d.height);
        ValidationSet vh = cs.validationSet(d.prev);
        d.datasetHash = vh.hash();
        float prevLoss = EVALUATOR.meanLoss(base, vh.sequences());
        d.prevBits = Float.floatToRawIntBits(prevLoss);
        long p = base.layout().parameterCount();
        for (int attempt = 0; ; attempt++) {
            if (attempt > 200) throw new IllegalStateException("no improving delta found");
            long[] idx = random.longs(0, p).distinct().limit(24).sorted().toArray();
            float[] val = new float[idx.length];
            for (int i = 0; i < val.length; i++) val[i] = (float) (random.nextGaussian() * 0.02);
            for (int sign : new int[] {1, -1}) {
                float[] v = val.clone();
                for (int i = 0; i < v.length; i++) v[i] *= sign;
                Delta delta = Delta.of(p, idx, v);
                ModelWeights cand = base.copy();
                delta.apply(cand);
                float loss = EVALUATOR.meanLoss(cand, vh.sequences());
                if (Float.floatToRawIntBits(loss) <= d.prevBits) {
                    d.setDelta(delta);
                    d.valBits = Float.floatToRawIntBits(loss);
                    d.newWeights = cand;
                    d.modelRoot = ModelRoot.compute(cand);
                    d.cbHeight = d.height;
                    d.cbValue = chain.subsidy(d.height);
                    return d;
                }
            }
        }
    }

    Block finish(Draft d) {
        Transaction cb = Coinbase.build(d.cbHeight, List.of(new TxOutput(d.cbValue, Templates.payToKeyHash(key.publicKey().toByteArray()))),
                d.cbDataHash != null ? d.cbDataHash : Hash256.keccak256(d.data), d.modelRoot, new byte[] {(byte) random.nextInt(256)}, d.extraTxs);
        cb = d.cbTweak.apply(cb);
        List<Transaction> txs = new ArrayList<>();
        txs.add(cb);
        txs.addAll(d.extraTxs);
        int stagnation = HeaderValidator.expectedStagnation(d.parent, d.valBits, d.prevBits);
        HeaderBuilder hb = new HeaderBuilder().prevHash(d.prev).datasetHash(d.datasetHash).height(d.height).timestamp(d.time).nbits(d.nbits)
                .valLossBits(d.valBits).prevValLossBits(d.prevBits).dims(chain.growthSchedule().dimsAt(d.height)).stagnation(stagnation)
                .version(d.version).minerPubkey(key.publicKey().toByteArray());
        Block.prepareHeader(hb, txs, d.deltaPayload);
        hb.sparseCount(d.sparseCount);
        d.tweak.accept(hb);
        if (d.grind) {
            BigInteger eff = effectiveTarget(d);
            byte[] buf = hb.unsignedBuffer();
            for (int n = 0; ; n++) {
                HeaderBuilder.setNonce(buf, n);
                boolean ok = Hash256.of(HeaderBuilder.hashOf(buf)).toUnsignedLittleEndian().compareTo(eff) <= 0;
                if (ok != d.failPow) {
                    hb.nonce(n);
                    break;
                }
            }
        }
        return new Block(hb.sign(key), txs, d.deltaPayload, d.data);
    }

    private BigInteger effectiveTarget(Draft d) {
        int boost = Difficulty.positiveFinite(d.valBits) && Difficulty.positiveFinite(d.prevBits) ? chain.boost(d.prevBits, d.valBits) : 0;
        return Difficulty.effectiveTarget(CompactTarget.toTarget(d.nbits), boost, chain.powLimit());
    }

    /** A transaction spending {@code op} (paid to this miner's key, worth {@code inValue}) to this miner's key. */
    Transaction spend(OutPoint op, long inValue, long outValue) {
        byte[] pub = key.publicKey().toByteArray();
        Transaction t = new Transaction(1, List.of(new TxInput(op, -1)), List.of(new TxOutput(outValue, Templates.payToKeyHash(pub))), 0,
                List.of(Witness.EMPTY));
        Script code = Templates.keyHashScriptCode(Templates.keyHash(pub));
        byte[] sig = Templates.sign(new SigHash(t, chain), 0, code, inValue, key);
        return t.withWitnesses(List.of(Witness.of(sig, pub)));
    }

    Block mine(ChainState cs) {
        return finish(draft(cs));
    }

    static long subsidyPlus(ChainParams c, long height, long fees) {
        return Amounts.add(c.subsidy(height), fees);
    }
}
