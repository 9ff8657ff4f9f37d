package org.flowcoin.primitives;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.block.Coinbase;
import org.flowcoin.primitives.block.HeaderBuilder;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.Witness;

/** Deterministic objects behind the hex vectors of docs/spec/primitives.md. */
public final class TestVectors {
    private TestVectors() {}

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Key n: seed = Keccak-256("flowcoin test key n"). */
    public static Ed25519PrivateKey key(int n) {
        return Ed25519PrivateKey.fromSeed(Hash256.keccak256(ascii("flowcoin test key " + n)).toByteArray());
    }

    public static byte[] pub(int n) {
        return key(n).publicKey().toByteArray();
    }

    public static final ChainParams MAIN = ChainParams.mainnet();

    public static BlockHeader header() {
        return new HeaderBuilder()
                .prevHash(Hash256.keccak256(ascii("prev")))
                .merkleRoot(Hash256.keccak256(ascii("merkle")))
                .trainingHash(Hash256.keccak256(ascii("delta")))
                .datasetHash(Hash256.keccak256(ascii("dataset")))
                .height(1000)
                .timestamp(1_767_300_000L)
                .nbits(0x1f00ffff)
                .valLossBits(Float.floatToRawIntBits(5.25f))
                .prevValLossBits(Float.floatToRawIntBits(5.5f))
                .dims(MAIN.growthSchedule().dimsAt(1000))
                .stagnation(3)
                .delta(200, 4096)
                .sparseCount(1000)
                .sparseThresholdBits(Float.floatToRawIntBits(0.001f))
                .nonce(0x01020304)
                .version(1)
                .minerPubkey(pub(1))
                .sign(key(1));
    }

    public static Transaction coinbase() {
        return Coinbase.build(1000, List.of(new TxOutput(50 * Amounts.COIN, Templates.payToKeyHash(pub(1)))),
                Hash256.keccak256(ascii("training data")), Hash256.keccak256(ascii("model root")), ascii("miner"), List.of());
    }

    public static final OutPoint FUNDING = new OutPoint(Hash256.keccak256d(ascii("funding")), 0);
    public static final long FUNDING_VALUE = 10 * Amounts.COIN;

    /** A v0 key-hash spend of FUNDING (locked to key 1) paying key 2. */
    public static Transaction p2khSpend(ChainParams params) {
        Transaction unsigned = new Transaction(1, List.of(new TxInput(FUNDING, TxInput.SEQUENCE_FINAL)),
                List.of(new TxOutput(FUNDING_VALUE - 100_000, Templates.payToKeyHash(pub(2)))), 0, List.of(Witness.EMPTY));
        Script code = Templates.keyHashScriptCode(Templates.keyHash(pub(1)));
        byte[] sig = Templates.sign(new SigHash(unsigned, params), 0, code, FUNDING_VALUE, key(1));
        return unsigned.withWitnesses(List.of(Witness.of(sig, pub(1))));
    }

    public static Script multisigScript() {
        return Templates.multisig(2, List.of(pub(1), pub(2), pub(3)));
    }

    /** A v1 script-hash spend of FUNDING locked to 2-of-3 (keys 1, 2, 3), signed by keys 1 and 3. */
    public static Transaction multisigSpend(ChainParams params) {
        Transaction unsigned = new Transaction(1, List.of(new TxInput(FUNDING, TxInput.SEQUENCE_FINAL)),
                List.of(new TxOutput(FUNDING_VALUE - 100_000, Templates.payToKeyHash(pub(4)))), 0, List.of(Witness.EMPTY));
        Script ws = multisigScript();
        SigHash sh = new SigHash(unsigned, params);
        byte[] s1 = Templates.sign(sh, 0, ws, FUNDING_VALUE, key(1));
        byte[] s3 = Templates.sign(sh, 0, ws, FUNDING_VALUE, key(3));
        return unsigned.withWitnesses(List.of(Witness.of(s1, new byte[0], s3, ws.toByteArray())));
    }

    public static Script cltvScript() {
        return Templates.lockTimeKey(2000, pub(2));
    }

    /** A v1 script-hash spend of FUNDING locked by CLTV(2000) + key 2, with tx locktime 2000. */
    public static Transaction timelockSpend(ChainParams params) {
        Transaction unsigned = new Transaction(1, List.of(new TxInput(FUNDING, 0xfffffffe)),
                List.of(new TxOutput(FUNDING_VALUE - 100_000, Templates.payToKeyHash(pub(2)))), 2000, List.of(Witness.EMPTY));
        Script ws = cltvScript();
        byte[] sig = Templates.sign(new SigHash(unsigned, params), 0, ws, FUNDING_VALUE, key(2));
        return unsigned.withWitnesses(List.of(Witness.of(sig, ws.toByteArray())));
    }
}
