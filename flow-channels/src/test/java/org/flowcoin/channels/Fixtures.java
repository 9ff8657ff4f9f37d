package org.flowcoin.channels;

import java.util.Arrays;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.script.ScriptError;
import org.flowcoin.primitives.script.ScriptException;
import org.flowcoin.primitives.script.ScriptInterpreter;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxOutput;

/** Keys and the interpreter run shared by the channel tests (regtest parameters). */
public final class Fixtures {
    private Fixtures() {}

    public static final ChainParams PARAMS = ChainParams.regtest();

    /** 32 bytes of {@code v}. */
    public static byte[] filled(int v) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) v);
        return b;
    }

    /** Test key n: seed of 32 bytes n. */
    public static Ed25519PrivateKey key(int n) {
        return Ed25519PrivateKey.fromSeed(filled(n));
    }

    public static byte[] pub(int n) {
        return key(n).publicKey().toByteArray();
    }

    /** Runs input {@code index} of {@code tx} (witness included) against the output it spends. */
    public static void verify(Transaction tx, int index, TxOutput prev) throws ScriptException {
        ScriptInterpreter.verifyInput(prev.script(), tx.witness(index), new ScriptInterpreter.Context(
                tx, index, prev.value(), new SigHash(tx, PARAMS), ScriptInterpreter.immediateChecker()));
    }

    /** The error input {@code index} fails with; an accepted input fails the test. */
    public static ScriptError failure(Transaction tx, int index, TxOutput prev) {
        try {
            verify(tx, index, prev);
        } catch (ScriptException e) {
            return e.error();
        }
        throw new AssertionError("script was accepted");
    }

    /** Code that may refuse with the module's exception (or fail with an I/O error). */
    @FunctionalInterface
    public interface Refusable {
        void run() throws ChannelException, java.io.IOException;
    }

    /** The reason {@code r} refuses with; not refusing fails the test. */
    public static ChannelException.Reason reason(Refusable r) throws java.io.IOException {
        try {
            r.run();
        } catch (ChannelException e) {
            return e.reason();
        }
        throw new AssertionError("no ChannelException");
    }
}
