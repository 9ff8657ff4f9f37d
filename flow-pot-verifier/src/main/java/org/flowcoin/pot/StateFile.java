package org.flowcoin.pot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flowcoin.primitives.Hash256;

/**
 * {@code chainstate.bin}: the committed tip, its model file, Bloom filter and UTXO set, rewritten
 * atomically at every change (its rename is the commit point of a block connection).
 */
final class StateFile {
    private static final int MAGIC = 0x464c4353; // "FLCS"
    private static final int VERSION = 2;

    /** The committed state. */
    record Snapshot(Hash256 tip, String modelFile, BloomFilter bloom, UtxoSet utxos) {}

    private StateFile() {}

    static boolean exists(Path dir) {
        return Files.exists(dir.resolve("chainstate.bin"));
    }

    static void write(Path dir, Snapshot s) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(b);
        o.writeInt(MAGIC);
        o.writeInt(VERSION);
        o.write(s.tip().toByteArray());
        o.writeUTF(s.modelFile());
        ByteBuffer bb = ByteBuffer.allocate(s.bloom().serializedSize());
        s.bloom().write(bb);
        o.write(bb.array());
        s.utxos().write(o);
        o.flush();
        Durable.write(dir.resolve("chainstate.bin"), b.toByteArray());
    }

    static Snapshot read(Path dir, PotParams params) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve("chainstate.bin"));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) throw new IOException("chainstate.bin is not a version " + VERSION + " chain state file");
            byte[] tip = new byte[32];
            in.readFully(tip);
            String modelFile = in.readUTF();
            if (modelFile.contains("/") || modelFile.contains("\\") || modelFile.startsWith(".")) throw new IOException("chainstate.bin names a bad model file");
            byte[] bloomBytes = new byte[BloomFilter.empty(params).serializedSize()];
            in.readFully(bloomBytes);
            BloomFilter bloom = BloomFilter.read(ByteBuffer.wrap(bloomBytes), params);
            UtxoSet utxos = UtxoSet.read(in);
            if (in.available() != 0) throw new IOException("trailing bytes in chainstate.bin");
            return new Snapshot(Hash256.of(tip), modelFile, bloom, utxos);
        } catch (java.io.EOFException e) {
            throw new IOException("chainstate.bin is truncated", e);
        }
    }
}
