package org.flowcoin.primitives.script;

import static org.flowcoin.primitives.script.Opcodes.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.flowcoin.crypto.Ed25519;
import org.flowcoin.crypto.Ed25519BatchVerifier;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.primitives.consensus.Rule;
import org.flowcoin.primitives.consensus.Verdict;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.Witness;

/**
 * Executes the script subset (docs/spec/primitives.md §4) and verifies transaction inputs.
 *
 * <p>Signature checks use NULLFAIL semantics: a non-empty signature that does not verify fails the
 * script, so the outcome never depends on a signature being invalid. That makes deferred (batch)
 * verification exact: {@link #deferredChecker(Ed25519BatchVerifier)} collects every signature and the
 * caller accepts the block only if the batch verifies.
 *
 * <pre>{@code
 * SigHash sh = new SigHash(tx, params);
 * var ctx = new ScriptInterpreter.Context(tx, 0, spentValue, sh, ScriptInterpreter.immediateChecker());
 * ScriptInterpreter.verifyInput(spentOutput.script(), tx.witness(0), ctx); // throws ScriptException
 * }</pre>
 */
public final class ScriptInterpreter {
    public static final int MAX_ELEMENT_SIZE = 520;
    public static final int MAX_STACK_SIZE = 1_000;
    public static final int MAX_OPS = 201;
    public static final int MAX_MULTISIG_KEYS = 20;
    /** Locktime values below this are heights, at or above it Unix times. */
    public static final long LOCKTIME_THRESHOLD = 500_000_000L;

    private ScriptInterpreter() {}

    /** Verifies one Ed25519 signature over a 32-byte digest. */
    @FunctionalInterface
    public interface SignatureChecker {
        boolean check(byte[] pubkey, byte[] digest, byte[] signature64);
    }

    /** Verifies each signature on the spot. */
    public static SignatureChecker immediateChecker() {
        return Ed25519::verify;
    }

    /** Adds each signature to {@code batch} and reports success; the batch verdict decides. */
    public static SignatureChecker deferredChecker(Ed25519BatchVerifier batch) {
        Objects.requireNonNull(batch, "batch");
        return (pub, digest, sig) -> {
            batch.add(pub, digest, sig);
            return true;
        };
    }

    /**
     * What a script may inspect: the spending transaction, the input, the value it spends.
     *
     * @param sigHash the signature-hash cache of {@code tx} (carries the network magic)
     */
    public record Context(Transaction tx, int inputIndex, long amount, SigHash sigHash, SignatureChecker checker) {
        public Context {
            Objects.requireNonNull(tx, "tx");
            Objects.requireNonNull(sigHash, "sigHash");
            Objects.requireNonNull(checker, "checker");
            if (inputIndex < 0 || inputIndex >= tx.inputs().size()) throw new IllegalArgumentException("input index");
        }
    }

    /**
     * Verifies that {@code witness} unlocks {@code lock}.
     *
     * <ul>
     *   <li>v0 program (20 bytes): witness = (signature, pubkey); runs {@link Templates#keyHashScriptCode}.
     *   <li>v1 program (32 bytes): witness = (items..., script), Keccak-256(script) = program; runs script over items.
     *   <li>v2..v16 programs: reserved for upgrades, accepted without checks.
     *   <li>OP_RETURN-led scripts: never spendable.
     *   <li>Any other script ("bare"): the witness items are the initial stack, the locking script runs on them.
     * </ul>
     * All paths end with the clean-stack rule: exactly one element, true.
     */
    public static void verifyInput(Script lock, Witness witness, Context ctx) throws ScriptException {
        if (witness.size() > MAX_STACK_SIZE) throw new ScriptException(ScriptError.STACK_SIZE);
        Optional<WitnessProgram> wp = WitnessProgram.parse(lock);
        List<byte[]> items = witness.items();
        if (wp.isPresent()) {
            WitnessProgram p = wp.get();
            byte[] prog = p.program();
            Script code;
            List<byte[]> stack;
            switch (p.version()) {
                case 0 -> {
                    if (prog.length != Templates.KEY_HASH_SIZE) throw new ScriptException(ScriptError.WITNESS_PROGRAM_LENGTH);
                    if (items.size() != 2) throw new ScriptException(ScriptError.WITNESS_UNEXPECTED);
                    code = Templates.keyHashScriptCode(prog);
                    stack = items;
                }
                case 1 -> {
                    if (prog.length != 32) throw new ScriptException(ScriptError.WITNESS_PROGRAM_LENGTH);
                    if (items.isEmpty()) throw new ScriptException(ScriptError.WITNESS_UNEXPECTED);
                    byte[] scriptBytes = items.get(items.size() - 1);
                    if (scriptBytes.length > Script.MAX_SIZE) throw new ScriptException(ScriptError.SCRIPT_SIZE);
                    if (!Arrays.equals(Keccak.keccak256(scriptBytes), prog)) throw new ScriptException(ScriptError.WITNESS_PROGRAM_MISMATCH);
                    code = Script.wrap(scriptBytes);
                    stack = new ArrayList<>(items.subList(0, items.size() - 1));
                }
                default -> {
                    return;
                }
            }
            finish(execute(code, stack, ctx));
            return;
        }
        if (lock.isUnspendable()) throw new ScriptException(ScriptError.UNSPENDABLE);
        finish(execute(lock, items, ctx));
    }

