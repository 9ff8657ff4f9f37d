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
                .put("prevHash", h.prevHash().toHex())
                .put("merkleRoot", h.merkleRoot().toHex())
                .put("trainingHash", h.trainingHash().toHex())
                .put("datasetHash", h.datasetHash().toHex())
                .put("height", h.height())
                .put("timestamp", h.timestamp())
                .put("nbits", String.format("%08x", h.nbits()))
                .put("valLoss", Float.intBitsToFloat(h.valLossBits()))
                .put("valLossBits", String.format("%08x", h.valLossBits()))
                .put("prevValLoss", Float.intBitsToFloat(h.prevValLossBits()))
                .put("prevValLossBits", String.format("%08x", h.prevValLossBits()))
                .put("dModel", d.dModel())
                .put("nLayers", d.nLayers())
                .put("dFf", d.dFf())
                .put("nHeads", d.nHeads())
                .put("nKvHeads", d.nKvHeads())
                .put("nExperts", d.nExperts())
                .put("reserved", 0)
                .put("stagnation", Integer.toUnsignedLong(h.stagnation()))
                .put("deltaOffset", Integer.toUnsignedLong(h.deltaOffset()))
                .put("deltaLength", Integer.toUnsignedLong(h.deltaLength()))
                .put("sparseCount", Integer.toUnsignedLong(h.sparseCount()))
                .put("sparseThreshold", Float.intBitsToFloat(h.sparseThresholdBits()))
                .put("sparseThresholdBits", String.format("%08x", h.sparseThresholdBits()))
                .put("nonce", Integer.toUnsignedLong(h.nonce()))
                .put("version", Integer.toUnsignedLong(h.version()))
                .put("minerPubkey", CliSupport.hex(h.minerPubkey()))
                .put("minerSig", CliSupport.hex(h.minerSignature()))
                .put("signatureValid", h.verifySignature());
    }

    static Json.Obj tx(Transaction tx) {
        Json.Arr ins = Json.array();
        for (int i = 0; i < tx.inputs().size(); i++) {
            TxInput in = tx.inputs().get(i);
            Json.Arr w = Json.array();
            Witness wit = tx.witness(i);
            for (int k = 0; k < wit.size(); k++) w.add(CliSupport.hex(wit.item(k)));
            ins.add(Json.object()
                    .put("prevoutTxid", in.prevout().txid().toHex())
                    .put("prevoutIndex", in.prevout().unsignedIndex())
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
                .put("baseSize", tx.baseSize())
                .put("weight", tx.weight())
                .put("locktime", Integer.toUnsignedLong(tx.lockTime()))
                .put("coinbase", tx.isCoinbase())
                .put("inputs", ins)
                .put("outputs", outs);
        if (tx.isCoinbase()) {
            Coinbase.height(tx).ifPresent(h -> j.put("coinbaseHeight", h));
            Coinbase.commitment(tx).ifPresent(c -> j.put("commitment", Json.object()
                    .put("trainingDataHash", c.trainingDataHash().toHex())
                    .put("modelRoot", c.modelRoot().toHex())));
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
                .put("deltaPayload", CliSupport.hex(b.deltaPayload()))
                .put("trainingData", CliSupport.hex(b.trainingData()))
                .put("hex", b.toHex());
    }
}
