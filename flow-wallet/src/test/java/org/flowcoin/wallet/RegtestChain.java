package org.flowcoin.wallet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.consensus.Verdict;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.ScriptException;
import org.flowcoin.primitives.script.ScriptInterpreter;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.TxRules;
import org.flowcoin.primitives.tx.Witness;

/**
 * A minimal regtest chain for tests: a UTXO set and the transaction rules that decide whether a
 * policy spend is valid. Scripts run through flow-primitives' {@link ScriptInterpreter}; the
 * chain adds what the interpreter cannot see: inputs exist and are unspent, coinbase maturity,
 * relative height locks against the coin's confirmation height ({@link TxRules#relativeLocksSatisfied}),
 * value conservation.
 * Headers and proof of training are out of scope (block hashes are synthetic).
 */
final class RegtestChain {
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        final String rule;

        Rejected(String rule, String message) {
            super(rule + ": " + message);
            this.rule = rule;
        }
    }

    record Utxo(TxOutput output, int height, boolean coinbase) {}

    final ChainParams params = ChainParams.regtest();
    private final Map<OutPoint, Utxo> utxos = new HashMap<>();
    private final List<Hash256> hashes = new ArrayList<>();
    private final List<List<Transaction>> blocks = new ArrayList<>();
    private final List<Wallet> listeners = new ArrayList<>();

    void attach(Wallet w) {
        for (int h = 0; h < blocks.size(); h++) w.connectBlock(h, hashes.get(h), blocks.get(h));
        listeners.add(w);
    }

    int height() {
        return blocks.size() - 1;
    }

    Utxo utxo(OutPoint op) {
        return utxos.get(op);
    }

    /** Mines a block: coinbase paying the subsidy to {@code coinbaseScript}, then {@code txs} in order. */
    List<Transaction> mine(Script coinbaseScript, Transaction... txs) throws Rejected {
        int height = blocks.size();
        Map<OutPoint, Utxo> view = new HashMap<>(utxos);
        long fees = 0;
        for (Transaction tx : txs) fees += check(tx, height, view);
        Transaction coinbase = new Transaction(1, List.of(new TxInput(OutPoint.NULL, TxInput.SEQUENCE_FINAL)),
                List.of(new TxOutput(params.subsidy(height) + fees, coinbaseScript)), height,
                List.of(Witness.of(ByteBuffer.allocate(4).putInt(height).array())));
        List<Transaction> block = new ArrayList<>();
        block.add(coinbase);
        block.addAll(List.of(txs));
        addOutputs(coinbase, height, view);
        utxos.clear();
        utxos.putAll(view);
        ByteBuffer hb = ByteBuffer.allocate(36 + 32 * block.size());
        hb.put(hashes.isEmpty() ? new byte[32] : hashes.get(hashes.size() - 1).toByteArray()).putInt(height);
        for (Transaction t : block) hb.put(t.txid().toByteArray());
        Hash256 hash = Hash256.keccak256d(hb.array());
        hashes.add(hash);
        blocks.add(List.copyOf(block));
        for (Wallet w : listeners) w.connectBlock(height, hash, block);
        return block;
    }

    /** Mines {@code n} blocks without transactions. */
    void mineEmpty(int n, Script coinbaseScript) throws Rejected {
        for (int i = 0; i < n; i++) mine(coinbaseScript);
    }

    /** Whether {@code tx} could go into the next block. */
    void checkNext(Transaction tx) throws Rejected {
        check(tx, blocks.size(), new HashMap<>(utxos));
    }

    private long check(Transaction tx, int height, Map<OutPoint, Utxo> view) throws Rejected {
        Verdict r = TxRules.check(tx, params);
        if (!r.accepted()) throw new Rejected(r.rule().id(), r.reason());
        if (tx.isCoinbase()) throw new Rejected("CHAIN-1", "coinbase outside the first position");
        long in = 0;
        Set<OutPoint> spent = new HashSet<>();
        SigHash sh = new SigHash(tx, params);
        for (int i = 0; i < tx.inputs().size(); i++) {
            TxInput input = tx.inputs().get(i);
            Utxo u = view.get(input.prevout());
            if (u == null || !spent.add(input.prevout())) throw new Rejected("CHAIN-2", "missing or spent input " + input.prevout());
            if (u.coinbase() && height - u.height() < params.coinbaseMaturity()) throw new Rejected("CHAIN-3", "immature coinbase");
            // the block validator's relative-lock rule (primitives.md §4.7), through flow-primitives' helper
            if (!TxRules.relativeLocksSatisfied(tx, height, heightsOf(tx, view))) {
                throw new Rejected("CHAIN-4", "relative lock: coin " + (height - u.height()) + " deep, needs "
                        + input.relativeHeightLock());
            }
            try {
                ScriptInterpreter.verifyInput(u.output().script(), tx.witness(i),
                        new ScriptInterpreter.Context(tx, i, u.output().value(), sh, ScriptInterpreter.immediateChecker()));
            } catch (ScriptException e) {
                throw new Rejected(e.error().name(), "input " + i + ": " + e.getMessage());
            }
            in += u.output().value();
        }
        long out = tx.totalOutputSaturating();
        if (in < out) throw new Rejected("CHAIN-5", "outputs exceed inputs");
        for (OutPoint op : spent) view.remove(op);
        addOutputs(tx, height, view);
        return in - out;
    }

    private static long[] heightsOf(Transaction tx, Map<OutPoint, Utxo> view) {
        long[] h = new long[tx.inputs().size()];
        for (int i = 0; i < h.length; i++) {
            Utxo u = view.get(tx.inputs().get(i).prevout());
            h[i] = u == null ? 0 : u.height();
        }
        return h;
    }

    private static void addOutputs(Transaction tx, int height, Map<OutPoint, Utxo> view) {
        Hash256 id = tx.txid();
        for (int i = 0; i < tx.outputs().size(); i++) view.put(new OutPoint(id, i), new Utxo(tx.outputs().get(i), height, tx.isCoinbase()));
    }
}
