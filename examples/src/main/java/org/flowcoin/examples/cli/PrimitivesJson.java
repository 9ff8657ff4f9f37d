package org.flowcoin.examples.cli;

import org.flowcoin.primitives.ModelDims;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.block.Coinbase;
import org.flowcoin.primitives.script.WitnessProgram;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.Witness;

/** JSON views of headers, transactions and blocks for the header, tx and genesis commands. */
final class PrimitivesJson {
    private PrimitivesJson() {}

    static String u32(int v) {
        return Integer.toUnsignedString(v);
    }

    static Json.Obj header(BlockHeader h) {
        ModelDims d = h.dims();
        return Json.object()
                .put("hash", h.hash().toHex())
                .put("prev_hash", h.prevHash().toHex())
                .put("merkle_root", h.merkleRoot().toHex())
                .put("training_hash", h.trainingHash().toHex())
                .put("dataset_hash", h.datasetHash().toHex())
                .put("height", h.height())
                .put("timestamp", h.timestamp())
                .put("nbits", String.format("%08x", h.nbits()))
                .put("val_loss", Float.intBitsToFloat(h.valLossBits()))
                .put("val_loss_bits", String.format("%08x", h.valLossBits()))
                .put("prev_val_loss", Float.intBitsToFloat(h.prevValLossBits()))
                .put("prev_val_loss_bits", String.format("%08x", h.prevValLossBits()))
                .put("d_model", d.dModel())
                .put("n_layers", d.nLayers())
                .put("d_ff", d.dFf())
                .put("n_heads", d.nHeads())
                .put("n_kv_heads", d.nKvHeads())
                .put("n_experts", d.nExperts())
                .put("reserved", 0)
                .put("stagnation", Integer.toUnsignedLong(h.stagnation()))
                .put("delta_offset", Integer.toUnsignedLong(h.deltaOffset()))
                .put("delta_length", Integer.toUnsignedLong(h.deltaLength()))
                .put("sparse_count", Integer.toUnsignedLong(h.sparseCount()))
                .put("sparse_threshold", Float.intBitsToFloat(h.sparseThresholdBits()))
                .put("sparse_threshold_bits", String.format("%08x", h.sparseThresholdBits()))
                .put("nonce", Integer.toUnsignedLong(h.nonce()))
                .put("version", Integer.toUnsignedLong(h.version()))
                .put("miner_pubkey", CliSupport.hex(h.minerPubkey()))
                .put("miner_sig", CliSupport.hex(h.minerSignature()))
                .put("signature_valid", h.verifySignature());
    }

    static Json.Obj tx(Transaction tx) {
        Json.Arr ins = Json.array();
        for (int i = 0; i < tx.inputs().size(); i++) {
            TxInput in = tx.inputs().get(i);
            Json.Arr w = Json.array();
            Witness wit = tx.witness(i);
            for (int k = 0; k < wit.size(); k++) w.add(CliSupport.hex(wit.item(k)));
            ins.add(Json.object()
                    .put("prevout_txid", in.prevout().txid().toHex())
                    .put("prevout_index", in.prevout().unsignedIndex())
                    .put("sequence", Integer.toUnsignedLong(in.sequence()))
                    .put("witness", w));
        }
        Json.Arr outs = Json.array();
        for (TxOutput o : tx.outputs()) {
            outs.add(Json.object()
                    .put("value", o.value())
                    .put("script", o.script().toHex())
                    .put("asm", o.script().toAsm())
                    .put("type", scriptType(o)));
        }
        Json.Obj j = Json.object()
                .put("txid", tx.txid().toHex())
                .put("wtxid", tx.wtxid().toHex())
                .put("version", Integer.toUnsignedLong(tx.version()))
                .put("size", tx.serializedSize())
                .put("base_size", tx.baseSize())
                .put("weight", tx.weight())
                .put("locktime", Integer.toUnsignedLong(tx.lockTime()))
                .put("coinbase", tx.isCoinbase())
                .put("inputs", ins)
                .put("outputs", outs);
        if (tx.isCoinbase()) {
            Coinbase.height(tx).ifPresent(h -> j.put("coinbase_height", h));
            Coinbase.commitment(tx).ifPresent(c -> j.put("commitment", Json.object()
                    .put("training_data_hash", c.trainingDataHash().toHex())
                    .put("model_root", c.modelRoot().toHex())));
        }
        return j;
    }

    private static String scriptType(TxOutput o) {
        var wp = WitnessProgram.parse(o.script());
        if (wp.isPresent()) {
            int v = wp.get().version();
            return v == 0 ? "key_hash_v0" : v == 1 ? "script_hash_v1" : "witness_v" + v;
        }
        if (o.script().isUnspendable()) return "op_return";
        return "bare";
    }

    static Json.Obj block(Block b) {
        Json.Arr txs = Json.array();
        for (Transaction t : b.transactions()) txs.add(tx(t));
        return Json.object()
                .put("hash", b.hash().toHex())
                .put("size", b.serializedSize())
                .put("header", header(b.header()))
                .put("transactions", txs)
                .put("delta_payload", CliSupport.hex(b.deltaPayload()))
                .put("training_data", CliSupport.hex(b.trainingData()))
                .put("hex", b.toHex());
    }
}
