package org.flowcoin.primitives.tx;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.flowcoin.primitives.internal.Reader;
import org.flowcoin.primitives.internal.Writer;

/**
 * A transaction input: prevout (36 bytes) and sequence (u32 LE). There is no unlocking script; the
 * input's witness stack (stored separately, see {@link Transaction}) unlocks it.
 *
 * <pre>{@code
 * TxInput in = new TxInput(new OutPoint(txid, 1), TxInput.SEQUENCE_FINAL);
 * }</pre>
 */
public record TxInput(OutPoint prevout, int sequence) {
    public static final int SIZE = 40;
    /** 0xffffffff: locktime and relative locks disabled for this input. */
    public static final int SEQUENCE_FINAL = -1;
    /** Bit 31: relative lock disabled. */
    public static final int SEQUENCE_DISABLE_FLAG = 1 << 31;
    /** Bit 22: relative lock in time units (reserved in v1: not allowed while enabled). */
    public static final int SEQUENCE_TYPE_FLAG = 1 << 22;
    /** Low 16 bits: relative lock value in blocks. */
    public static final int SEQUENCE_MASK = 0xffff;

    public TxInput {
        Objects.requireNonNull(prevout, "prevout");
    }

    public static TxInput read(ByteBuffer buf) {
        OutPoint p = OutPoint.read(buf);
        return new TxInput(p, Reader.u32(buf, "sequence"));
    }

    public void write(ByteBuffer buf) {
        prevout.write(buf);
        Writer.u32(buf, sequence);
    }

    /** Relative height lock in blocks, or -1 when disabled (BIP-68 style; see the spec). */
    public int relativeHeightLock() {
        if ((sequence & SEQUENCE_DISABLE_FLAG) != 0) return -1;
        return sequence & SEQUENCE_MASK;
    }
}