    /**
     * Verifies every input of {@code tx} against the outputs it spends (in input order), sharing
     * one signature-hash cache. Pass {@link #deferredChecker} to batch the signatures of a block.
     *
     * @return accepted, or TX-13 with the input index and the script rule (SCR-n) in the reason
     */
    public static Verdict verifyTransaction(Transaction tx, List<org.flowcoin.primitives.tx.TxOutput> spent,
            org.flowcoin.primitives.ChainParams params, SignatureChecker checker) {
        if (spent.size() != tx.inputs().size()) throw new IllegalArgumentException("one spent output per input");
        SigHash sh = new SigHash(tx, params);
        for (int i = 0; i < spent.size(); i++) {
            try {
                verifyInput(spent.get(i).script(), tx.witness(i), new Context(tx, i, spent.get(i).value(), sh, checker));
            } catch (ScriptException e) {
                return Verdict.reject(Rule.TX_SCRIPT, "input " + i + ": " + e.error().ruleId() + " " + e.error().description());
            }
        }
        return Verdict.accept();
    }

    private static void finish(List<byte[]> stack) throws ScriptException {
        if (stack.isEmpty()) throw new ScriptException(ScriptError.EVAL_FALSE);
        if (!ScriptNum.toBool(stack.get(stack.size() - 1))) throw new ScriptException(ScriptError.EVAL_FALSE);
        if (stack.size() != 1) throw new ScriptException(ScriptError.CLEANSTACK);
    }

