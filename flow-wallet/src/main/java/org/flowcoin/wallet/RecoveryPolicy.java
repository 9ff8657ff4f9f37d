package org.flowcoin.wallet;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.flowcoin.crypto.Address;
import org.flowcoin.crypto.AddressNetwork;
import org.flowcoin.crypto.Ed25519PublicKey;
import org.flowcoin.primitives.script.Opcodes;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.ScriptBuilder;
import org.flowcoin.primitives.script.ScriptInterpreter;
import org.flowcoin.primitives.script.Templates;

/**
 * The recovery policy every wallet must have (protocol.md §9). Each receiving address is the
 * v1 script-hash address of a policy script that names the address's own owner key, so the
 * policy is enforced by consensus, not by wallet software.
 *
 * <pre>
 * heartbeat:  OP_IF &lt;owner&gt; OP_CHECKSIG
 *             OP_ELSE &lt;N&gt; OP_CHECKSEQUENCEVERIFY OP_DROP &lt;recovery&gt; OP_CHECKSIG OP_ENDIF
 * social:     OP_IF &lt;owner&gt; OP_CHECKSIG
 *             OP_ELSE &lt;W&gt; OP_CHECKSEQUENCEVERIFY OP_DROP OP_m &lt;g1&gt;..&lt;gn&gt; OP_n OP_CHECKMULTISIG OP_ENDIF
 * </pre>
 *
 * The relative lock counts from the block that created the coin, so any owner spend (for example
 * a heartbeat self-send) restarts the clock, and an owner spend before the guardians' waiting
 * period ends cancels their recovery (the coin they target is gone).
 *
 * <pre>{@code
 * RecoveryPolicy p = new RecoveryPolicy.Heartbeat(recoveryKey, 52_560);       // ~1 year of blocks
 * RecoveryPolicy s = new RecoveryPolicy.Social(2, List.of(g1, g2, g3), 4_320); // 2-of-3 after ~30 days
 * Address a = p.address(AddressNetwork.MAIN, ownerKey);                        // fl1p...
 * }</pre>
 */
public sealed interface RecoveryPolicy permits RecoveryPolicy.Heartbeat, RecoveryPolicy.Social {

    /** CSV counts blocks in the low 16 bits of the sequence. */
    int MAX_DELAY_BLOCKS = 0xffff;
    /** Guardian limit: the multisig key limit of the interpreter. */
    int MAX_GUARDIANS = ScriptInterpreter.MAX_MULTISIG_KEYS;

    /** Blocks a coin must be buried before the recovery branch may spend it. */
    int delayBlocks();

    /** The script whose Keccak-256 is the v1 witness program for {@code owner}. */
    Script witnessScript(Ed25519PublicKey owner);

    /** {@code OP_1 <Keccak-256(witnessScript(owner))>}. */
    default Script lockingScript(Ed25519PublicKey owner) {
        return Templates.payToScriptHash(witnessScript(owner));
    }

    /** The v1 script-hash address for {@code owner}. */
    default Address address(AddressNetwork network, Ed25519PublicKey owner) {
        return Address.scriptHash(network, witnessScript(owner).toByteArray());
    }

    /**
     * Owner key, or the recovery key once a coin has been {@code inactivityBlocks} blocks deep.
     *
     * @param recoveryKey      the key allowed to recover (held apart from the wallet seed)
     * @param inactivityBlocks 1..65535
     */
    record Heartbeat(Ed25519PublicKey recoveryKey, int inactivityBlocks) implements RecoveryPolicy {
        public Heartbeat {
            Objects.requireNonNull(recoveryKey, "recoveryKey");
            checkDelay(inactivityBlocks);
        }

        @Override
        public int delayBlocks() {
            return inactivityBlocks;
        }

        @Override
        public Script witnessScript(Ed25519PublicKey owner) {
            if (owner.equals(recoveryKey)) throw new IllegalArgumentException("owner key equals recovery key");
            return ownerBranch(owner).op(Opcodes.OP_ELSE).number(inactivityBlocks)
                    .op(Opcodes.OP_CHECKSEQUENCEVERIFY).op(Opcodes.OP_DROP)
                    .data(recoveryKey.toByteArray()).op(Opcodes.OP_CHECKSIG).op(Opcodes.OP_ENDIF).build();
        }
    }

    /**
     * Owner key, or {@code threshold} of the guardian keys once a coin has been
     * {@code waitingBlocks} blocks deep.
     *
     * @param threshold     1..guardians.size()
     * @param guardians     1..20 distinct keys; their order is the order in the script
     * @param waitingBlocks 1..65535
     */
    record Social(int threshold, List<Ed25519PublicKey> guardians, int waitingBlocks) implements RecoveryPolicy {
        public Social {
            guardians = List.copyOf(guardians);
            if (guardians.isEmpty() || guardians.size() > MAX_GUARDIANS) {
                throw new IllegalArgumentException("1.." + MAX_GUARDIANS + " guardians required");
            }
            if (threshold < 1 || threshold > guardians.size()) throw new IllegalArgumentException("threshold out of range");
            if (new HashSet<>(guardians).size() != guardians.size()) throw new IllegalArgumentException("duplicate guardian key");
            checkDelay(waitingBlocks);
        }

        @Override
        public int delayBlocks() {
            return waitingBlocks;
        }

        @Override
        public Script witnessScript(Ed25519PublicKey owner) {
            if (guardians.contains(owner)) throw new IllegalArgumentException("owner key is a guardian");
            ScriptBuilder b = ownerBranch(owner).op(Opcodes.OP_ELSE).number(waitingBlocks)
                    .op(Opcodes.OP_CHECKSEQUENCEVERIFY).op(Opcodes.OP_DROP).number(threshold);
            for (Ed25519PublicKey g : guardians) b.data(g.toByteArray());
            return b.number(guardians.size()).op(Opcodes.OP_CHECKMULTISIG).op(Opcodes.OP_ENDIF).build();
        }

        /** Index of {@code guardian} in the script, or -1. */
        public int indexOf(Ed25519PublicKey guardian) {
            return guardians.indexOf(guardian);
        }
    }

    private static ScriptBuilder ownerBranch(Ed25519PublicKey owner) {
        return new ScriptBuilder().op(Opcodes.OP_IF).data(owner.toByteArray()).op(Opcodes.OP_CHECKSIG);
    }

    private static void checkDelay(int blocks) {
        if (blocks < 1 || blocks > MAX_DELAY_BLOCKS) throw new IllegalArgumentException("delay must be 1..65535 blocks");
    }

    /** Every distinct key the policy names besides the owner's (for duplicate checks). */
    static Set<Ed25519PublicKey> foreignKeys(RecoveryPolicy p) {
        return switch (p) {
            case Heartbeat h -> Set.of(h.recoveryKey());
            case Social s -> Set.copyOf(s.guardians());
        };
    }
}
