package org.flowcoin.pot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.delta.Delta;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.ModelDims;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.Coinbase;
import org.flowcoin.primitives.consensus.Rule;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.Witness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** One test per rule id of docs/spec/validation.md, each on a block that breaks only that rule. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuleCoverageTest {
    static final PotParams P = TestMiner.testParams();
    static final ChainParams C = P.chain();
    final Set<Rule> covered = EnumSet.noneOf(Rule.class);

    Path dir;
    ChainState cs;
    TestMiner m;
    List<Block> chain;
    TestMiner.Draft d; // valid draft at height 3

    @BeforeAll
    void setUp(@TempDir Path tmp) throws Exception {
        dir = tmp;
        cs = ChainState.open(dir, P, TestMiner.EVALUATOR, InstantSource.system());
        m = new TestMiner(P, 42);
        chain = ChainStateTest.mineChain(cs, m, 2);
        d = m.draft(cs);
    }

    @AfterAll
    void tearDown() {
        if (cs != null) cs.close();
        // every rule is triggered by some test of this class
        assertThat(EnumSet.complementOf(EnumSet.copyOf(covered))).isEmpty();
    }

    private void expect(TestMiner.Draft v, Rule rule) throws Exception {
        expect(m.finish(v).toByteArray(), rule);
    }

    private void expect(byte[] raw, Rule rule) throws Exception {
        ChainState.Result r = cs.submit(raw);
        assertThat(r.verdict().rule()).as("%s", r).isEqualTo(rule);
        if (rule.mutation()) {
            assertThat(r.status()).as("a mutation is not a judgement of the block").isEqualTo(ChainState.Status.MUTATED);
        } else {
            assertThat(r.status()).isIn(ChainState.Status.INVALID, ChainState.Status.ORPHAN);
        }
        assertThat(cs.tipHeight()).isEqualTo(2);
        covered.add(rule);
    }

    private Transaction spend(OutPoint op, long inValue, long outValue, int sequence, int lockTime, Ed25519PrivateKey signer) {
        byte[] pub = m.key.publicKey().toByteArray();
        Transaction t = new Transaction(1, List.of(new TxInput(op, sequence)), List.of(new TxOutput(outValue, Templates.payToKeyHash(pub))),
                lockTime, List.of(Witness.EMPTY));
        Script code = Templates.keyHashScriptCode(Templates.keyHash(pub));
        byte[] sig = Templates.sign(new SigHash(t, C), 0, code, inValue, signer);
        return t.withWitnesses(List.of(Witness.of(sig, pub)));
    }

    private OutPoint coinbaseOut(int block) {
        return new OutPoint(chain.get(block).transactions().get(0).txid(), 0);
    }

    private TestMiner.Draft with(java.util.function.Consumer<TestMiner.Draft> f) {
        TestMiner.Draft v = d.copy();
        f.accept(v);
        return v;
    }

    // ---------------------------------------------------------------- header

    @Test
    @Order(1)
    void headerRules() throws Exception {
        byte[] good = m.finish(d.copy()).toByteArray();
        byte[] badDims = good.clone();
        ByteBuffer.wrap(badDims).order(ByteOrder.LITTLE_ENDIAN).putInt(156, 65);
        expect(badDims, Rule.HDR_STRUCTURE);
        expect(with(v -> v.version = 2), Rule.HDR_VERSION);
        byte[] reserved = good.clone();
        reserved[180] = 1;
        expect(reserved, Rule.HDR_RESERVED);
        expect(with(v -> v.prev = Hash256.keccak256(new byte[] {1})), Rule.HDR_PREV);
        expect(with(v -> v.tweak = hb -> hb.height(4)), Rule.HDR_HEIGHT);
        expect(with(v -> v.time = C.genesisTimestamp()), Rule.HDR_TIME_MEDIAN);
        expect(with(v -> v.time = System.currentTimeMillis() / 1000 + 3 * 3600), Rule.HDR_TIME_FUTURE);
        expect(with(v -> v.nbits = 0x207ffffe), Rule.HDR_NBITS);
        expect(with(v -> v.tweak = hb -> hb.dims(new ModelDims(128, 2, 16, 2, 1, 16))), Rule.HDR_DIMS);
        expect(with(v -> v.valBits = 0), Rule.HDR_LOSS_RANGE);
        expect(with(v -> v.prevBits = 0x7fc00000), Rule.HDR_LOSS_RANGE);
        expect(with(v -> v.valBits = d.prevBits + 1), Rule.HDR_LOSS_ORDER);
        expect(with(v -> v.tweak = hb -> hb.stagnation(7)), Rule.HDR_STAGNATION);
        byte[] sig = good.clone();
        sig[300] ^= 1;
        expect(sig, Rule.HDR_SIGNATURE);
        expect(with(v -> v.failPow = true), Rule.HDR_POW);
    }

    // ---------------------------------------------------------------- block body

    @Test
    @Order(2)
    void blockRules() throws Exception {
        byte[] trailing = java.util.Arrays.copyOf(m.finish(d.copy()).toByteArray(), m.finish(d.copy()).serializedSize() + 1);
        expect(trailing, Rule.BLK_DECODE);
        Transaction cb2 = Coinbase.build(3, List.of(new TxOutput(1, Templates.payToKeyHash(m.key.publicKey().toByteArray()))),
                Hash256.ZERO, Hash256.ZERO, new byte[] {9}, List.of());
        expect(with(v -> v.extraTxs.add(cb2)), Rule.BLK_COINBASE_POSITION);
        Transaction fake = spend(new OutPoint(Hash256.keccak256(new byte[] {7}), 0), 10, 5, -1, 0, m.key);
        expect(with(v -> v.extraTxs.addAll(List.of(fake, fake))), Rule.BLK_DUPLICATE_TX);
        expect(with(v -> v.tweak = hb -> hb.merkleRoot(Hash256.ZERO)), Rule.BLK_MERKLE);
        expect(with(v -> v.extraTxs.addAll(List.of(bigTx(1), bigTx(2)))), Rule.BLK_WEIGHT);
        expect(with(v -> v.tweak = hb -> hb.trainingHash(Hash256.ZERO)), Rule.BLK_TRAINING_HASH);
        expect(with(v -> v.cbHeight = 4), Rule.BLK_COINBASE_HEIGHT);
        expect(with(v -> v.cbDataHash = Hash256.ZERO), Rule.BLK_DATA_COMMITMENT);
        expect(with(v -> v.modelRoot = Hash256.ZERO), Rule.BLK_MODEL_ROOT);
        expect(with(v -> v.cbValue = C.subsidy(3) + 1), Rule.BLK_COINBASE_VALUE);
    }

    /** A transaction of about 600 KB base size (weight about 2.4 M), spending a made-up output. */
    private Transaction bigTx(int salt) {
        return bigTx(salt, 60);
    }

    private Transaction bigTx(int salt, int outputs) {
        List<TxOutput> outs = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            byte[] s = new byte[9_990];
            s[0] = (byte) salt;
            outs.add(new TxOutput(0, Script.of(s)));
        }
        return new Transaction(1, List.of(new TxInput(new OutPoint(Hash256.keccak256(new byte[] {(byte) salt}), 0), -1)), outs, 0, List.of(Witness.EMPTY));
    }

    // ---------------------------------------------------------------- transactions

    @Test
    @Order(3)
    void transactionRules() throws Exception {
        OutPoint c1 = coinbaseOut(0), c2 = coinbaseOut(1);
        long v1 = C.subsidy(1);
        Transaction dupIn = new Transaction(1, List.of(new TxInput(c1, -1), new TxInput(c1, -1)),
                List.of(new TxOutput(1, Templates.payToKeyHash(m.key.publicKey().toByteArray()))), 0, List.of(Witness.EMPTY, Witness.EMPTY));
        expect(with(v -> v.extraTxs.add(dupIn)), Rule.TX_DUPLICATE_INPUT);
        expect(with(v -> v.extraTxs.add(new Transaction(1, List.of(), List.of(new TxOutput(1, Templates.payToKeyHash(m.key.publicKey().toByteArray()))), 0, List.of()))), Rule.TX_NO_INPUTS);
        expect(with(v -> v.extraTxs.add(new Transaction(1, List.of(new TxInput(c1, -1)), List.of(), 0, List.of(Witness.EMPTY)))), Rule.TX_NO_OUTPUTS);
        TxOutput max = new TxOutput(org.flowcoin.primitives.Amounts.MAX_MONEY, Templates.payToKeyHash(m.key.publicKey().toByteArray()));
        expect(with(v -> v.extraTxs.add(new Transaction(1, List.of(new TxInput(c1, -1)), List.of(max, max), 0, List.of(Witness.EMPTY)))),
                Rule.TX_OUTPUT_RANGE);
        expect(with(v -> v.cbTweak = cb -> new Transaction(cb.version(), cb.inputs(), cb.outputs(), cb.lockTime() + 1, cb.witnesses())),
                Rule.TX_COINBASE_SHAPE);
        Transaction nullPrevout = new Transaction(1, List.of(new TxInput(c1, -1), new TxInput(OutPoint.NULL, -1)),
                List.of(new TxOutput(1, Templates.payToKeyHash(m.key.publicKey().toByteArray()))), 0, List.of(Witness.EMPTY, Witness.EMPTY));
        expect(with(v -> v.extraTxs.add(nullPrevout)), Rule.TX_NULL_PREVOUT);
        Transaction sixtyFour = new Transaction(1, List.of(new TxInput(c1, -1)), List.of(new TxOutput(1, Script.of(new byte[5]))), 0,
                List.of(Witness.EMPTY));
        assertThat(sixtyFour.baseSize()).isEqualTo(64);
        expect(with(v -> v.extraTxs.add(sixtyFour)), Rule.TX_SIZE_64);
        Transaction heavy = bigTx(3, 110);
        assertThat(heavy.weight()).isGreaterThan(C.maxBlockWeight());
        expect(with(v -> v.extraTxs.add(heavy)), Rule.TX_WEIGHT);
        expect(with(v -> v.extraTxs.add(spend(c1, v1, 1, 0x0040_0001, 0, m.key))), Rule.TX_TIME_RELATIVE_LOCK);
        expect(with(v -> v.extraTxs.add(spend(new OutPoint(Hash256.ZERO, 5), 10, 5, -1, 0, m.key))), Rule.TX_MISSING_INPUT);
        expect(with(v -> v.extraTxs.add(spend(c2, C.subsidy(2), 1, -1, 0, m.key))), Rule.TX_IMMATURE);
        expect(with(v -> v.extraTxs.add(spend(c1, v1, v1 + 1, -1, 0, m.key))), Rule.TX_VALUE);
        Ed25519PrivateKey other = Ed25519PrivateKey.fromSeed(new byte[32]);
        expect(with(v -> v.extraTxs.add(spend(c1, v1, 1, -1, 0, other))), Rule.TX_SCRIPT);
        expect(with(v -> v.extraTxs.add(spend(c1, v1, 1, 0, 100, m.key))), Rule.TX_LOCKTIME);
        expect(with(v -> v.extraTxs.add(spend(c1, v1, 1, 5, 0, m.key))), Rule.TX_SEQUENCE_LOCK);
        // spending the same coin twice in one block
        Transaction a = spend(c1, v1, 1, -1, 0, m.key), b = spend(c1, v1, 2, -1, 0, m.key);
        expect(with(v -> v.extraTxs.addAll(List.of(a, b))), Rule.TX_MISSING_INPUT);
    }

    @Test
    @Order(6)
    void witnessCommitmentAndSigOpBudget() throws Exception {
        OutPoint c1 = coinbaseOut(0);
        long v1 = C.subsidy(1);
        // BLK-11: a valid block whose spend has one signature bit flipped keeps its hash but not its witness root
        Block good = m.finish(with(v -> v.extraTxs.add(spend(c1, v1, v1 - 1000, -1, 0, m.key))));
        Block flipped = ConsensusRegressionTest.withWitness(good, 1, ConsensusRegressionTest.flipFirstBit(good.transactions().get(1).witness(0)));
        assertThat(flipped.hash()).isEqualTo(good.hash());
        expect(flipped.toByteArray(), Rule.BLK_WITNESS_COMMITMENT);
        // BLK-12: 20 inputs spending a script of 201 unpreceded CHECKMULTISIGs (20 each, statically) = 80,400 > 80,000
        byte[] heavy = new byte[201];
        java.util.Arrays.fill(heavy, (byte) org.flowcoin.primitives.script.Opcodes.OP_CHECKMULTISIG);
        Script heavyScript = Script.of(heavy);
        assertThat(org.flowcoin.primitives.script.SigOps.count(heavyScript)).isEqualTo(4020);
        List<TxOutput> outs = new ArrayList<>();
        for (int i = 0; i < 20; i++) outs.add(new TxOutput(1000, Templates.payToScriptHash(heavyScript)));
        byte[] pub = m.key.publicKey().toByteArray();
        Transaction fan = new Transaction(1, List.of(new TxInput(c1, -1)), outs, 0, List.of(Witness.EMPTY));
        byte[] sig = Templates.sign(new SigHash(fan, C), 0, Templates.keyHashScriptCode(Templates.keyHash(pub)), v1, m.key);
        Transaction fanOut = fan.withWitnesses(List.of(Witness.of(sig, pub)));
        for (int n : new int[] {19, 20}) {
            List<TxInput> ins = new ArrayList<>();
            List<Witness> ws = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ins.add(new TxInput(new OutPoint(fanOut.txid(), i), -1));
                ws.add(Witness.of(heavy));
            }
            Transaction sink = new Transaction(1, ins, List.of(new TxOutput(1, Templates.payToKeyHash(pub))), 0, ws);
            TestMiner.Draft v = with(x -> x.extraTxs.addAll(List.of(fanOut, sink)));
            if (n == 19) {
                // within the budget: the scripts run (and fail), so the budget did not refuse it
                expect(v, Rule.TX_SCRIPT);
            } else {
                expect(v, Rule.BLK_SIGOPS);
            }
        }
    }

    // ---------------------------------------------------------------- delta

    @Test
    @Order(4)
    void deltaRules() throws Exception {
        long p = d.newWeights.layout().parameterCount();
        int one = Float.floatToIntBits(0.01f);
        expect(with(v -> v.deltaPayload = new byte[] {1, 2, 3, 4, 5, 6}), Rule.DELTA_FRAME);
        expect(with(v -> v.deltaPayload = Frames.raw(new byte[(int) (9 + 4 * p + 1)])), Rule.DELTA_SIZE);
        expect(with(v -> v.deltaPayload = Frames.raw(new byte[] {3, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3})), Rule.DELTA_LAYOUT);
        expect(with(v -> v.deltaPayload = Frames.raw(Frames.sparse(2, new long[] {9, 3}, new int[] {one, one}))), Rule.DELTA_INDEX);
        expect(with(v -> v.deltaPayload = Frames.raw(Frames.sparse(1, new long[] {3}, new int[] {0}))), Rule.DELTA_VALUE);
        ByteBuffer dense = ByteBuffer.allocate((int) (9 + 4 * p)).order(ByteOrder.LITTLE_ENDIAN);
        dense.put((byte) 2).putLong(p).putInt(one);
        expect(with(v -> v.deltaPayload = Frames.raw(dense.array())), Rule.DELTA_FORM);
        expect(with(v -> v.sparseCount = d.sparseCount + 1), Rule.DELTA_COUNT);
        ModelWeights w = cs.weightsCopy();
        long idx = 0;
        while (Math.abs(w.get(idx)) < 1e-3f) idx++;
        long at = idx;
        expect(with(v -> v.setDelta(Delta.of(p, new long[] {at}, new float[] {1e-30f}))), Rule.DELTA_NOOP);
    }

    // ---------------------------------------------------------------- data, V_h

    @Test
    @Order(5)
    void dataAndValidationSetRules() throws Exception {
        expect(with(v -> v.data = m.text(100)), Rule.DATA_SIZE);
        expect(with(v -> v.data = chain.get(1).trainingData()), Rule.DATA_DUPLICATE);
        byte[] half = m.text(256);
        byte[] twice = new byte[512];
        System.arraycopy(half, 0, twice, 0, 256);
        System.arraycopy(half, 0, twice, 256, 256);
        expect(with(v -> v.data = twice), Rule.DATA_DUPLICATE);
        byte[] binary = new byte[512];
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < binary.length; i++) binary[i] = (byte) (r.nextBoolean() ? 'a' : 'b');
        expect(with(v -> v.data = binary), Rule.DATA_ENTROPY);
        byte[] cyclic = new byte[512];
        for (int i = 0; i < cyclic.length; i++) cyclic[i] = (byte) (0x30 + (i + i / 256) % 64);
        expect(with(v -> v.data = cyclic), Rule.DATA_REPETITION);
        expect(with(v -> v.datasetHash = Hash256.ZERO), Rule.VH_DATASET_HASH);
    }

    // ---------------------------------------------------------------- losses, then a valid spend, then DELTA-8

    @Test
    @Order(90)
    void lossRules() throws Exception {
        expect(with(v -> v.valBits = d.valBits - 1), Rule.LOSS_VAL);
        expect(with(v -> v.prevBits = d.prevBits + 1), Rule.LOSS_PREV);
    }

    @Test
    @Order(95)
    void validSpendConnectsAndPaysFees() throws Exception {
        OutPoint c1 = coinbaseOut(0);
        long v1 = C.subsidy(1);
        Transaction t = spend(c1, v1, v1 - 1000, -1, 0, m.key);
        TestMiner.Draft v = with(x -> {
            x.extraTxs.add(t);
            x.cbValue = C.subsidy(3) + 1000;
        });
        assertThat(cs.submit(m.finish(v)).status()).isEqualTo(ChainState.Status.CONNECTED);
        assertThat(cs.utxos().get(c1)).isEmpty();
        assertThat(cs.utxos().get(new OutPoint(t.txid(), 0))).isPresent();
    }

    @Test
    @Order(99)
    void nonFiniteResultIsRejected() throws Exception {
        // A chain whose stored model holds a huge weight (written into the model file directly).
        cs.close();
        Path model = dir.resolve("models").resolve("genesis.bin");
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(model)).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(0, 3e38f);
        Files.write(model, b.array());
        cs = ChainState.open(dir, P, TestMiner.EVALUATOR, InstantSource.system());
        TestMiner.Draft v = m.draft(cs);
        long p = v.newWeights.layout().parameterCount();
        v.setDelta(Delta.of(p, new long[] {0}, new float[] {3e38f}));
        v.valBits = v.prevBits = Float.floatToIntBits(5f); // the loss of this model is not finite; DELTA-8 is checked first
        ChainState.Result r = cs.submit(m.finish(v));
        assertThat(r.verdict().rule()).isEqualTo(Rule.DELTA_NONFINITE);
        covered.add(Rule.DELTA_NONFINITE);
    }
}
