package org.flowcoin.pot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.tx.OutPoint;

/**
 * Exact undo data of a connected block: its UTXO changes (coins spent from the parent's set, outputs
 * created and left unspent), the Bloom bits it set, the previous values of the weights its delta
 * touched (in-place blocks), or the parent's model file (growth blocks, whose new model lives in a
 * new file). Read back with every count bounded by the bytes actually present, so a damaged file
 * gives an {@link IOException}, never a huge allocation.
 */
record BlockUndo(UtxoChanges utxo, int[] bloomBits, float[] deltaPrevious, boolean grew, String parentModelFile) {
    private static final int MAGIC = 0x464c5532; // "FLU2"
    /** Smallest serialized coin entry: txid, index, value, script length, height, coinbase flag. */
    private static final int MIN_COIN_ENTRY = 32 + 4 + 8 + 4 + 8 + 1;

    byte[] toBytes() {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(b);
            o.writeInt(MAGIC);
            writeCoins(o, utxo.spentFromBase());
            writeCoins(o, utxo.created());
            o.writeInt(bloomBits.length);
            for (int x : bloomBits) o.writeInt(x);
            o.writeInt(deltaPrevious.length);
            for (float f : deltaPrevious) o.writeInt(Float.floatToRawIntBits(f));
            o.writeBoolean(grew);
            o.writeUTF(parentModelFile);
            o.flush();
            return b.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeCoins(DataOutputStream o, Map<OutPoint, Coin> coins) throws IOException {
        o.writeInt(coins.size());
        for (Map.Entry<OutPoint, Coin> e : coins.entrySet()) {
            o.write(e.getKey().txid().toByteArray());
            o.writeInt(e.getKey().index());
            e.getValue().write(o);
        }
    }

    static BlockUndo fromBytes(byte[] bytes) throws IOException {
        ByteArrayInputStream raw = new ByteArrayInputStream(bytes);
        DataInputStream in = new DataInputStream(raw);
        if (bytes.length < 4 || in.readInt() != MAGIC) throw new IOException("not an undo file");
        Map<OutPoint, Coin> spent = readCoins(in, raw);
        Map<OutPoint, Coin> created = readCoins(in, raw);
        int[] bits = new int[count(in, raw, 4, "Bloom bit")];
        for (int i = 0; i < bits.length; i++) bits[i] = in.readInt();
        float[] prev = new float[count(in, raw, 4, "previous value")];
        for (int i = 0; i < prev.length; i++) prev[i] = Float.intBitsToFloat(in.readInt());
        boolean grew = in.readBoolean();
        String parentModel = in.readUTF();
        if (raw.available() != 0) throw new IOException("trailing bytes in undo file");
        return new BlockUndo(UtxoChanges.of(spent, created), bits, prev, grew, parentModel);
    }

    private static Map<OutPoint, Coin> readCoins(DataInputStream in, ByteArrayInputStream raw) throws IOException {
        int n = count(in, raw, MIN_COIN_ENTRY, "coin");
        Map<OutPoint, Coin> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byte[] txid = new byte[32];
            in.readFully(txid);
            OutPoint p = new OutPoint(Hash256.of(txid), in.readInt());
            if (out.put(p, Coin.read(in)) != null) throw new IOException("undo file repeats " + p);
        }
        return out;
    }

    /** A count field, checked against the bytes left (each element needs at least {@code minSize}). */
    private static int count(DataInputStream in, ByteArrayInputStream raw, int minSize, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * minSize > raw.available()) throw new IOException("undo file: " + what + " count " + n + " exceeds the file");
        return n;
    }
}
