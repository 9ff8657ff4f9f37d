package org.flowcoin.pot;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;
import org.flowcoin.primitives.tx.TxOutput;

/**
 * An unspent output with the facts validation needs: the output, the height of the block that
 * created it, and whether it came from a coinbase (maturity).
 */
public record Coin(TxOutput output, long height, boolean coinbase) {
    public Coin {
        Objects.requireNonNull(output, "output");
    }

    void write(DataOutputStream o) throws IOException {
        o.writeLong(output.value());
        byte[] s = output.script().toByteArray();
        o.writeInt(s.length);
        o.write(s);
        o.writeLong(height);
        o.writeBoolean(coinbase);
    }

    static Coin read(DataInputStream in) throws IOException {
        long v = in.readLong();
        int n = in.readInt();
        if (n < 0 || n > org.flowcoin.primitives.script.Script.MAX_SIZE) throw new IOException("bad script length in state file");
        byte[] s = new byte[n];
        in.readFully(s);
        return new Coin(new TxOutput(v, org.flowcoin.primitives.script.Script.of(s)), in.readLong(), in.readBoolean());
    }
}
