package org.flowcoin.primitives.tx;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.internal.Reader;
import org.flowcoin.primitives.internal.Writer;

/**
 * A reference to a transaction output: txid (32 bytes) and output index (u32 LE), 36 bytes.
 *
 * <pre>{@code
 * OutPoint prev = new OutPoint(fundingTx.txid(), 0);
 * }</pre>
 */
public record OutPoint(Hash256 txid, int index) {
    public static final int SIZE = 36;
    /** The coinbase input's prevout: zero txid, index 0xffffffff. */
    public static final OutPoint NULL = new OutPoint(Hash256.ZERO, -1);

    public OutPoint {
        Objects.requireNonNull(txid, "txid");
    }

    public boolean isNull() {
        return index == -1 && txid.isZero();
    }

    /** The index as an unsigned value. */
    public long unsignedIndex() {
        return index & 0xffff_ffffL;
    }

    public static OutPoint read(ByteBuffer buf) {
        Hash256 h = Hash256.read(buf, "prevout txid");
        return new OutPoint(h, Reader.u32(buf, "prevout index"));
    }

    public void write(ByteBuffer buf) {
        txid.write(buf);
        Writer.u32(buf, index);
    }

    @Override
    public String toString() {
        return txid.toHex() + ":" + unsignedIndex();
    }
}
