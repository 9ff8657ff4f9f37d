package org.flowcoin.pot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowcoin.primitives.DecodeException;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.BlockHeader;

/**
 * Block files, their undo files and the append-only index log of a data directory
 * (docs/spec/validation.md §6). Knows nothing about validity beyond the status bytes it records.
 */
final class BlockStore {
    static final byte STORED = 1, INVALID = 2, EVICTED = 3;
    private static final int RECORD = 33;

    /** One index-log record. */
    record LogRecord(Hash256 hash, byte status) {}

    private final Path blocks;
    private final Path undo;
    private final Path log;

    BlockStore(Path dir) {
        this.blocks = dir.resolve("blocks");
        this.undo = dir.resolve("undo");
        this.log = dir.resolve("index.log");
    }

    void createDirectories() throws IOException {
        Files.createDirectories(blocks);
        Files.createDirectories(undo);
    }

    Path blockPath(Hash256 h) {
        return blocks.resolve(h.toHex() + ".blk");
    }

    private Path undoPath(Hash256 h) {
        return undo.resolve(h.toHex() + ".undo");
    }

    boolean hasBlock(Hash256 h) {
        return Files.exists(blockPath(h));
    }

    void writeBlock(Hash256 h, byte[] bytes) throws IOException {
        Durable.write(blockPath(h), bytes);
    }

    byte[] readBlockBytes(Hash256 h) throws IOException {
        return Files.readAllBytes(blockPath(h));
    }

    BlockHeader readHeader(Hash256 h) throws IOException {
        try (FileChannel ch = FileChannel.open(blockPath(h), StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(BlockHeader.SIZE);
            while (b.hasRemaining() && ch.read(b) >= 0) {}
            b.flip();
            BlockHeader hdr = BlockHeader.read(b);
            if (!hdr.hash().equals(h)) throw new IOException("block file " + blockPath(h) + " holds block " + hdr.hash());
            return hdr;
        } catch (DecodeException | java.nio.BufferUnderflowException e) {
            throw new IOException("block file " + blockPath(h) + " is damaged: " + e.getMessage(), e);
        }
    }

    void writeUndo(Hash256 h, BlockUndo u) throws IOException {
        Durable.write(undoPath(h), u.toBytes());
    }

    BlockUndo readUndo(Hash256 h) throws IOException {
        return BlockUndo.fromBytes(Files.readAllBytes(undoPath(h)));
    }

    /** Removes a block and its undo file (eviction of a side-branch leaf). */
    void delete(Hash256 h) throws IOException {
        Durable.delete(undoPath(h));
        Durable.delete(blockPath(h));
    }

    void resetLog() throws IOException {
        Files.deleteIfExists(log);
    }

    void record(Hash256 h, byte status) throws IOException {
        byte[] r = new byte[RECORD];
        System.arraycopy(h.toByteArray(), 0, r, 0, 32);
        r[32] = status;
        Durable.append(log, r);
    }

    /** Every complete record, in order (a torn final record, from a crash during an append, is ignored). */
    List<LogRecord> readLog() throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        List<LogRecord> out = new ArrayList<>(bytes.length / RECORD);
        for (int i = 0; i + RECORD <= bytes.length; i += RECORD) {
            byte st = bytes[i + 32];
            if (st != STORED && st != INVALID && st != EVICTED) throw new IOException("index.log record " + i / RECORD + " has unknown status " + st);
            out.add(new LogRecord(Hash256.of(Arrays.copyOfRange(bytes, i, i + 32)), st));
        }
        return out;
    }
}
