package org.flowcoin.primitives.block;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.consensus.HeaderValidator;
import org.flowcoin.primitives.consensus.Rule;
import org.flowcoin.primitives.consensus.Verdict;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxRules;

/**
 * Context-free block rules (docs/spec/primitives.md §8.1): everything that can be checked from the
 * block and the chain parameters alone, with the rule ids of docs/spec/validation.md (HDR-n for
 * header fields, BLK-n for the body). Rules that need the parent or the UTXO set
 * (timestamps, expected nbits, coinbase value, scripts against spent outputs) and the training proof
 * are the block validator's.
 *
 * <pre>{@code
 * Verdict r = BlockRules.check(block, params);
 * }</pre>
 */
public final class BlockRules {
    private BlockRules() {}

    /** The header rules that need no parent ({@link HeaderValidator#checkStandalone}), then {@link #checkBody}. */
    public static Verdict check(Block block, ChainParams params) {
        Verdict header = HeaderValidator.checkStandalone(params, block.header());
        return header.accepted() ? checkBody(block, params) : header;
    }

    /**
     * The context-free body rules, the one implementation every validator calls. Commitments come
     * first (BLK-3, BLK-4, the commitment output's presence TX-5, BLK-11, BLK-6, BLK-8): until they
     * hold, the body may simply not be the one the header was mined over (a mutation), and no
     * verdict about the header may be drawn. Then BLK-2, TX-1..TX-9 per transaction, BLK-5, BLK-7.
     */
    public static Verdict checkBody(Block block, ChainParams params) {
        BlockHeader h = block.header();
        List<Transaction> txs = block.transactions();
        if (txs.isEmpty()) return Verdict.reject(Rule.BLK_COINBASE_POSITION, "a block needs a coinbase");
        Set<Hash256> ids = new HashSet<>();
        List<Hash256> leaves = new java.util.ArrayList<>(txs.size());
        for (Transaction t : txs) {
            if (!ids.add(t.txid())) return Verdict.reject(Rule.BLK_DUPLICATE_TX, "duplicate txid " + t.txid().toHex());
            leaves.add(t.txid());
        }
        Merkle.Result m = Merkle.compute(leaves);
        if (m.mutated()) return Verdict.reject(Rule.BLK_DUPLICATE_TX, "merkle tree has identical siblings");
        if (!m.root().equals(h.merkleRoot())) return Verdict.reject(Rule.BLK_MERKLE, "merkle root mismatch");
        // From here the transactions without witnesses are the committed ones.
        Transaction cb = txs.get(0);
        if (!cb.isCoinbase()) return Verdict.reject(Rule.BLK_COINBASE_POSITION, "first transaction must be the coinbase");
        Optional<Coinbase.Commitment> c = Coinbase.commitment(cb);
        if (c.isEmpty()) return Verdict.reject(Rule.TX_COINBASE_SHAPE, "transaction 0: the coinbase needs exactly one commitment output");
        if (!c.get().witnessRoot().equals(Coinbase.witnessRoot(txs))) {
            return Verdict.reject(Rule.BLK_WITNESS_COMMITMENT, "witnesses do not match the coinbase's witness root");
        }
        if (!Hash256.keccak256(block.deltaPayload()).equals(h.trainingHash())) {
            return Verdict.reject(Rule.BLK_TRAINING_HASH, "training_hash is not Keccak-256 of the delta payload");
        }
        if (!c.get().trainingDataHash().equals(Hash256.keccak256(block.trainingData()))) {
            return Verdict.reject(Rule.BLK_DATA_COMMITMENT, "coinbase does not commit to Keccak-256 of the training data");
        }
        // Every byte of the body is now committed by the header.
        for (int i = 1; i < txs.size(); i++) {
            if (txs.get(i).isCoinbase()) return Verdict.reject(Rule.BLK_COINBASE_POSITION, "transaction " + i + " is a second coinbase");
        }
        for (int i = 0; i < txs.size(); i++) {
            Verdict r = TxRules.check(txs.get(i), params);
            if (!r.accepted()) return Verdict.reject(r.rule(), "transaction " + i + ": " + r.reason());
        }
        if (block.weight() > params.maxBlockWeight()) {
            return Verdict.reject(Rule.BLK_WEIGHT, "weight " + block.weight() + " exceeds " + params.maxBlockWeight());
        }
        Optional<Long> cbHeight = Coinbase.height(cb);
        if (cbHeight.isEmpty() || cbHeight.get() != h.height()) {
            return Verdict.reject(Rule.BLK_COINBASE_HEIGHT, "coinbase height " + cbHeight.orElse(-1L) + ", block height " + h.height());
        }
        return Verdict.accept();
    }
}
