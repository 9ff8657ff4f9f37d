package org.flowcoin.primitives.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowcoin.crypto.Ed25519BatchVerifier;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.TestVectors;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.Witness;
import org.junit.jupiter.api.Test;

/** Templates and signature opcodes against real Ed25519 signatures. */
class SpendTest {
    private static final ChainParams MAIN = ChainParams.mainnet();
    private static final ChainParams TEST = ChainParams.testnet();
    private static final long VALUE = TestVectors.FUNDING_VALUE;

    private static Ed25519PrivateKey key(int n) {
        return TestVectors.key(n);
    }

    private static byte[] pub(int n) {
        return TestVectors.pub(n);
    }

    /** An unsigned spend of the funding outpoint. */
    private static Transaction spend(int lockTime, int sequence) {
        return new Transaction(1, List.of(new TxInput(TestVectors.FUNDING, sequence)),
                List.of(new TxOutput(VALUE - 1000, Templates.payToKeyHash(pub(9)))), lockTime, List.of(Witness.EMPTY));
    }

    private static byte[] sign(Transaction tx, Script code, int keyIndex, ChainParams params) {
        return Templates.sign(new SigHash(tx, params), 0, code, VALUE, key(keyIndex));
    }

    private static void verify(Script lock, Transaction tx, Witness w) throws ScriptException {
        Transaction t = tx.withWitnesses(List.of(w));
        ScriptInterpreter.verifyInput(lock, w, new ScriptInterpreter.Context(t, 0, VALUE, new SigHash(t, MAIN), ScriptInterpreter.immediateChecker()));
    }

    private static ScriptError failure(Script lock, Transaction tx, Witness w) {
        try {
            verify(lock, tx, w);
        } catch (ScriptException e) {
            return e.error();
        }
        throw new AssertionError("script was accepted");
    }

    private static byte[] cat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    // ---- pay-to-key-hash v0 ----

    @Test
    void keyHashSpend() throws ScriptException {
        Script lock = Templates.payToKeyHash(pub(1));
        assertThat(lock.toHex()).startsWith("0014").hasSize(44);
        Transaction tx = spend(0, -1);
        Script code = Templates.keyHashScriptCode(Templates.keyHash(pub(1)));
        verify(lock, tx, Witness.of(sign(tx, code, 1, MAIN), pub(1)));
        // The pinned vector verifies too.
        Transaction v = TestVectors.p2khSpend(MAIN);
        verify(lock, v, v.witness(0));
    }

    @Test
    void keyHashRejections() {
        Script lock = Templates.payToKeyHash(pub(1));
        Transaction tx = spend(0, -1);
        Script code = Templates.keyHashScriptCode(Templates.keyHash(pub(1)));
        byte[] good = sign(tx, code, 1, MAIN);
        // wrong key: key 2 signs and presents its own public key
        byte[] other = sign(tx, Templates.keyHashScriptCode(Templates.keyHash(pub(2))), 2, MAIN);
        assertThat(failure(lock, tx, Witness.of(other, pub(2)))).isEqualTo(ScriptError.EQUALVERIFY);
        // wrong signature: key 2's signature with key 1's public key
        assertThat(failure(lock, tx, Witness.of(other, pub(1)))).isEqualTo(ScriptError.NULLFAIL);
        // a signature made for testnet is invalid on mainnet
        assertThat(failure(lock, tx, Witness.of(sign(tx, code, 1, TEST), pub(1)))).isEqualTo(ScriptError.NULLFAIL);
        // signature over another amount
        byte[] wrongAmount = Templates.sign(new SigHash(tx, MAIN), 0, code, VALUE - 1, key(1));
        assertThat(failure(lock, tx, Witness.of(wrongAmount, pub(1)))).isEqualTo(ScriptError.NULLFAIL);
        // a signature for one transaction does not authorise another
        assertThat(failure(lock, spend(1, -1), Witness.of(good, pub(1)))).isEqualTo(ScriptError.NULLFAIL);
        // encodings
        byte[] badType = good.clone();
        badType[64] = 0x02;
        assertThat(failure(lock, tx, Witness.of(badType, pub(1)))).isEqualTo(ScriptError.SIG_HASHTYPE);
        assertThat(failure(lock, tx, Witness.of(Arrays.copyOf(good, 64), pub(1)))).isEqualTo(ScriptError.SIG_ENCODING);
        assertThat(failure(lock, tx, Witness.of(new byte[0], pub(1)))).isEqualTo(ScriptError.EVAL_FALSE);
        // witness shape
        assertThat(failure(lock, tx, Witness.of(good))).isEqualTo(ScriptError.WITNESS_UNEXPECTED);
        assertThat(failure(lock, tx, Witness.of(good, pub(1), pub(1)))).isEqualTo(ScriptError.WITNESS_UNEXPECTED);
        // a v0 program must be 20 bytes
        Script v0long = new WitnessProgram(0, new byte[32]).toScript();
        assertThat(failure(v0long, tx, Witness.of(good, pub(1)))).isEqualTo(ScriptError.WITNESS_PROGRAM_LENGTH);
    }