    /**
     * Runs {@code script} over a copy of {@code initialStack} (bottom first) and returns the final
     * stack. {@code ctx} may be null for scripts without signature or lock-time opcodes.
     */
    public static List<byte[]> execute(Script script, List<byte[]> initialStack, Context ctx) throws ScriptException {
        byte[] s = script.raw();
        if (s.length > Script.MAX_SIZE) throw new ScriptException(ScriptError.SCRIPT_SIZE);
        ArrayList<byte[]> st = new ArrayList<>(initialStack.size() + 8);
        for (byte[] b : initialStack) {
            if (b.length > MAX_ELEMENT_SIZE) throw new ScriptException(ScriptError.PUSH_SIZE);
            st.add(b);
        }
        if (st.size() > MAX_STACK_SIZE) throw new ScriptException(ScriptError.STACK_SIZE);
        ArrayList<byte[]> alt = new ArrayList<>();
        // Condition stack as a depth counter plus the depth of the first false branch (-1: none).
        boolean[] cond = new boolean[s.length + 1];
        int condDepth = 0;
        int falseCount = 0;
        int ops = 0;
        int pc = 0;
        while (pc < s.length) {
            boolean exec = falseCount == 0;
            int op = s[pc++] & 0xff;
            if (op <= OP_PUSHDATA4) {
                int len;
                if (op < OP_PUSHDATA1) {
                    len = op;
                } else if (op == OP_PUSHDATA1) {
                    if (pc + 1 > s.length) throw new ScriptException(ScriptError.MALFORMED_PUSH);
                    len = s[pc++] & 0xff;
                } else if (op == OP_PUSHDATA2) {
                    if (pc + 2 > s.length) throw new ScriptException(ScriptError.MALFORMED_PUSH);
                    len = (s[pc] & 0xff) | (s[pc + 1] & 0xff) << 8;
                    pc += 2;
                } else {
                    if (pc + 4 > s.length) throw new ScriptException(ScriptError.MALFORMED_PUSH);
                    long l = (s[pc] & 0xffL) | (s[pc + 1] & 0xffL) << 8 | (s[pc + 2] & 0xffL) << 16 | (s[pc + 3] & 0xffL) << 24;
                    pc += 4;
                    len = (int) Math.min(l, Integer.MAX_VALUE);
                }
                if (len > s.length - pc) throw new ScriptException(ScriptError.MALFORMED_PUSH);
                if (len > MAX_ELEMENT_SIZE) throw new ScriptException(ScriptError.PUSH_SIZE);
                byte[] data = Arrays.copyOfRange(s, pc, pc + len);
                pc += len;
                if (exec) {
                    if (!isMinimalPush(op, data)) throw new ScriptException(ScriptError.MINIMALDATA);
                    st.add(data);
                }
            } else {
                if (!Opcodes.isDefined(op)) throw new ScriptException(ScriptError.BAD_OPCODE);
                if (op > OP_16 && ++ops > MAX_OPS) throw new ScriptException(ScriptError.OP_COUNT);
                if (op == OP_IF || op == OP_NOTIF) {
                    boolean value = false;
                    if (exec) {
                        byte[] top = pop(st);
                        if (top.length > 1 || (top.length == 1 && top[0] != 1)) throw new ScriptException(ScriptError.MINIMALIF);
                        value = top.length == 1;
                        if (op == OP_NOTIF) value = !value;
                    }
                    cond[condDepth++] = value;
                    if (!value) falseCount++;
                } else if (op == OP_ELSE) {
                    if (condDepth == 0) throw new ScriptException(ScriptError.UNBALANCED_CONDITIONAL);
                    boolean v = cond[condDepth - 1];
                    // falseCount counts false entries, so an enclosing false branch keeps this one skipped.
                    if (v) {
                        falseCount++;
                    } else {
                        falseCount--;
                    }
                    cond[condDepth - 1] = !v;
                } else if (op == OP_ENDIF) {
                    if (condDepth == 0) throw new ScriptException(ScriptError.UNBALANCED_CONDITIONAL);
                    if (!cond[--condDepth]) falseCount--;
                } else if (exec) {
                    if (op == OP_CHECKMULTISIG || op == OP_CHECKMULTISIGVERIFY) ops = countMultisigKeys(st, ops);
                    step(op, st, alt, ctx, script);
                }
            }
            if (st.size() + alt.size() > MAX_STACK_SIZE) throw new ScriptException(ScriptError.STACK_SIZE);
        }
        if (condDepth != 0) throw new ScriptException(ScriptError.UNBALANCED_CONDITIONAL);
        return st;
    }

    private static boolean isMinimalPush(int op, byte[] d) {
        int n = d.length;
        if (n == 0) return op == OP_0;
        if (n == 1 && d[0] >= 1 && d[0] <= 16) return false;
        if (n == 1 && (d[0] & 0xff) == 0x81) return false;
        if (n < OP_PUSHDATA1) return op == n;
        if (n <= 0xff) return op == OP_PUSHDATA1;
        return op == OP_PUSHDATA2;
    }

    private static byte[] pop(List<byte[]> st) throws ScriptException {
        if (st.isEmpty()) throw new ScriptException(ScriptError.INVALID_STACK_OPERATION);
        return st.remove(st.size() - 1);
    }

    private static byte[] top(List<byte[]> st, int fromTop) throws ScriptException {
        if (st.size() < fromTop) throw new ScriptException(ScriptError.INVALID_STACK_OPERATION);
        return st.get(st.size() - fromTop);
    }

    private static void need(List<byte[]> st, int n) throws ScriptException {
        if (st.size() < n) throw new ScriptException(ScriptError.INVALID_STACK_OPERATION);
    }

