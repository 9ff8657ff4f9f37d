package org.flowcoin.wallet;

import java.util.ArrayList;
import java.util.List;
import org.flowcoin.crypto.Ed25519PublicKey;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.Witness;

/**
 * Exact weights of owner-branch spends, measured on dummy transactions: Ed25519 signatures have
 * a fixed length, so a dummy witness weighs exactly what the signed one will.
 */
record TxSizes(long skeletonWeight, long inputWeight, long changeWeight) {

    static TxSizes measure(RecoveryPolicy policy, Ed25519PublicKey anyOwner, List<TxOutput> payments, Script changeScript) {
        Script ws = policy.witnessScript(anyOwner);
        Witness w = PolicyWitness.owner(new byte[65], ws);
        long one = weight(1, w, payments);
        long two = weight(2, w, payments);
        List<TxOutput> withChange = new ArrayList<>(payments);
        withChange.add(new TxOutput(0, changeScript));
        long oneChange = weight(1, w, withChange);
        return new TxSizes(one - (two - one), two - one, oneChange - one);
    }

    private static long weight(int inputs, Witness w, List<TxOutput> outs) {
        List<TxInput> ins = new ArrayList<>();
        List<Witness> ws = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            ins.add(new TxInput(new OutPoint(Hash256.ZERO, i), TxInput.SEQUENCE_FINAL));
            ws.add(w);
        }
        return new Transaction(2, ins, outs, 0, ws).weight();
    }
}
