package org.flowcoin.primitives.script;

import java.util.Arrays;
import java.util.List;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.primitives.tx.SigHash;

/**
 * The standard scripts: locking scripts for key-hash (v0) and script-hash (v1) outputs, witness
 * scripts for multisig, timelocks and hash locks, and the signing helper.
 *
 * <pre>{@code
 * Script lock = Templates.payToKeyHash(pub);                     // OP_0 <20-byte key hash>
 * byte[] sig = Templates.sign(new SigHash(tx, params), 0, Templates.keyHashScriptCode(pub), value, key);
 * Witness w = Witness.of(sig, pub);
 * }</pre>
 */
public final class Templates {
    public static final int KEY_HASH_SIZE = 20;

    private Templates() {}

    /** First 20 bytes of Keccak-256d(pubkey). */
    public static byte[] keyHash(byte[] pubkey) {
        return Arrays.copyOf(Keccak.keccak256d(pubkey), KEY_HASH_SIZE);
    }

    /** OP_0 PUSH20 keyHash(pubkey). */
    public static Script payToKeyHash(byte[] pubkey) {
        return new WitnessProgram(0, keyHash(pubkey)).toScript();
    }

    /** OP_1 PUSH32 Keccak-256(witnessScript). */
    public static Script payToScriptHash(Script witnessScript) {
        return new WitnessProgram(1, Keccak.keccak256(witnessScript.raw())).toScript();
    }

    /** The script a v0 key-hash spend executes (and signs): DUP KECCAK160 &lt;hash&gt; EQUALVERIFY CHECKSIG. */
    public static Script keyHashScriptCode(byte[] keyHash20) {
        if (keyHash20.length != KEY_HASH_SIZE) throw new IllegalArgumentException("key hash is 20 bytes");
        return new ScriptBuilder().op(Opcodes.OP_DUP).op(Opcodes.OP_KECCAK160).data(keyHash20)
                .op(Opcodes.OP_EQUALVERIFY).op(Opcodes.OP_CHECKSIG).build();
    }

    /** {@code OP_m <k_1> ... <k_n> OP_n OP_CHECKMULTISIG}; the witness carries one slot per key (signature or empty). */
    public static Script multisig(int m, List<byte[]> pubkeys) {
        int n = pubkeys.size();
        if (n < 1 || n > ScriptInterpreter.MAX_MULTISIG_KEYS || m < 1 || m > n) throw new IllegalArgumentException("need 1 <= m <= n <= 20");
        ScriptBuilder b = new ScriptBuilder().number(m);
        for (byte[] k : pubkeys) b.data(requireKey(k));
        return b.number(n).op(Opcodes.OP_CHECKMULTISIG).build();
    }

    /** {@code <lock> OP_CHECKLOCKTIMEVERIFY OP_DROP <pub> OP_CHECKSIG}: spendable once tx locktime >= lock. */
    public static Script lockTimeKey(long lock, byte[] pubkey) {
        return new ScriptBuilder().number(lock).op(Opcodes.OP_CHECKLOCKTIMEVERIFY).op(Opcodes.OP_DROP)
                .data(requireKey(pubkey)).op(Opcodes.OP_CHECKSIG).build();
    }

    /** {@code <blocks> OP_CHECKSEQUENCEVERIFY OP_DROP <pub> OP_CHECKSIG}: spendable once the input is {@code blocks} deep. */
    public static Script relativeLockKey(int blocks, byte[] pubkey) {
        if (blocks < 0 || blocks > 0xffff) throw new IllegalArgumentException("relative lock is 0..65535 blocks");
        return new ScriptBuilder().number(blocks).op(Opcodes.OP_CHECKSEQUENCEVERIFY).op(Opcodes.OP_DROP)
                .data(requireKey(pubkey)).op(Opcodes.OP_CHECKSIG).build();
    }

    /** {@code OP_KECCAK256D <hash> OP_EQUALVERIFY <pub> OP_CHECKSIG}: witness (sig, preimage). */
    public static Script hashLockKey(byte[] keccak256dHash, byte[] pubkey) {
        if (keccak256dHash.length != 32) throw new IllegalArgumentException("hash is 32 bytes");
        return new ScriptBuilder().op(Opcodes.OP_KECCAK256D).data(keccak256dHash).op(Opcodes.OP_EQUALVERIFY)
                .data(requireKey(pubkey)).op(Opcodes.OP_CHECKSIG).build();
    }

    /**
     * Signs input {@code index}: Ed25519 over the signature hash, followed by the SIGHASH_ALL byte
     * (65 bytes).
     */
    public static byte[] sign(SigHash sigHash, int index, Script scriptCode, long amount, Ed25519PrivateKey key) {
        byte[] sig = key.sign(sigHash.digest(index, scriptCode, amount));
        byte[] out = Arrays.copyOf(sig, 65);
        out[64] = (byte) SigHash.SIGHASH_ALL;
        return out;
    }

    private static byte[] requireKey(byte[] k) {
        if (k.length != 32) throw new IllegalArgumentException("public key is 32 bytes");
        return k;
    }
}