    /**
     * SCR-5 for multisig (Bitcoin's rule): the key count n on top of the stack is added to the
     * operation count before any key or signature is read. A missing or out-of-range n is left for
     * checkMultisig to report.
     */
    private static int countMultisigKeys(List<byte[]> st, int ops) throws ScriptException {
        if (st.isEmpty()) return ops;
        long n = ScriptNum.decode(st.get(st.size() - 1), 4);
        if (n < 1 || n > MAX_MULTISIG_KEYS) return ops;
        ops += (int) n;
        if (ops > MAX_OPS) throw new ScriptException(ScriptError.OP_COUNT);
        return ops;
    }

    private static long num(List<byte[]> st) throws ScriptException {
        return ScriptNum.decode(pop(st), 4);
    }

    private static byte[] bool(boolean b) {
        return b ? new byte[] {1} : new byte[0];
    }

    private static void step(int op, ArrayList<byte[]> st, ArrayList<byte[]> alt, Context ctx, Script script) throws ScriptException {
        int n = st.size();
        switch (op) {
            case OP_1NEGATE -> st.add(ScriptNum.encode(-1));
            case OP_NOP -> { }
            case OP_VERIFY -> {
                if (!ScriptNum.toBool(pop(st))) throw new ScriptException(ScriptError.VERIFY);
            }
            case OP_RETURN -> throw new ScriptException(ScriptError.OP_RETURN);
            case OP_TOALTSTACK -> alt.add(pop(st));
            case OP_FROMALTSTACK -> {
                if (alt.isEmpty()) throw new ScriptException(ScriptError.INVALID_STACK_OPERATION);
                st.add(alt.remove(alt.size() - 1));
            }
            case OP_2DROP -> {
                need(st, 2);
                st.remove(n - 1);
                st.remove(n - 2);
            }
            case OP_2DUP -> {
                need(st, 2);
                st.add(st.get(n - 2));
                st.add(st.get(n - 1));
            }
            case OP_3DUP -> {
                need(st, 3);
                st.add(st.get(n - 3));
                st.add(st.get(n - 2));
                st.add(st.get(n - 1));
            }
            case OP_2OVER -> {
                need(st, 4);
                st.add(st.get(n - 4));
                st.add(st.get(n - 3));
            }
            case OP_2ROT -> {
                need(st, 6);
                byte[] a = st.remove(n - 6);
                byte[] b = st.remove(n - 6);
                st.add(a);
                st.add(b);
            }
            case OP_2SWAP -> {
                need(st, 4);
                byte[] a = st.remove(n - 4);
                byte[] b = st.remove(n - 4);
                st.add(a);
                st.add(b);
            }
            case OP_IFDUP -> {
                byte[] t = top(st, 1);
                if (ScriptNum.toBool(t)) st.add(t);
            }
            case OP_DEPTH -> st.add(ScriptNum.encode(n));
            case OP_DROP -> pop(st);
            case OP_DUP -> st.add(top(st, 1));
            case OP_NIP -> {
                need(st, 2);
                st.remove(n - 2);
            }
            case OP_OVER -> st.add(top(st, 2));
            case OP_PICK, OP_ROLL -> {
                long k = num(st);
                if (k < 0 || k >= st.size()) throw new ScriptException(ScriptError.INVALID_STACK_OPERATION);
                int idx = st.size() - 1 - (int) k;
                byte[] v = op == OP_ROLL ? st.remove(idx) : st.get(idx);
                st.add(v);
            }
            case OP_ROT -> {
                need(st, 3);
                st.add(st.remove(n - 3));
            }
            case OP_SWAP -> {
                need(st, 2);
                st.add(st.remove(n - 2));
            }
            case OP_TUCK -> {
                need(st, 2);
                st.add(n - 2, st.get(n - 1));
            }
            case OP_SIZE -> st.add(ScriptNum.encode(top(st, 1).length));
            case OP_EQUAL, OP_EQUALVERIFY -> {
                byte[] b = pop(st);
                byte[] a = pop(st);
                boolean eq = Arrays.equals(a, b);
                if (op == OP_EQUALVERIFY) {
                    if (!eq) throw new ScriptException(ScriptError.EQUALVERIFY);
                } else {
                    st.add(bool(eq));
                }
            }
            case OP_1ADD -> st.add(ScriptNum.encode(num(st) + 1));
            case OP_1SUB -> st.add(ScriptNum.encode(num(st) - 1));
            case OP_NEGATE -> st.add(ScriptNum.encode(-num(st)));
            case OP_ABS -> st.add(ScriptNum.encode(Math.abs(num(st))));
            case OP_NOT -> st.add(bool(num(st) == 0));
            case OP_0NOTEQUAL -> st.add(bool(num(st) != 0));
            case OP_ADD, OP_SUB, OP_BOOLAND, OP_BOOLOR, OP_NUMEQUAL, OP_NUMEQUALVERIFY, OP_NUMNOTEQUAL, OP_LESSTHAN,
                    OP_GREATERTHAN, OP_LESSTHANOREQUAL, OP_GREATERTHANOREQUAL, OP_MIN, OP_MAX -> {
                need(st, 2);
                long b = num(st);
                long a = num(st);
                switch (op) {
                    case OP_ADD -> st.add(ScriptNum.encode(a + b));
                    case OP_SUB -> st.add(ScriptNum.encode(a - b));
                    case OP_BOOLAND -> st.add(bool(a != 0 && b != 0));
                    case OP_BOOLOR -> st.add(bool(a != 0 || b != 0));
                    case OP_NUMEQUAL -> st.add(bool(a == b));
                    case OP_NUMEQUALVERIFY -> {
                        if (a != b) throw new ScriptException(ScriptError.NUMEQUALVERIFY);
                    }
                    case OP_NUMNOTEQUAL -> st.add(bool(a != b));
                    case OP_LESSTHAN -> st.add(bool(a < b));
                    case OP_GREATERTHAN -> st.add(bool(a > b));
                    case OP_LESSTHANOREQUAL -> st.add(bool(a <= b));
                    case OP_GREATERTHANOREQUAL -> st.add(bool(a >= b));
                    case OP_MIN -> st.add(ScriptNum.encode(Math.min(a, b)));
                    default -> st.add(ScriptNum.encode(Math.max(a, b)));
                }
            }
            case OP_WITHIN -> {
                need(st, 3);
                long max = num(st);
                long min = num(st);
                long x = num(st);
                st.add(bool(min <= x && x < max));
            }
            case OP_KECCAK256 -> st.add(Keccak.keccak256(pop(st)));
            case OP_KECCAK160 -> st.add(Templates.keyHash(pop(st)));
            case OP_KECCAK256D -> st.add(Keccak.keccak256d(pop(st)));
            case OP_CHECKSIG, OP_CHECKSIGVERIFY -> {
                need(st, 2);
                byte[] pub = pop(st);
                byte[] sig = pop(st);
                boolean ok = checkSig(sig, pub, requireCtx(ctx), script);
                if (op == OP_CHECKSIGVERIFY) {
                    if (!ok) throw new ScriptException(ScriptError.CHECKSIGVERIFY);
                } else {
                    st.add(bool(ok));
                }
            }
            case OP_CHECKMULTISIG, OP_CHECKMULTISIGVERIFY -> {
                boolean ok = checkMultisig(st, requireCtx(ctx), script);
                if (op == OP_CHECKMULTISIGVERIFY) {
                    if (!ok) throw new ScriptException(ScriptError.CHECKMULTISIGVERIFY);
                } else {
                    st.add(bool(ok));
                }
            }
            case OP_CHECKLOCKTIMEVERIFY -> checkLockTime(ScriptNum.decode(top(st, 1), 5), requireCtx(ctx));
            case OP_CHECKSEQUENCEVERIFY -> checkSequence(ScriptNum.decode(top(st, 1), 5), requireCtx(ctx));
            default -> {
                if (op >= OP_1 && op <= OP_16) {
                    st.add(ScriptNum.encode(op - OP_1 + 1));
                } else {
                    throw new ScriptException(ScriptError.BAD_OPCODE);
                }
            }
        }
    }

