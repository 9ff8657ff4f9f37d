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

    /** Payment preimages are exactly this long (as in BOLT-3), checked by the scripts. */
    public static final int PREIMAGE_BYTES = 32;

    /**
     * An HTLC output on the commitment of the side that offered it (the holder pays the remote
     * side if it shows the payment preimage in time):
     *
     * <pre>
     * OP_IF                                           revoked: remote, with the revocation secret
     *     OP_KECCAK256D &lt;revocation_hash&gt; OP_EQUALVERIFY &lt;remote_key&gt; OP_CHECKSIG
     * OP_ELSE
     *   OP_IF                                         remote claims with the preimage
     *     OP_SIZE 32 OP_EQUALVERIFY OP_KECCAK256D &lt;payment_hash&gt; OP_EQUALVERIFY &lt;remote_htlc_key&gt; OP_CHECKSIG
     *   OP_ELSE                                       holder's HTLC-timeout transaction, signed by both
     *     OP_2 &lt;htlc_key_1&gt; &lt;htlc_key_2&gt; OP_2 OP_CHECKMULTISIG
     *   OP_ENDIF
     * OP_ENDIF
     * </pre>
     *
     * The timeout is not in the script: the remote side signs the HTLC-timeout transaction only
     * with its lock time at the HTLC's expiry (BOLT-3's construction).
     */
    public static Script offeredHtlc(byte[] revocationHash, byte[] remoteKey, byte[] paymentHash,
                                     byte[] remoteHtlcKey, byte[] localHtlcKey) {
        ScriptBuilder b = revocationBranch(revocationHash, remoteKey).op(Opcodes.OP_IF);
        preimageCheck(b, paymentHash).data(requireKey(remoteHtlcKey)).op(Opcodes.OP_CHECKSIG);
        b.op(Opcodes.OP_ELSE);
        twoOfTwo(b, remoteHtlcKey, localHtlcKey);
        return b.op(Opcodes.OP_ENDIF).op(Opcodes.OP_ENDIF).build();
    }

    /**
     * An HTLC output on the commitment of the side that receives it (the holder is paid if it
     * shows the preimage; after the expiry the remote side takes it back):
     *
     * <pre>
     * OP_IF                                           revoked: remote, with the revocation secret
     *     OP_KECCAK256D &lt;revocation_hash&gt; OP_EQUALVERIFY &lt;remote_key&gt; OP_CHECKSIG
     * OP_ELSE
     *   OP_IF                                         holder's HTLC-success transaction: preimage, both keys
     *     OP_SIZE 32 OP_EQUALVERIFY OP_KECCAK256D &lt;payment_hash&gt; OP_EQUALVERIFY
     *     OP_2 &lt;htlc_key_1&gt; &lt;htlc_key_2&gt; OP_2 OP_CHECKMULTISIG
     *   OP_ELSE                                       remote after the expiry
     *     &lt;cltv_expiry&gt; OP_CHECKLOCKTIMEVERIFY OP_DROP &lt;remote_htlc_key&gt; OP_CHECKSIG
     *   OP_ENDIF
     * OP_ENDIF
     * </pre>
     *
     * @param cltvExpiry block height, 1 .. 499,999,999
     */
    public static Script receivedHtlc(byte[] revocationHash, byte[] remoteKey, byte[] paymentHash,
                                      byte[] remoteHtlcKey, byte[] localHtlcKey, long cltvExpiry) {
        if (cltvExpiry < 1 || cltvExpiry >= 500_000_000L) throw new IllegalArgumentException("cltv_expiry is a block height");
        ScriptBuilder b = revocationBranch(revocationHash, remoteKey).op(Opcodes.OP_IF);
        preimageCheck(b, paymentHash);
        twoOfTwo(b, remoteHtlcKey, localHtlcKey);
        b.op(Opcodes.OP_ELSE).number(cltvExpiry).op(Opcodes.OP_CHECKLOCKTIMEVERIFY).op(Opcodes.OP_DROP)
                .data(requireKey(remoteHtlcKey)).op(Opcodes.OP_CHECKSIG);
        return b.op(Opcodes.OP_ENDIF).op(Opcodes.OP_ENDIF).build();
    }

    /** Witness of the penalty spend of a revoked HTLC output (either kind). */
    public static Witness htlcPenaltyWitness(byte[] sig, byte[] perCommitmentSecret, Script htlc) {
        return Witness.of(sig, perCommitmentSecret, new byte[] {1}, htlc.toByteArray());
    }

    /** Witness of the remote side's preimage claim of an offered HTLC. */
    public static Witness offeredHtlcClaimWitness(byte[] sig, byte[] preimage, Script htlc) {
        return Witness.of(sig, preimage, new byte[] {1}, new byte[0], htlc.toByteArray());
    }

    /** Witness of the holder's HTLC-timeout spend of an offered HTLC (both signatures). */
    public static Witness offeredHtlcTimeoutWitness(byte[] remoteHtlcKey, byte[] remoteSig, byte[] localHtlcKey,
                                                    byte[] localSig, Script htlc) {
        byte[][] slots = slots(remoteHtlcKey, remoteSig, localHtlcKey, localSig);
        return Witness.of(slots[0], slots[1], new byte[0], new byte[0], htlc.toByteArray());
    }

    /** Witness of the holder's HTLC-success spend of a received HTLC (both signatures and the preimage). */
    public static Witness receivedHtlcSuccessWitness(byte[] remoteHtlcKey, byte[] remoteSig, byte[] localHtlcKey,
                                                     byte[] localSig, byte[] preimage, Script htlc) {
        byte[][] slots = slots(remoteHtlcKey, remoteSig, localHtlcKey, localSig);
        return Witness.of(slots[0], slots[1], preimage, new byte[] {1}, new byte[0], htlc.toByteArray());
    }

    /** Witness of the remote side's refund of a received HTLC after its expiry. */
    public static Witness receivedHtlcTimeoutWitness(byte[] sig, Script htlc) {
        return Witness.of(sig, new byte[0], new byte[0], htlc.toByteArray());
    }

    private static ScriptBuilder revocationBranch(byte[] revocationHash, byte[] remoteKey) {
        if (revocationHash.length != 32) throw new IllegalArgumentException("revocation hash is 32 bytes");
        return new ScriptBuilder().op(Opcodes.OP_IF)
                .op(Opcodes.OP_KECCAK256D).data(revocationHash).op(Opcodes.OP_EQUALVERIFY)
                .data(requireKey(remoteKey)).op(Opcodes.OP_CHECKSIG)
                .op(Opcodes.OP_ELSE);
    }

    private static ScriptBuilder preimageCheck(ScriptBuilder b, byte[] paymentHash) {
        if (paymentHash.length != 32) throw new IllegalArgumentException("payment hash is 32 bytes");
        return b.op(Opcodes.OP_SIZE).number(PREIMAGE_BYTES).op(Opcodes.OP_EQUALVERIFY)
                .op(Opcodes.OP_KECCAK256D).data(paymentHash).op(Opcodes.OP_EQUALVERIFY);
    }

    private static void twoOfTwo(ScriptBuilder b, byte[] keyA, byte[] keyB) {
        requireKey(keyA);
        requireKey(keyB);
        if (Arrays.equals(keyA, keyB)) throw new IllegalArgumentException("the two HTLC keys must differ");
        b.number(2);
        for (byte[] k : sortedKeys(keyA, keyB)) b.data(k);
        b.number(2).op(Opcodes.OP_CHECKMULTISIG);
    }

    /** The two signatures in the sorted key order of {@link #twoOfTwo}. */
    private static byte[][] slots(byte[] keyA, byte[] sigA, byte[] keyB, byte[] sigB) {
        return Arrays.compareUnsigned(keyA, keyB) < 0 ? new byte[][] {sigA, sigB} : new byte[][] {sigB, sigA};
    }

    static List<byte[]> sortedKeys(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) < 0 ? List.of(a.clone(), b.clone()) : List.of(b.clone(), a.clone());
    }

    private static byte[] requireKey(byte[] k) {
        if (k.length != 32) throw new IllegalArgumentException("public key is 32 bytes");
        return k;
    }
}
