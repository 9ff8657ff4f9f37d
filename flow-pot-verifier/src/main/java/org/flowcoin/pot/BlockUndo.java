package org.flowcoin.pot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.tx.OutPoint;

/**
 * Exact undo data of a connected block: the coins it spent, the Bloom bits it set, the previous
 * values of the weights its delta touched (in-place blocks), or the parent's model file (growth
 * blocks, whose new model lives in a new file).
 */
record BlockUndo(List<OutPoint> spentPoints, List<Coin> spentCoins, int[] bloomBits, float[] deltaPrevious, boolean grew, String parentModelFile) {

    byte[] toBytes() {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(b);
            o.writeInt(0x464c5544); // "FLUD"
            o.writeInt(spentPoints.size());
            for (int i = 0; i < spentPoints.size(); i++) {
                o.write(spentPoints.get(i).txid().toByteArray());
                o.writeInt(spentPoints.get(i).index());
                spentCoins.get(i).write(o);
            }
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

    static BlockUndo fromBytes(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0x464c5544) throw new IOException("not an undo file");
        int n = in.readInt();
        List<OutPoint> pts = new ArrayList<>();
        List<Coin> coins = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pts.add(new OutPoint(Hash256.of(in.readNBytes(32)), in.readInt()));
            coins.add(Coin.read(in));
        }
        int[] bits = new int[in.readInt()];
        for (int i = 0; i < bits.length; i++) bits[i] = in.readInt();
        float[] prev = new float[in.readInt()];
        for (int i = 0; i < prev.length; i++) prev[i] = Float.intBitsToFloat(in.readInt());
        boolean grew = in.readBoolean();
        return new BlockUndo(pts, coins, bits, prev, grew, in.readUTF());
    }
}