    // ---- pay-to-script-hash v1 and multisig ----

    @Test
    void multisigTwoOfThree() throws ScriptException {
        Script ws = TestVectors.multisigScript();
        Script lock = Templates.payToScriptHash(ws);
        Transaction tx = spend(0, -1);
        byte[] s1 = sign(tx, ws, 1, MAIN), s2 = sign(tx, ws, 2, MAIN), s3 = sign(tx, ws, 3, MAIN);
        byte[] e = new byte[0];
        verify(lock, tx, Witness.of(s1, s2, e, ws.toByteArray()));
        verify(lock, tx, Witness.of(s1, e, s3, ws.toByteArray()));
        verify(lock, tx, Witness.of(e, s2, s3, ws.toByteArray()));
        Transaction v = TestVectors.multisigSpend(MAIN);
        verify(lock, v, v.witness(0));
    }

    @Test
    void multisigRejections() {
        Script ws = TestVectors.multisigScript();
        Script lock = Templates.payToScriptHash(ws);
        Transaction tx = spend(0, -1);
        byte[] s1 = sign(tx, ws, 1, MAIN), s2 = sign(tx, ws, 2, MAIN), s3 = sign(tx, ws, 3, MAIN);
        byte[] e = new byte[0];
        byte[] raw = ws.toByteArray();
        // M-1 of N
        assertThat(failure(lock, tx, Witness.of(s1, e, e, raw))).isEqualTo(ScriptError.SIG_COUNT);
        // more than M
        assertThat(failure(lock, tx, Witness.of(s1, s2, s3, raw))).isEqualTo(ScriptError.SIG_COUNT);
        // none: false
        assertThat(failure(lock, tx, Witness.of(e, e, e, raw))).isEqualTo(ScriptError.EVAL_FALSE);
        // signature in the wrong key's slot
        assertThat(failure(lock, tx, Witness.of(s2, s1, e, raw))).isEqualTo(ScriptError.NULLFAIL);
        // a key outside the policy
        byte[] s4 = sign(tx, ws, 4, MAIN);
        assertThat(failure(lock, tx, Witness.of(s1, s4, e, raw))).isEqualTo(ScriptError.NULLFAIL);
        // testnet signatures
        assertThat(failure(lock, tx, Witness.of(sign(tx, ws, 1, TEST), sign(tx, ws, 2, TEST), e, raw))).isEqualTo(ScriptError.NULLFAIL);
        // too few slots
        assertThat(failure(lock, tx, Witness.of(s1, s2, raw))).isEqualTo(ScriptError.INVALID_STACK_OPERATION);
        // the script must hash to the program
        Script other = Templates.multisig(1, List.of(pub(1), pub(2), pub(3)));
        assertThat(failure(lock, tx, Witness.of(s1, e, e, other.toByteArray()))).isEqualTo(ScriptError.WITNESS_PROGRAM_MISMATCH);
        assertThat(failure(lock, tx, Witness.EMPTY)).isEqualTo(ScriptError.WITNESS_UNEXPECTED);
    }

