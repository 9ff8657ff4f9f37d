package org.flowcoin.wallet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.crypto.Ed25519PublicKey;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.DecodeException;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.Witness;

/**
 * A spend through the recovery branch of a {@link RecoveryPolicy}, built by the recovery-key
 * holder (heartbeat) or by the guardians (social), typically from a watch-only wallet's coins.
 * Every input carries sequence = the policy delay, so consensus accepts the spend only once each
 * coin is that many blocks deep; an owner spend before then makes it permanently invalid.
 *
 * <p>Guardians sign one after another ({@link #addGuardianSignatures}); each signature commits
 * to the whole transaction, so guardians must agree on it before signing.
 *
 * <pre>{@code
 * RecoverySpend r = RecoverySpend.build(params, policy, RecoverySpend.inputsOf(watchWallet), safeScript, 2);
 * r.addGuardianSignatures(guardian1);
 * r.addGuardianSignatures(guardian3);
 * Transaction tx = r.finish();   // broadcast once the coins are policy.delayBlocks() deep
 * }</pre>
 */
public final class RecoverySpend {
    /** A coin locked by the policy for {@code ownerKey}. */
    public record Input(OutPoint outpoint, long value, Ed25519PublicKey ownerKey) {
        public Input {
            Objects.requireNonNull(outpoint, "outpoint");
            Objects.requireNonNull(ownerKey, "ownerKey");
            if (value <= 0) throw new IllegalArgumentException("value must be positive");
        }
    }

    private final ChainParams params;
    private final RecoveryPolicy policy;
    private final List<Input> inputs;
    private final Transaction unsigned;
    private final List<Script> scripts;
    private final byte[][][] slots; // [input][guardian] signature or null
    private byte[][] heartbeatSigs;

    private RecoverySpend(ChainParams params, RecoveryPolicy policy, List<Input> inputs, Transaction unsigned) {
        this.params = params;
        this.policy = policy;
        this.inputs = inputs;
        this.unsigned = unsigned;
        this.scripts = new ArrayList<>();
        for (Input in : inputs) scripts.add(policy.witnessScript(in.ownerKey()));
        int n = policy instanceof RecoveryPolicy.Social s ? s.guardians().size() : 1;
        this.slots = new byte[inputs.size()][n][];
    }

    /** The recoverable coins of a (watch-only or full) wallet: every unspent confirmed coin. */
    public static List<Input> inputsOf(Wallet wallet) {
        List<Input> out = new ArrayList<>();
        for (Coin c : wallet.unspentCoins()) {
            if (c.isConfirmed()) out.add(new Input(c.outpoint(), c.value(), wallet.ownerKey(c.path())));
        }
        return out;
    }

    /**
     * An unsigned recovery spend of {@code inputs} to {@code destination}, paying
     * {@code feeRateHaruki} per virtual byte out of the total.
     */
    public static RecoverySpend build(ChainParams params, RecoveryPolicy policy, List<Input> inputs, Script destination,
            long feeRateHaruki) throws InsufficientFundsException {
        if (inputs.isEmpty()) throw new IllegalArgumentException("no inputs");
        List<Input> ins = List.copyOf(inputs);
        long total = 0;
        for (Input in : ins) total = Math.addExact(total, in.value());
        Transaction probe = skeleton(policy, ins, new TxOutput(0, destination));
        List<Witness> dummy = new ArrayList<>();
        for (Input in : ins) dummy.add(dummyWitness(policy, policy.witnessScript(in.ownerKey())));
        long fee = Wallet.fee(probe.withWitnesses(dummy).weight(), feeRateHaruki);
        if (total - fee < Wallet.DUST_LIMIT) throw new InsufficientFundsException(total, fee + Wallet.DUST_LIMIT);
        return new RecoverySpend(params, policy, ins, skeleton(policy, ins, new TxOutput(total - fee, destination)));
    }

    private static Transaction skeleton(RecoveryPolicy policy, List<Input> ins, TxOutput out) {
        List<TxInput> txIns = new ArrayList<>();
        List<Witness> ws = new ArrayList<>();
        for (Input in : ins) {
            txIns.add(new TxInput(in.outpoint(), policy.delayBlocks()));
            ws.add(Witness.EMPTY);
        }
        return new Transaction(2, txIns, List.of(out), 0, ws);
    }

    private static Witness dummyWitness(RecoveryPolicy policy, Script script) {
        return switch (policy) {
            case RecoveryPolicy.Heartbeat h -> PolicyWitness.heartbeatRecovery(new byte[65], script);
            case RecoveryPolicy.Social s -> {
                List<byte[]> sl = new ArrayList<>();
                for (int i = 0; i < s.guardians().size(); i++) sl.add(i < s.threshold() ? new byte[65] : new byte[0]);
                yield PolicyWitness.socialRecovery(sl, script);
            }
        };
    }

