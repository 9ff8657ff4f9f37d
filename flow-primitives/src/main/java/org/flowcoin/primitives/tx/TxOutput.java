package org.flowcoin.primitives.tx;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.DecodeException;
import org.flowcoin.primitives.internal.Reader;
import org.flowcoin.primitives.internal.Writer;
import org.flowcoin.primitives.script.Script;

/**
 * A transaction output: value (i64 LE haruki, in [0, MAX_MONEY]) and a CompactSize-prefixed locking
 * script of at most {@link Script#MAX_SIZE} bytes.
 *
 * <pre>{@code
 * TxOutput out = new TxOutput(5 * Amounts.COIN, Templates.payToKeyHash(pubkey));
 * }</pre>
 */
public record TxOutput(long value, Script script) {
    public TxOutput {
        Objects.requireNonNull(script, "script");
        if (!Amounts.isValid(value)) throw new IllegalArgumentException("value out of range");
        if (script.size() > Script.MAX_SIZE) throw new IllegalArgumentException("script too large");
    }

    public static TxOutput read(ByteBuffer buf) {
        long v = Reader.i64(buf, "output value");
        if (!Amounts.isValid(v)) throw DecodeException.of("output value", v + " outside [0, MAX_MONEY]");
        byte[] s = Reader.varBytes(buf, "output script", Script.MAX_SIZE);
        return new TxOutput(v, Script.of(s));
    }

    public void write(ByteBuffer buf) {
        Writer.i64(buf, value);
        Writer.varBytes(buf, script.toByteArray());
    }

    public int serializedSize() {
        return 8 + Writer.varBytesSize(script.size());
    }
}
