package org.flowcoin.primitives.tx;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.internal.Writer;
import org.flowcoin.primitives.script.Script;

/**
 * The BIP-143-style signature hash, SIGHASH_ALL only, domain-separated by a tag and the network
 * magic (docs/spec/primitives.md §3):
 *
 * <pre>
 * digest = Keccak-256d( TAG(32) | magic(4) | version u32 | hashPrevouts(32) | hashSequence(32)
 *                     | prevout(36) | CompactSize-prefixed scriptCode | amount i64 | sequence u32
 *                     | hashOutputs(32) | locktime u32 | sighash_type u32 )
 * TAG = Keccak-256("FlowCoin/sighash/v1")
 * </pre>
 *
 * The per-transaction hashes are computed once per instance, so signing or verifying every input
 * costs one pass.
 *
 * <pre>{@code
 * SigHash sh = new SigHash(tx, ChainParams.mainnet());
 * byte[] digest = sh.digest(0, scriptCode, amountSpent);
 * }</pre>
 */
public final class SigHash {
    /** The only signature hash type in v1; appended as the 65th byte of every signature. */
    public static final int SIGHASH_ALL = 0x01;
    public static final byte[] TAG = Keccak.keccak256("FlowCoin/sighash/v1".getBytes(StandardCharsets.US_ASCII));

    private final Transaction tx;
    private final byte[] magic;
    private final byte[] hashPrevouts;
    private final byte[] hashSequence;
    private final byte[] hashOutputs;

    public SigHash(Transaction tx, ChainParams params) {
        this.tx = tx;
        this.magic = params.magicBytes();
        ByteBuffer p = ByteBuffer.allocate(tx.inputs().size() * OutPoint.SIZE);
        ByteBuffer s = ByteBuffer.allocate(tx.inputs().size() * 4);
        for (TxInput in : tx.inputs()) {
            in.prevout().write(p);
            Writer.u32(s, in.sequence());
        }
        int outSize = 0;
        for (TxOutput o : tx.outputs()) outSize += o.serializedSize();
        ByteBuffer o = ByteBuffer.allocate(outSize);
        for (TxOutput out : tx.outputs()) out.write(o);
        hashPrevouts = Keccak.keccak256d(p.array());
        hashSequence = Keccak.keccak256d(s.array());
        hashOutputs = Keccak.keccak256d(o.array());
    }

    /** The 32-byte digest an input's signature signs. */
    public byte[] digest(int inputIndex, Script scriptCode, long amount) {
        TxInput in = tx.inputs().get(inputIndex);
        int len = 32 + 4 + 4 + 32 + 32 + OutPoint.SIZE + Writer.varBytesSize(scriptCode.size()) + 8 + 4 + 32 + 4 + 4;
        ByteBuffer b = ByteBuffer.allocate(len);
        b.put(TAG).put(magic);
        Writer.u32(b, tx.version());
        b.put(hashPrevouts).put(hashSequence);
        in.prevout().write(b);
        Writer.compactSize(b, scriptCode.size());
        b.put(scriptCode.toByteArray());
        Writer.i64(b, amount);
        Writer.u32(b, in.sequence());
        b.put(hashOutputs);
        Writer.u32(b, tx.lockTime());
        Writer.u32(b, SIGHASH_ALL);
        return Keccak.keccak256d(b.array());
    }

    public Transaction transaction() {
        return tx;
    }
}