    private static Context requireCtx(Context ctx) {
        if (ctx == null) throw new IllegalStateException("this script needs a transaction context");
        return ctx;
    }

    /** Empty signature: false. Otherwise 64 + 1 bytes with 0x01 last, and it must verify (NULLFAIL). */
    private static boolean checkSig(byte[] sig, byte[] pub, Context ctx, Script code) throws ScriptException {
        if (pub.length != 32) throw new ScriptException(ScriptError.PUBKEY_ENCODING);
        if (sig.length == 0) return false;
        if (sig.length != 65) throw new ScriptException(ScriptError.SIG_ENCODING);
        if (sig[64] != SigHash.SIGHASH_ALL) throw new ScriptException(ScriptError.SIG_HASHTYPE);
        byte[] digest = ctx.sigHash().digest(ctx.inputIndex(), code, ctx.amount());
        if (!ctx.checker().check(pub, digest, Arrays.copyOf(sig, 64))) throw new ScriptException(ScriptError.NULLFAIL);
        return true;
    }

    /**
     * Stack (bottom to top): s_1 .. s_n, m, k_1 .. k_n, n. Slot s_i belongs to key k_i and is either
     * empty or a signature. All slots empty: false. Exactly m signatures: each must verify, true.
     * Any other count: error.
     */
    private static boolean checkMultisig(ArrayList<byte[]> st, Context ctx, Script code) throws ScriptException {
        long n = num(st);
        if (n < 1 || n > MAX_MULTISIG_KEYS) throw new ScriptException(ScriptError.PUBKEY_COUNT);
        need(st, (int) n + 1);
        byte[][] keys = new byte[(int) n][];
        for (int i = (int) n - 1; i >= 0; i--) keys[i] = pop(st);
        long m = num(st);
        if (m < 1 || m > n) throw new ScriptException(ScriptError.SIG_COUNT);
        need(st, (int) n);
        byte[][] sigs = new byte[(int) n][];
        for (int i = (int) n - 1; i >= 0; i--) sigs[i] = pop(st);
        int present = 0;
        for (int i = 0; i < n; i++) {
            if (keys[i].length != 32) throw new ScriptException(ScriptError.PUBKEY_ENCODING);
            if (sigs[i].length != 0) present++;
        }
        if (present == 0) return false;
        if (present != m) throw new ScriptException(ScriptError.SIG_COUNT);
        for (int i = 0; i < n; i++) {
            if (sigs[i].length != 0) checkSig(sigs[i], keys[i], ctx, code);
        }
        return true;
    }

