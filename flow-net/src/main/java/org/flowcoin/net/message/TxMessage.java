package org.flowcoin.net.message;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.flowcoin.net.Command;
import org.flowcoin.net.Limits;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.primitives.tx.Transaction;

/**
 * {@code tx}: one serialized transaction with witnesses (the primitives' encoding), 1 to
 * {@link Limits#MAX_TX_SIZE} bytes. Decoded and validated by the transaction codec, not here.
 *
 * <pre>{@code
 * TxMessage m = TxMessage.of(serializedTx);
 * }</pre>
 */
public final class TxMessage implements Message {
    private final byte[] tx;

    private TxMessage(byte[] tx) {
        this.tx = tx;
    }

    /** Wraps a copy of a serialized transaction. */
    public static TxMessage of(byte[] tx) {
        Objects.requireNonNull(tx, "tx");
        if (tx.length == 0 || tx.length > Limits.MAX_TX_SIZE) throw new IllegalArgumentException("tx size out of range");
        return new TxMessage(tx.clone());
    }

    /** Reads the rest of the buffer as the transaction. */
    public static TxMessage read(ByteBuffer in) throws NetDecodeException {
        int n = in.remaining();
        if (n == 0) throw new NetDecodeException(NetDecodeException.Reason.TRUNCATED, "empty tx");
        if (n > Limits.MAX_TX_SIZE) throw new NetDecodeException(NetDecodeException.Reason.OVERSIZED, "tx");
        byte[] b = new byte[n];
        in.get(b);
        return new TxMessage(b);
    }

    /** The wire form of a primitives transaction. */
    public static TxMessage of(Transaction tx) {
        return of(tx.toByteArray());
    }

    /**
     * Decodes the transaction with the primitives' codec.
     *
     * @throws org.flowcoin.primitives.DecodeException if the primitives reject the bytes
     */
    public Transaction toTransaction() {
        return Transaction.fromBytes(tx);
    }

    /** A copy of the serialized transaction. */
    public byte[] tx() {
        return tx.clone();
    }

    public Command command() {
        return Command.TX;
    }

    public int serializedSize() {
        return tx.length;
    }

    public void write(ByteBuffer out) {
        out.put(tx);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TxMessage m && Arrays.equals(tx, m.tx);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tx);
    }

    @Override
    public String toString() {
        return "TxMessage[" + tx.length + " bytes]";
    }
}
