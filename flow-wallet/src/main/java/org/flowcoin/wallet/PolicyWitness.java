package org.flowcoin.wallet;

import java.util.ArrayList;
import java.util.List;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Witness;

/**
 * Witness stacks for the policy scripts of {@link RecoveryPolicy} (bottom item first; the
 * script itself is always last):
 *
 * <pre>
 * owner branch:          [sig, 0x01, script]
 * heartbeat recovery:    [sig, (empty), script]
 * social recovery:       [slot_1 .. slot_n, (empty), script]   slot_i = guardian i's sig or empty
 * </pre>
 *
 * A signature is 64 bytes of Ed25519 over the BIP-143-style signature hash, then SIGHASH_ALL.
 */
public final class PolicyWitness {
    private static final byte[] TRUE = {1};
    private static final byte[] FALSE = {};

    private PolicyWitness() {}

    /** Signs input {@code index} spending {@code amount} locked by {@code witnessScript}'s hash. */
    public static byte[] sign(SigHash sigHash, int index, Script witnessScript, long amount, Ed25519PrivateKey key) {
        return Templates.sign(sigHash, index, witnessScript, amount, key);
    }

    public static Witness owner(byte[] signature, Script witnessScript) {
        return Witness.of(signature, TRUE, witnessScript.toByteArray());
    }

    public static Witness heartbeatRecovery(byte[] signature, Script witnessScript) {
        return Witness.of(signature, FALSE, witnessScript.toByteArray());
    }

    /** {@code slots} has one entry per guardian, in script order: a signature or an empty array. */
    public static Witness socialRecovery(List<byte[]> slots, Script witnessScript) {
        List<byte[]> items = new ArrayList<>(slots.size() + 2);
        items.addAll(slots);
        items.add(FALSE);
        items.add(witnessScript.toByteArray());
        return Witness.of(items);
    }
}