    private static void checkLockTime(long lock, Context ctx) throws ScriptException {
        if (lock < 0) throw new ScriptException(ScriptError.NEGATIVE_LOCKTIME);
        long txLock = ctx.tx().lockTime() & 0xffff_ffffL;
        boolean sameKind = (txLock < LOCKTIME_THRESHOLD) == (lock < LOCKTIME_THRESHOLD);
        if (!sameKind || lock > txLock) throw new ScriptException(ScriptError.UNSATISFIED_LOCKTIME);
        if (ctx.tx().inputs().get(ctx.inputIndex()).sequence() == TxInput.SEQUENCE_FINAL) {
            throw new ScriptException(ScriptError.UNSATISFIED_LOCKTIME);
        }
    }

    private static void checkSequence(long operand, Context ctx) throws ScriptException {
        if (operand < 0) throw new ScriptException(ScriptError.NEGATIVE_LOCKTIME);
        if ((operand & TxInput.SEQUENCE_DISABLE_FLAG & 0xffff_ffffL) != 0) return;
        // Time-based relative locks are reserved in v1.
        if ((operand & TxInput.SEQUENCE_TYPE_FLAG) != 0) throw new ScriptException(ScriptError.UNSATISFIED_LOCKTIME);
        int seq = ctx.tx().inputs().get(ctx.inputIndex()).sequence();
        if ((seq & TxInput.SEQUENCE_DISABLE_FLAG) != 0 || (seq & TxInput.SEQUENCE_TYPE_FLAG) != 0) {
            throw new ScriptException(ScriptError.UNSATISFIED_LOCKTIME);
        }
        if ((operand & TxInput.SEQUENCE_MASK) > (seq & TxInput.SEQUENCE_MASK)) throw new ScriptException(ScriptError.UNSATISFIED_LOCKTIME);
    }
}