    /** The transaction being signed (witnesses empty). */
    public Transaction unsignedTransaction() {
        return unsigned;
    }

    public List<Input> inputs() {
        return inputs;
    }

    /** Heartbeat policy: signs every input with the recovery key and returns the finished spend. */
    public synchronized Transaction signWithRecoveryKey(Ed25519PrivateKey recoveryKey) {
        if (!(policy instanceof RecoveryPolicy.Heartbeat h)) throw new IllegalStateException("not a heartbeat policy");
        if (!h.recoveryKey().equals(recoveryKey.publicKey())) throw new IllegalArgumentException("not the policy's recovery key");
        SigHash sh = new SigHash(unsigned, params);
        List<Witness> ws = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            byte[] sig = PolicyWitness.sign(sh, i, scripts.get(i), inputs.get(i).value(), recoveryKey);
            ws.add(PolicyWitness.heartbeatRecovery(sig, scripts.get(i)));
        }
        return unsigned.withWitnesses(ws);
    }

    /** Social policy: adds this guardian's signature to every input. */
    public synchronized void addGuardianSignatures(Ed25519PrivateKey guardian) {
        if (!(policy instanceof RecoveryPolicy.Social s)) throw new IllegalStateException("not a social policy");
        int g = s.indexOf(guardian.publicKey());
        if (g < 0) throw new IllegalArgumentException("not a guardian of this policy");
        SigHash sh = new SigHash(unsigned, params);
        for (int i = 0; i < inputs.size(); i++) {
            slots[i][g] = PolicyWitness.sign(sh, i, scripts.get(i), inputs.get(i).value(), guardian);
        }
    }

    /** Guardians who have signed (every input). */
    public synchronized int signatureCount() {
        int count = 0;
        for (int g = 0; g < slots[0].length; g++) {
            boolean all = true;
            for (byte[][] in : slots) all &= in[g] != null;
            if (all) count++;
        }
        return count;
    }

    /** Whether the social threshold is reached. */
    public synchronized boolean isComplete() {
        return policy instanceof RecoveryPolicy.Social s && signatureCount() >= s.threshold();
    }

    /**
     * The finished social-recovery spend with exactly the threshold number of signatures (the
     * first signers in script order).
     *
     * @throws IllegalStateException below the threshold
     */
    public synchronized Transaction finish() {
        if (!(policy instanceof RecoveryPolicy.Social s)) throw new IllegalStateException("not a social policy");
        if (!isComplete()) throw new IllegalStateException(signatureCount() + " of " + s.threshold() + " guardian signatures");
        List<Witness> ws = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            List<byte[]> sl = new ArrayList<>();
            int used = 0;
            for (byte[] sig : slots[i]) {
                if (sig != null && used < s.threshold()) {
                    sl.add(sig);
                    used++;
                } else {
                    sl.add(new byte[0]);
                }
            }
            ws.add(PolicyWitness.socialRecovery(sl, scripts.get(i)));
        }
        return unsigned.withWitnesses(ws);
    }

    /** Magic of the partially signed encoding. */
    private static final byte[] MAGIC = {'F', 'L', 'R', 'S'};
    private static final int ENCODING_VERSION = 1;
    private static final int MAX_ENCODED = 4 << 20;

    /**
     * The partially signed spend for handing to the next guardian (docs/spec/wallet.md §2.4):
     * {@code "FLRS" | version u8 = 1 | u32 tx length | unsigned tx | u16 inputs |
     * per input: value i64, owner key (32), slot count u8, per slot: u8 0 | u8 1 + 65-byte signature}.
     */
    public synchronized byte[] toBytes() {
        byte[] tx = unsigned.toByteArray();
        int size = MAGIC.length + 1 + 4 + tx.length + 2;
        for (byte[][] in : slots) {
            size += 8 + 32 + 1;
            for (byte[] sig : in) size += 1 + (sig == null ? 0 : 65);
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) ENCODING_VERSION).putInt(tx.length).put(tx).putShort((short) inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            b.putLong(inputs.get(i).value()).put(inputs.get(i).ownerKey().toByteArray()).put((byte) slots[i].length);
            for (byte[] sig : slots[i]) {
                if (sig == null) {
                    b.put((byte) 0);
                } else {
                    b.put((byte) 1).put(sig);
                }
            }
        }
        return b.array();
    }

    /**
     * Decodes {@link #toBytes()} for {@code policy} on {@code params}. Every signature present must
     * verify for its guardian; anything malformed, inconsistent with the policy or unverifiable
     * is a {@link DecodeException}.
     */
    public static RecoverySpend fromBytes(ChainParams params, RecoveryPolicy policy, byte[] bytes) {
        if (bytes.length > MAX_ENCODED) throw new DecodeException("recovery spend too large");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        try {
            byte[] magic = new byte[4];
            b.get(magic);
            if (!Arrays.equals(magic, MAGIC)) throw new DecodeException("not a recovery spend");
            if (b.get() != ENCODING_VERSION) throw new DecodeException("unsupported recovery spend version");
            int txLen = b.getInt();
            if (txLen < 0 || txLen > b.remaining()) throw new DecodeException("transaction length");
            byte[] txBytes = new byte[txLen];
            b.get(txBytes);
            Transaction tx = Transaction.fromBytes(txBytes);
            int n = Short.toUnsignedInt(b.getShort());
            if (n != tx.inputs().size() || n == 0) throw new DecodeException("input count");
            int slotCount = policy instanceof RecoveryPolicy.Social s ? s.guardians().size() : 1;
            List<Input> ins = new ArrayList<>();
            byte[][][] sigs = new byte[n][][];
            for (int i = 0; i < n; i++) {
                long value = b.getLong();
                byte[] key = new byte[32];
                b.get(key);
                if (value <= 0) throw new DecodeException("input value");
                ins.add(new Input(tx.inputs().get(i).prevout(), value, Ed25519PublicKey.of(key)));
                if ((b.get() & 0xff) != slotCount) throw new DecodeException("slot count");
                sigs[i] = new byte[slotCount][];
                for (int g = 0; g < slotCount; g++) {
                    int flag = b.get();
                    if (flag == 1) {
                        sigs[i][g] = new byte[65];
                        b.get(sigs[i][g]);
                    } else if (flag != 0) {
                        throw new DecodeException("slot flag");
                    }
                }
            }
            if (b.hasRemaining()) throw new DecodeException("trailing bytes");
            for (int i = 0; i < n; i++) {
                if (tx.inputs().get(i).sequence() != policy.delayBlocks()) throw new DecodeException("sequence is not the policy delay");
                if (!tx.witness(i).equals(Witness.EMPTY)) throw new DecodeException("witness not empty");
            }
            if (tx.version() != 2 || tx.outputs().size() != 1 || tx.lockTime() != 0) throw new DecodeException("not a recovery spend");
            RecoverySpend r = new RecoverySpend(params, policy, List.copyOf(ins), tx);
            SigHash sh = new SigHash(tx, params);
            for (int i = 0; i < n; i++) {
                for (int g = 0; g < slotCount; g++) {
                    byte[] sig = sigs[i][g];
                    if (sig == null) continue;
                    byte[] pub = policy instanceof RecoveryPolicy.Social s ? s.guardians().get(g).toByteArray()
                            : ((RecoveryPolicy.Heartbeat) policy).recoveryKey().toByteArray();
                    byte[] digest = sh.digest(i, r.scripts.get(i), ins.get(i).value());
                    if (sig[64] != SigHash.SIGHASH_ALL || !org.flowcoin.crypto.Ed25519.verify(pub, digest, Arrays.copyOf(sig, 64))) {
                        throw new DecodeException("signature of slot " + g + " on input " + i + " does not verify");
                    }
                    r.slots[i][g] = sig;
                }
            }
            return r;
        } catch (java.nio.BufferUnderflowException e) {
            throw new DecodeException("recovery spend truncated");
        } catch (IllegalArgumentException e) {
            throw new DecodeException("invalid recovery spend: " + e.getMessage());
        }
    }

    /** Adds the signatures another copy of the same spend carries (guardians who signed apart). */
    public synchronized void addSignaturesFrom(RecoverySpend other) {
        if (!other.unsigned.equals(unsigned) || !other.policy.equals(policy)) throw new IllegalArgumentException("a different spend");
        for (int i = 0; i < slots.length; i++) {
            for (int g = 0; g < slots[i].length; g++) {
                if (slots[i][g] == null) slots[i][g] = other.slots[i][g];
            }
        }
    }

    @Override
    public String toString() {
        return "RecoverySpend[" + inputs.size() + " inputs, " + policy.getClass().getSimpleName() + ", "
                + (slots.length == 0 ? 0 : Arrays.stream(slots[0]).filter(Objects::nonNull).count()) + " signatures]";
    }
}
