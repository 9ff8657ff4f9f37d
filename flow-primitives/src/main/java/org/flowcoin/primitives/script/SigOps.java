package org.flowcoin.primitives.script;

import java.util.Optional;
import org.flowcoin.primitives.tx.Witness;

/**
 * Signature-operation counting for the per-block budget (rule BLK-12, docs/spec/primitives.md
 * §4.8): a static count over script bytes, so that a block's worst-case verification cost is known
 * before any signature is checked.
 *
 * <pre>{@code
 * int cost = SigOps.ofInput(spentOutput.script(), tx.witness(i));
 * if ((total += cost) > SigOps.MAX_BLOCK_SIGOPS) reject();
 * }</pre>
 */
public final class SigOps {
    /**
     * At most this many signature operations per block: Bitcoin's 80,000 budget, about 4 s of
     * single-core Ed25519 verification in the worst case, where an unbounded max-weight block
     * could demand about 870,000.
     */
    public static final int MAX_BLOCK_SIGOPS = 80_000;

    private SigOps() {}

    /**
     * The signature operations of {@code script}: OP_CHECKSIG and OP_CHECKSIGVERIFY count 1;
     * OP_CHECKMULTISIG and OP_CHECKMULTISIGVERIFY count n when the opcode before them is OP_1..OP_16
     * (n = its value), else 20 (the most keys a multisig may have). Counting stops at a push that
     * runs past the end (such a script fails anyway; everything before it is counted).
     */
    public static int count(Script script) {
        byte[] s = script.raw();
        int n = 0;
        int prev = -1;
        int pc = 0;
        while (pc < s.length) {
            int op = s[pc++] & 0xff;
            if (op <= Opcodes.OP_PUSHDATA4) {
                long len;
                if (op < Opcodes.OP_PUSHDATA1) {
                    len = op;
                } else if (op == Opcodes.OP_PUSHDATA1) {
                    if (pc + 1 > s.length) break;
                    len = s[pc] & 0xff;
                    pc += 1;
                } else if (op == Opcodes.OP_PUSHDATA2) {
                    if (pc + 2 > s.length) break;
                    len = (s[pc] & 0xff) | (s[pc + 1] & 0xff) << 8;
                    pc += 2;
                } else {
                    if (pc + 4 > s.length) break;
                    len = (s[pc] & 0xffL) | (s[pc + 1] & 0xffL) << 8 | (s[pc + 2] & 0xffL) << 16 | (s[pc + 3] & 0xffL) << 24;
                    pc += 4;
                }
                if (len > s.length - pc) break;
                pc += (int) len;
            } else if (op == Opcodes.OP_CHECKSIG || op == Opcodes.OP_CHECKSIGVERIFY) {
                n++;
            } else if (op == Opcodes.OP_CHECKMULTISIG || op == Opcodes.OP_CHECKMULTISIGVERIFY) {
                n += prev >= Opcodes.OP_1 && prev <= Opcodes.OP_16 ? prev - Opcodes.OP_1 + 1 : ScriptInterpreter.MAX_MULTISIG_KEYS;
            }
            prev = op;
        }
        return n;
    }

    /**
     * The signature operations spending an output locked by {@code lock} with {@code witness} costs:
     * a v0 key-hash program 1; a v1 script-hash program the count of its witness script (the last
     * witness item; 0 without one); other program versions and OP_RETURN outputs 0 (they run no
     * signature check); a bare script the count of the locking script.
     */
    public static int ofInput(Script lock, Witness witness) {
        Optional<WitnessProgram> wp = WitnessProgram.parse(lock);
        if (wp.isPresent()) {
            return switch (wp.get().version()) {
                case 0 -> 1;
                case 1 -> witness.size() == 0 ? 0 : count(Script.wrap(witness.item(witness.size() - 1)));
                default -> 0;
            };
        }
        if (lock.isUnspendable()) return 0;
        return count(lock);
    }
}
