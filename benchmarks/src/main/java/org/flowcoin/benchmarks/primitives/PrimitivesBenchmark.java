package org.flowcoin.benchmarks.primitives;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.block.Coinbase;
import org.flowcoin.primitives.block.HeaderBuilder;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.ScriptException;
import org.flowcoin.primitives.script.ScriptInterpreter;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.Witness;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * flow-primitives hot paths: header decode + block hash, decode of a ~1 MB block of key-hash spends,
 * and script verification of one key-hash spend (signature hash + Ed25519 verify).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PrimitivesBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PrimitivesBenchmark {
    private final ChainParams params = ChainParams.regtest();
    private byte[] header;
    private byte[] block;
    private int blockTxs;
    private Transaction spend;
    private Script lock;
    private long value;

    private static Ed25519PrivateKey key(String label) {
        return Ed25519PrivateKey.fromSeed(Keccak.keccak256(label.getBytes(StandardCharsets.US_ASCII)));
    }

    @Setup
    public void setup() {
        Ed25519PrivateKey k1 = key("bench key 1");
        byte[] pub1 = k1.publicKey().toByteArray();
        byte[] pub2 = key("bench key 2").publicKey().toByteArray();
        lock = Templates.payToKeyHash(pub1);
        value = 10 * Amounts.COIN;
        Transaction unsigned = new Transaction(1, List.of(new TxInput(new OutPoint(Hash256.keccak256(new byte[1]), 0), -1)),
                List.of(new TxOutput(value - 1000, Templates.payToKeyHash(pub2))), 0, List.of(Witness.EMPTY));
        byte[] sig = Templates.sign(new SigHash(unsigned, params), 0, Templates.keyHashScriptCode(Templates.keyHash(pub1)), value, k1);
        spend = unsigned.withWitnesses(List.of(Witness.of(sig, pub1)));

        // ~1 MB of distinct one-in/one-out key-hash spends (witness bytes copied from the signed spend).
        List<Transaction> txs = new ArrayList<>();
        int size = 0;
        for (int i = 0; size < 1_000_000; i++) {
            Transaction t = new Transaction(1, List.of(new TxInput(new OutPoint(Hash256.keccak256(new byte[1]), i), -1)),
                    spend.outputs(), 0, spend.witnesses());
            txs.add(t);
            size += t.serializedSize();
        }
        txs.add(0, Coinbase.build(1, List.of(new TxOutput(params.subsidy(1), lock)), Hash256.ZERO, Hash256.ZERO, new byte[0], List.copyOf(txs)));
        blockTxs = txs.size();
        HeaderBuilder hb = new HeaderBuilder().height(1).nbits(params.powLimitBits()).dims(params.growthSchedule().dimsAt(1)).minerPubkey(pub1);
        byte[] delta = new byte[16];
        Block.prepareHeader(hb, txs, delta);
        Block b = new Block(hb.sign(k1), txs, delta, new byte[0]);
        block = b.toByteArray();
        header = b.header().toByteArray();
    }

    @Benchmark
    public Hash256 headerDecodeAndHash() {
        return BlockHeader.fromBytes(header).hash();
    }

    @Benchmark
    public Block blockDecode1MB() {
        return Block.fromBytes(block, params);
    }

    @Benchmark
    public Hash256 blockDecodeAndTxids1MB() {
        Block b = Block.fromBytes(block, params);
        Hash256 last = null;
        for (Transaction t : b.transactions()) last = t.txid();
        return last;
    }

    @Benchmark
    public boolean verifyKeyHashSpend() throws ScriptException {
        ScriptInterpreter.verifyInput(lock, spend.witness(0),
                new ScriptInterpreter.Context(spend, 0, value, new SigHash(spend, params), ScriptInterpreter.immediateChecker()));
        return true;
    }

    /** Transactions in the 1 MB block (reported by the setup for the figures). */
    public int blockTransactions() {
        return blockTxs;
    }
}
