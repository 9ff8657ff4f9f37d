package org.flowcoin.channels.script;

import java.util.Arrays;
import java.util.List;
import org.flowcoin.primitives.script.Opcodes;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.ScriptBuilder;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.Witness;

/**
 * The witness scripts of a channel (docs/spec/channels.md, section 2), each paid to through
 * {@link Templates#payToScriptHash}. BOLT-3's scripts with two adaptations: Ed25519 keys (32
 * bytes) and revocation by hash lock on the per-commitment secret ({@code OP_KECCAK256D}) instead
 * of a tweaked revocation key.
 */
public final class ChannelScripts {
    private ChannelScripts() {}

    /** The most a {@code to_self_delay} may be: a relative lock in blocks is 16 bits. */
    public static final int MAX_TO_SELF_DELAY = 0xffff;

    /**
     * The funding output's script: {@code 2 <key_1> <key_2> 2 OP_CHECKMULTISIG} with the two
     * funding keys in lexicographic (unsigned byte) order, so both sides build the same script.
     */
    public static Script funding(byte[] fundingKeyA, byte[] fundingKeyB) {
        requireKey(fundingKeyA);
        requireKey(fundingKeyB);
        if (Arrays.equals(fundingKeyA, fundingKeyB)) throw new IllegalArgumentException("the two funding keys must differ");
        return Templates.multisig(2, sortedKeys(fundingKeyA, fundingKeyB));
    }

    /**
     * The funding spend's witness: one signature slot per key, in the script's key order, then
     * the script.
     */
    public static Witness fundingWitness(byte[] fundingKeyA, byte[] sigA, byte[] fundingKeyB, byte[] sigB) {
        Script script = funding(fundingKeyA, fundingKeyB);
        boolean aFirst = Arrays.compareUnsigned(fundingKeyA, fundingKeyB) < 0;
        return aFirst ? Witness.of(sigA, sigB, script.toByteArray()) : Witness.of(sigB, sigA, script.toByteArray());
    }

    /**
     * The {@code to_local} output of a commitment transaction held by its owner:
     *
     * <pre>
     * OP_IF
     *     OP_KECCAK256D &lt;revocation_hash&gt; OP_EQUALVERIFY &lt;remote_key&gt;
     * OP_ELSE
     *     &lt;to_self_delay&gt; OP_CHECKSEQUENCEVERIFY OP_DROP &lt;local_delayed_key&gt;
     * OP_ENDIF
     * OP_CHECKSIG
     * </pre>
     *
     * The owner spends after {@code toSelfDelay} blocks with witness
     * {@code (sig_local_delayed, <empty>, script)}; once the commitment is revoked the
     * counterparty spends at any time with {@code (sig_remote, secret, 1, script)}.
     *
     * @param revocationHash {@code KECCAK256D} of this commitment's per-commitment secret
     */
    public static Script toLocal(byte[] revocationHash, byte[] remoteKey, int toSelfDelay, byte[] localDelayedKey) {
        if (revocationHash.length != 32) throw new IllegalArgumentException("revocation hash is 32 bytes");
        if (toSelfDelay < 1 || toSelfDelay > MAX_TO_SELF_DELAY) {
            throw new IllegalArgumentException("to_self_delay must be 1..65535 blocks, not " + toSelfDelay);
        }
        return new ScriptBuilder()
                .op(Opcodes.OP_IF)
                .op(Opcodes.OP_KECCAK256D).data(revocationHash).op(Opcodes.OP_EQUALVERIFY).data(requireKey(remoteKey))
                .op(Opcodes.OP_ELSE)
                .number(toSelfDelay).op(Opcodes.OP_CHECKSEQUENCEVERIFY).op(Opcodes.OP_DROP).data(requireKey(localDelayedKey))
                .op(Opcodes.OP_ENDIF)
                .op(Opcodes.OP_CHECKSIG)
                .build();
    }

    /** Witness of the owner's delayed spend of {@link #toLocal}. */
    public static Witness toLocalDelayedWitness(byte[] sig, Script toLocal) {
        return Witness.of(sig, new byte[0], toLocal.toByteArray());
    }

    /** Witness of the counterparty's penalty spend of a revoked {@link #toLocal}. */
    public static Witness toLocalPenaltyWitness(byte[] sig, byte[] perCommitmentSecret, Script toLocal) {
        return Witness.of(sig, perCommitmentSecret, new byte[] {1}, toLocal.toByteArray());
    }

    static List<byte[]> sortedKeys(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) < 0 ? List.of(a.clone(), b.clone()) : List.of(b.clone(), a.clone());
    }

    private static byte[] requireKey(byte[] k) {
        if (k.length != 32) throw new IllegalArgumentException("public key is 32 bytes");
        return k;
    }
}