    @Test
    void multisigBounds() {
        Transaction tx = spend(0, -1);
        // n = 21 keys
        ScriptBuilder b = new ScriptBuilder().number(1);
        for (int i = 0; i < 21; i++) b.data(pub(1));
        Script tooMany = b.number(21).op(Opcodes.OP_CHECKMULTISIG).build();
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < 21; i++) items.add(new byte[0]);
        items.add(tooMany.toByteArray());
        assertThat(failure(Templates.payToScriptHash(tooMany), tx, Witness.of(items))).isEqualTo(ScriptError.PUBKEY_COUNT);
        // m = 0
        Script zero = new ScriptBuilder().number(0).data(pub(1)).number(1).op(Opcodes.OP_CHECKMULTISIG).build();
        assertThat(failure(Templates.payToScriptHash(zero), tx, Witness.of(new byte[0], zero.toByteArray()))).isEqualTo(ScriptError.SIG_COUNT);
        // CHECKMULTISIGVERIFY with no signatures
        Script v = new ScriptBuilder().number(1).data(pub(1)).number(1).op(Opcodes.OP_CHECKMULTISIGVERIFY).op(Opcodes.OP_1).build();
        assertThat(failure(Templates.payToScriptHash(v), tx, Witness.of(new byte[0], v.toByteArray()))).isEqualTo(ScriptError.CHECKMULTISIGVERIFY);
        assertThatCode(() -> verify(Templates.payToScriptHash(v), tx, Witness.of(sign(tx, v, 1, MAIN), v.toByteArray()))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Templates.multisig(3, List.of(pub(1), pub(2)))).isInstanceOf(IllegalArgumentException.class);
    }

    /** docs/spec/primitives.md §4.6: a multisig's key count joins the operation count (SCR-5). */
    @Test
    void multisigKeysCountAsOperations() {
        Transaction tx = spend(0, -1);
        List<byte[]> slots = new ArrayList<>();
        for (int i = 0; i < 20; i++) slots.add(new byte[0]);
        String keys = ("20" + "00".repeat(32)).repeat(20);
        Script over = Script.fromHex("61".repeat(181) + "51" + keys + "0114" + "ae");
        Script edge = Script.fromHex("61".repeat(180) + "51" + keys + "0114" + "ae");
        assertThat(failure(over, tx, Witness.of(slots))).isEqualTo(ScriptError.OP_COUNT);
        assertThat(failure(edge, tx, Witness.of(slots))).isEqualTo(ScriptError.EVAL_FALSE);
        // The case: 1-of-20 with 199 NOPs (200 operations before the keys) is refused.
        ScriptBuilder b = new ScriptBuilder();
        for (int i = 0; i < 199; i++) b.op(Opcodes.OP_NOP);
        b.number(1);
        for (int i = 1; i <= 20; i++) b.data(pub(i));
        Script nops199 = b.number(20).op(Opcodes.OP_CHECKMULTISIG).build();
        List<byte[]> signed = new ArrayList<>(slots);
        signed.set(0, sign(tx, nops199, 1, MAIN));
        assertThat(failure(nops199, tx, Witness.of(signed))).isEqualTo(ScriptError.OP_COUNT);
        // At the limit a real signature passes.
        ScriptBuilder c = new ScriptBuilder();
        for (int i = 0; i < 180; i++) c.op(Opcodes.OP_NOP);
        c.number(1);
        for (int i = 1; i <= 20; i++) c.data(pub(i));
        Script nops180 = c.number(20).op(Opcodes.OP_CHECKMULTISIG).build();
        List<byte[]> signed180 = new ArrayList<>(slots);
        signed180.set(0, sign(tx, nops180, 1, MAIN));
        assertThatCode(() -> verify(nops180, tx, Witness.of(signed180))).doesNotThrowAnyException();
        // CHECKMULTISIGVERIFY counts the same way.
        Script verifyOver = Script.fromHex("61".repeat(181) + "51" + keys + "0114" + "af" + "51");
        assertThat(failure(verifyOver, tx, Witness.of(slots))).isEqualTo(ScriptError.OP_COUNT);
    }

    @Test
    void checkSigVerifyAndKeyEncoding() {
        Transaction tx = spend(0, -1);
        Script v = new ScriptBuilder().data(pub(1)).op(Opcodes.OP_CHECKSIGVERIFY).op(Opcodes.OP_1).build();
        assertThatCode(() -> verify(Templates.payToScriptHash(v), tx, Witness.of(sign(tx, v, 1, MAIN), v.toByteArray()))).doesNotThrowAnyException();
        assertThat(failure(Templates.payToScriptHash(v), tx, Witness.of(new byte[0], v.toByteArray()))).isEqualTo(ScriptError.CHECKSIGVERIFY);
        Script badKey = new ScriptBuilder().data(new byte[33]).op(Opcodes.OP_CHECKSIG).build();
        assertThat(failure(Templates.payToScriptHash(badKey), tx, Witness.of(new byte[0], badKey.toByteArray()))).isEqualTo(ScriptError.PUBKEY_ENCODING);
        // bare (non-program) locking script: the witness is the initial stack
        Script bare = new ScriptBuilder().data(pub(1)).op(Opcodes.OP_CHECKSIG).build();
        assertThatCode(() -> verify(bare, tx, Witness.of(sign(tx, bare, 1, MAIN)))).doesNotThrowAnyException();
        assertThat(failure(bare, tx, Witness.of(sign(tx, bare, 2, MAIN)))).isEqualTo(ScriptError.NULLFAIL);
    }

    // ---- timelocks ----

    @Test
    void absoluteLockTime() throws ScriptException {
        Script ws = TestVectors.cltvScript();
        Script lock = Templates.payToScriptHash(ws);
        Transaction ok = spend(2000, 0xfffffffe);
        verify(lock, ok, Witness.of(sign(ok, ws, 2, MAIN), ws.toByteArray()));
        Transaction later = spend(2500, 0);
        verify(lock, later, Witness.of(sign(later, ws, 2, MAIN), ws.toByteArray()));
        Transaction v = TestVectors.timelockSpend(MAIN);
        verify(lock, v, v.witness(0));
        // not reached
        Transaction early = spend(1999, 0xfffffffe);
        assertThat(failure(lock, early, Witness.of(sign(early, ws, 2, MAIN), ws.toByteArray()))).isEqualTo(ScriptError.UNSATISFIED_LOCKTIME);
        // final sequence disables the locktime
        Transaction fin = spend(2000, -1);
        assertThat(failure(lock, fin, Witness.of(sign(fin, ws, 2, MAIN), ws.toByteArray()))).isEqualTo(ScriptError.UNSATISFIED_LOCKTIME);
        // a time-based tx locktime does not satisfy a height lock
        Transaction time = spend(500_000_001, 0);
        assertThat(failure(lock, time, Witness.of(sign(time, ws, 2, MAIN), ws.toByteArray()))).isEqualTo(ScriptError.UNSATISFIED_LOCKTIME);
        // wrong key after the lock
        assertThat(failure(lock, ok, Witness.of(sign(ok, ws, 1, MAIN), ws.toByteArray()))).isEqualTo(ScriptError.NULLFAIL);
        // negative operand
        Script neg = new ScriptBuilder().number(-1).op(Opcodes.OP_CHECKLOCKTIMEVERIFY).build();
        assertThat(failure(Templates.payToScriptHash(neg), ok, Witness.of(neg.toByteArray()))).isEqualTo(ScriptError.NEGATIVE_LOCKTIME);
        // empty stack
        Script bare = new ScriptBuilder().op(Opcodes.OP_CHECKLOCKTIMEVERIFY).build();
        assertThat(failure(Templates.payToScriptHash(bare), ok, Witness.of(bare.toByteArray()))).isEqualTo(ScriptError.INVALID_STACK_OPERATION);
    }

    @Test
    void relativeLockTime() throws ScriptException {
        Script ws = Templates.relativeLockKey(10, pub(2));
        Script lock = Templates.payToScriptHash(ws);
        Transaction ok = spend(0, 10);
        verify(lock, ok, Witness.of(sign(ok, ws, 2, MAIN), ws.toByteArray()));
        Transaction deeper = spend(0, 11);
        verify(lock, deeper, Witness.of(sign(deeper, ws, 2, MAIN), ws.toByteArray()));
        Transaction early = spend(0, 9);
        assertThat(failure(lock, early, Witness.of(sign(early, ws, 2, MAIN), ws.toByteArray()))).isEqualTo(ScriptError.UNSATISFIED_LOCKTIME);
        Transaction disabled = spend(0, TxInput.SEQUENCE_DISABLE_FLAG | 10);
        assertThat(failure(lock, disabled, Witness.of(sign(disabled, ws, 2, MAIN), ws.toByteArray()))).isEqualTo(ScriptError.UNSATISFIED_LOCKTIME);
        Transaction timeBased = spend(0, TxInput.SEQUENCE_TYPE_FLAG | 10);
        assertThat(failure(lock, timeBased, Witness.of(sign(timeBased, ws, 2, MAIN), ws.toByteArray()))).isEqualTo(ScriptError.UNSATISFIED_LOCKTIME);
        // operand with the disable flag: CSV acts as a NOP
        Script nop = new ScriptBuilder().number(1L << 31).op(Opcodes.OP_CHECKSEQUENCEVERIFY).op(Opcodes.OP_DROP).op(Opcodes.OP_1).build();
        verify(Templates.payToScriptHash(nop), spend(0, -1), Witness.of(nop.toByteArray()));
        // time-based operand is reserved
        Script timeOp = new ScriptBuilder().number(TxInput.SEQUENCE_TYPE_FLAG | 1).op(Opcodes.OP_CHECKSEQUENCEVERIFY).op(Opcodes.OP_DROP).op(Opcodes.OP_1).build();
        assertThat(failure(Templates.payToScriptHash(timeOp), spend(0, 5), Witness.of(timeOp.toByteArray()))).isEqualTo(ScriptError.UNSATISFIED_LOCKTIME);
        Script neg = new ScriptBuilder().number(-5).op(Opcodes.OP_CHECKSEQUENCEVERIFY).build();
        assertThat(failure(Templates.payToScriptHash(neg), ok, Witness.of(neg.toByteArray()))).isEqualTo(ScriptError.NEGATIVE_LOCKTIME);
        assertThat(new TxInput(TestVectors.FUNDING, 10).relativeHeightLock()).isEqualTo(10);
        assertThat(new TxInput(TestVectors.FUNDING, -1).relativeHeightLock()).isEqualTo(-1);
    }

    // ---- hash locks ----

    @Test
    void hashLock() throws ScriptException {
        byte[] preimage = TestVectors.ascii("the secret");
        Script ws = Templates.hashLockKey(Hash256.keccak256d(preimage).toByteArray(), pub(3));
        Script lock = Templates.payToScriptHash(ws);
        Transaction tx = spend(0, -1);
        verify(lock, tx, Witness.of(sign(tx, ws, 3, MAIN), preimage, ws.toByteArray()));
        assertThat(failure(lock, tx, Witness.of(sign(tx, ws, 3, MAIN), TestVectors.ascii("a guess"), ws.toByteArray()))).isEqualTo(ScriptError.EQUALVERIFY);
        assertThat(failure(lock, tx, Witness.of(sign(tx, ws, 1, MAIN), preimage, ws.toByteArray()))).isEqualTo(ScriptError.NULLFAIL);
    }

    @Test
    void htlcWithIfElse() throws ScriptException {
        // IF hash-lock to key 1 ELSE CSV(144) to key 2 ENDIF CHECKSIG: a payment-channel HTLC shape.
        byte[] preimage = TestVectors.ascii("htlc preimage");
        Script ws = new ScriptBuilder().op(Opcodes.OP_IF).op(Opcodes.OP_KECCAK256D).data(Hash256.keccak256d(preimage).toByteArray())
                .op(Opcodes.OP_EQUALVERIFY).data(pub(1)).op(Opcodes.OP_ELSE).number(144).op(Opcodes.OP_CHECKSEQUENCEVERIFY)
                .op(Opcodes.OP_DROP).data(pub(2)).op(Opcodes.OP_ENDIF).op(Opcodes.OP_CHECKSIG).build();
        Script lock = Templates.payToScriptHash(ws);
        Transaction claim = spend(0, -1);
        verify(lock, claim, Witness.of(sign(claim, ws, 1, MAIN), preimage, new byte[] {1}, ws.toByteArray()));
        Transaction refund = spend(0, 144);
        verify(lock, refund, Witness.of(sign(refund, ws, 2, MAIN), new byte[0], ws.toByteArray()));
        Transaction early = spend(0, 143);
        assertThat(failure(lock, early, Witness.of(sign(early, ws, 2, MAIN), new byte[0], ws.toByteArray()))).isEqualTo(ScriptError.UNSATISFIED_LOCKTIME);
        assertThat(failure(lock, claim, Witness.of(sign(claim, ws, 1, MAIN), preimage, new byte[] {2}, ws.toByteArray()))).isEqualTo(ScriptError.MINIMALIF);
    }

    // ---- program versions, clean stack, batch ----

    @Test
    void otherProgramsAndCleanStack() throws ScriptException {
        Transaction tx = spend(0, -1);
        verify(new WitnessProgram(2, new byte[32]).toScript(), tx, Witness.EMPTY);
        assertThat(failure(Script.fromHex("6a0401020304"), tx, Witness.EMPTY)).isEqualTo(ScriptError.UNSPENDABLE);
        assertThat(failure(Script.fromHex("51"), tx, Witness.of(new byte[] {1}))).isEqualTo(ScriptError.CLEANSTACK);
        assertThat(failure(Script.fromHex("00"), tx, Witness.EMPTY)).isEqualTo(ScriptError.EVAL_FALSE);
        assertThat(failure(Script.fromHex("75"), tx, Witness.of(new byte[] {1}))).isEqualTo(ScriptError.EVAL_FALSE);
        assertThat(failure(Script.fromHex("51"), tx, Witness.of(new byte[521]))).isEqualTo(ScriptError.PUSH_SIZE);
        Script v1short = new WitnessProgram(1, new byte[20]).toScript();
        assertThat(failure(v1short, tx, Witness.of(new byte[0]))).isEqualTo(ScriptError.WITNESS_PROGRAM_LENGTH);
        assertThat(WitnessProgram.parse(Script.fromHex("0014" + "00".repeat(20)))).isPresent();
        assertThat(WitnessProgram.parse(Script.fromHex("0015" + "00".repeat(20)))).isEmpty();
        assertThat(WitnessProgram.parse(Script.fromHex("4f14" + "00".repeat(20)))).isEmpty();
    }

    @Test
    void deferredBatchVerificationAgreesWithImmediate() throws ScriptException {
        Script ws = TestVectors.multisigScript();
        Script lock = Templates.payToScriptHash(ws);
        Transaction tx = spend(0, -1);
        byte[] s1 = sign(tx, ws, 1, MAIN), s3 = sign(tx, ws, 3, MAIN);
        Witness good = Witness.of(s1, new byte[0], s3, ws.toByteArray());
        Transaction t = tx.withWitnesses(List.of(good));
        Ed25519BatchVerifier batch = new Ed25519BatchVerifier();
        ScriptInterpreter.verifyInput(lock, good, new ScriptInterpreter.Context(t, 0, VALUE, new SigHash(t, MAIN), ScriptInterpreter.deferredChecker(batch)));
        assertThat(batch.size()).isEqualTo(2);
        assertThat(batch.verifyAll()).isTrue();
        byte[] bad = s3.clone();
        bad[10] ^= 1;
        Witness corrupted = Witness.of(s1, new byte[0], bad, ws.toByteArray());
        Transaction t2 = tx.withWitnesses(List.of(corrupted));
        Ed25519BatchVerifier batch2 = new Ed25519BatchVerifier();
        ScriptInterpreter.verifyInput(lock, corrupted, new ScriptInterpreter.Context(t2, 0, VALUE, new SigHash(t2, MAIN), ScriptInterpreter.deferredChecker(batch2)));
        assertThat(batch2.verifyAll()).isFalse();
        assertThat(failure(lock, tx, corrupted)).isEqualTo(ScriptError.NULLFAIL);
    }

    @Test
    void wholeTransactionVerification() {
        Transaction v = TestVectors.p2khSpend(MAIN);
        TxOutput funding = new TxOutput(VALUE, Templates.payToKeyHash(pub(1)));
        assertThat(ScriptInterpreter.verifyTransaction(v, List.of(funding), MAIN, ScriptInterpreter.immediateChecker()).accepted()).isTrue();
        var r = ScriptInterpreter.verifyTransaction(v, List.of(funding), TEST, ScriptInterpreter.immediateChecker());
        assertThat(r.rule()).isEqualTo(org.flowcoin.primitives.consensus.Rule.TX_SCRIPT);
        assertThat(r.reason()).startsWith("input 0: SCR-21 ");
        TxOutput other = new TxOutput(VALUE, Templates.payToKeyHash(pub(2)));
        assertThat(ScriptInterpreter.verifyTransaction(v, List.of(other), MAIN, ScriptInterpreter.immediateChecker()).reason()).startsWith("input 0: SCR-14 ");
    }

    @Test
    void sigHashCommitsToTagMagicAndFields() {
        Transaction tx = spend(0, -1);
        Script code = Templates.keyHashScriptCode(Templates.keyHash(pub(1)));
        byte[] main = new SigHash(tx, MAIN).digest(0, code, VALUE);
        assertThat(main).isNotEqualTo(new SigHash(tx, TEST).digest(0, code, VALUE));
        assertThat(main).isNotEqualTo(new SigHash(tx, MAIN).digest(0, code, VALUE + 1));
        assertThat(main).isNotEqualTo(new SigHash(tx, MAIN).digest(0, Templates.keyHashScriptCode(Templates.keyHash(pub(2))), VALUE));
        assertThat(main).isNotEqualTo(new SigHash(spend(0, 5), MAIN).digest(0, code, VALUE));
        // Independent re-computation of the preimage from the spec's field list.
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1000).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(org.flowcoin.crypto.Keccak.keccak256(TestVectors.ascii("FlowCoin/sighash/v1")));
        b.put(new byte[] {(byte) 0xf1, (byte) 0xc0, 0x1e, 0x01});
        b.putInt(1);
        b.put(org.flowcoin.crypto.Keccak.keccak256d(cat(TestVectors.FUNDING.txid().toByteArray(), new byte[4])));
        b.put(org.flowcoin.crypto.Keccak.keccak256d(new byte[] {-1, -1, -1, -1}));
        b.put(TestVectors.FUNDING.txid().toByteArray()).putInt(0);
        b.put((byte) code.size()).put(code.toByteArray());
        b.putLong(VALUE).putInt(-1);
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(8 + 1 + 22).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.putLong(VALUE - 1000).put((byte) 22).put(Templates.payToKeyHash(pub(9)).toByteArray());
        b.put(org.flowcoin.crypto.Keccak.keccak256d(out.array()));
        b.putInt(0).putInt(1);
        byte[] pre = Arrays.copyOf(b.array(), b.position());
        assertThat(main).isEqualTo(org.flowcoin.crypto.Keccak.keccak256d(pre));
    }
}
