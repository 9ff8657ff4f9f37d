package org.flowcoin.primitives.block;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.ValidationResult;
import org.flowcoin.primitives.pow.CompactTarget;
import org.flowcoin.primitives.pow.Difficulty;
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
 * ValidationResult r = BlockRules.check(block, params);
 * }</pre>
 */
public final class BlockRules {
    private BlockRules() {}

    /** Header-level context-free rules (HDR-2, HDR-9, HDR-14, HDR-13), then {@link #checkBody}. */
    public static ValidationResult check(Block block, ChainParams params) {
        BlockHeader h = block.header();
        if (h.version() != 1) return ValidationResult.fail("HDR-2", "header version must be 1");
        if (!h.dims().equals(params.growthSchedule().dimsAt(h.height()))) {
            return ValidationResult.fail("HDR-9", "model dims differ from the growth schedule at this height");
        }
        ValidationResult pow = checkProofOfWork(h, params);
        if (!pow.isValid()) return pow;
        if (!h.verifySignature()) return ValidationResult.fail("HDR-13", "miner signature does not verify");
        return checkBody(block, params);
    }

    /**
     * The context-free body rules, the one implementation every validator calls. Commitments come
     * first (BLK-3, BLK-4, the commitment output's presence TX-5, BLK-11, BLK-6, BLK-8): until they
     * hold, the body may simply not be the one the header was mined over (a mutation), and no
     * verdict about the header may be drawn. Then BLK-2, TX-1..TX-9 per transaction, BLK-5, BLK-7.
     */
    public static ValidationResult checkBody(Block block, ChainParams params) {
        BlockHeader h = block.header();
        List<Transaction> txs = block.transactions();
        if (txs.isEmpty()) return ValidationResult.fail("BLK-2", "a block needs a coinbase");
        Set<Hash256> ids = new HashSet<>();
        List<Hash256> leaves = new java.util.ArrayList<>(txs.size());
        for (Transaction t : txs) {
            if (!ids.add(t.txid())) return ValidationResult.fail("BLK-3", "duplicate txid " + t.txid().toHex());
            leaves.add(t.txid());
        }
        Merkle.Result m = Merkle.compute(leaves);
        if (m.mutated()) return ValidationResult.fail("BLK-3", "merkle tree has identical siblings");
        if (!m.root().equals(h.merkleRoot())) return ValidationResult.fail("BLK-4", "merkle root mismatch");
        // From here the transactions without witnesses are the committed ones.
        Transaction cb = txs.get(0);
        if (!cb.isCoinbase()) return ValidationResult.fail("BLK-2", "first transaction must be the coinbase");
        Optional<Coinbase.Commitment> c = Coinbase.commitment(cb);
        if (c.isEmpty()) return ValidationResult.fail("TX-5", "transaction 0: the coinbase needs exactly one commitment output");
        if (!c.get().witnessRoot().equals(Coinbase.witnessRoot(txs))) {
            return ValidationResult.fail("BLK-11", "witnesses do not match the coinbase's witness root");
        }
        if (!Hash256.keccak256(block.deltaPayload()).equals(h.trainingHash())) {
            return ValidationResult.fail("BLK-6", "training_hash is not Keccak-256 of the delta payload");
        }
        if (!c.get().trainingDataHash().equals(Hash256.keccak256(block.trainingData()))) {
            return ValidationResult.fail("BLK-8", "coinbase does not commit to Keccak-256 of the training data");
        }
        // Every byte of the body is now committed by the header.
        for (int i = 1; i < txs.size(); i++) {
            if (txs.get(i).isCoinbase()) return ValidationResult.fail("BLK-2", "transaction " + i + " is a second coinbase");
        }
        for (int i = 0; i < txs.size(); i++) {
            ValidationResult r = TxRules.check(txs.get(i), params);
            if (!r.isValid()) return ValidationResult.fail(r.ruleId(), "transaction " + i + ": " + r.message());
        }
        if (block.weight() > params.maxBlockWeight()) {
            return ValidationResult.fail("BLK-5", "weight " + block.weight() + " exceeds " + params.maxBlockWeight());
        }
        Optional<Long> cbHeight = Coinbase.height(cb);
        if (cbHeight.isEmpty() || cbHeight.get() != h.height()) {
            return ValidationResult.fail("BLK-7", "coinbase height " + cbHeight.orElse(-1L) + ", block height " + h.height());
        }
        return ValidationResult.valid();
    }

    /**
     * HDR-14: nbits encodes a valid target no easier than powLimit, and the block hash (read as a
     * little-endian 256-bit integer) is at most the effective target
     * min(powLimit, target {@code <<} boost(prev_val_loss, val_loss)).
     */
    public static ValidationResult checkProofOfWork(BlockHeader h, ChainParams params) {
        CompactTarget.Decoded d = CompactTarget.decode(h.nbits());
        BigInteger limit = params.powLimit();
        if (!d.isValidTarget() || d.value().compareTo(limit) > 0) return ValidationResult.fail("HDR-14", "nbits out of range");
        int boost = params.boost(h.prevValLossBits(), h.valLossBits());
        BigInteger eff = Difficulty.effectiveTarget(d.value(), boost, limit);
        if (h.hash().toUnsignedLittleEndian().compareTo(eff) > 0) return ValidationResult.fail("HDR-14", "hash above the effective target");
        return ValidationResult.valid();
    }
}
