package org.flowcoin.pot;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.TensorInfo;
import org.flowcoin.primitives.Hash256;

/**
 * Model files of a data directory ({@code models/*.bin}, raw f32 LE in canonical flat order) and the
 * journal that makes an in-place change of the mapped file recoverable (docs/spec/validation.md §6).
 */
final class ModelStore implements AutoCloseable {
    static final byte JOURNAL_CONNECT = 1, JOURNAL_DISCONNECT = 2;

    /** A journal entry: the operation and the block it concerns. */
    record Journal(byte op, Hash256 block) {}

    private final Path models;
    private final Path journal;
    private final boolean readOnly;
    private Arena arena;

    ModelStore(Path dir, boolean readOnly) {
        this.models = dir.resolve("models");
        this.journal = dir.resolve("journal");
        this.readOnly = readOnly;
    }

    void createDirectories() throws IOException {
        Files.createDirectories(models);
    }

    /** Writes a complete model file durably under {@code name}. */
    void write(String name, ModelWeights w) throws IOException {
        Path p = models.resolve(name);
        Path tmp = p.resolveSibling(name + ".tmp");
        long size = w.layout().parameterCount() * 4;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                Arena a = Arena.ofConfined()) {
            MemorySegment m = ch.map(FileChannel.MapMode.READ_WRITE, 0, size, a);
            for (TensorInfo t : w.layout().tensors()) MemorySegment.copy(w.tensor(t.name()), 0, m, 4 * t.offset(), t.byteSize());
            m.force();
            ch.force(true);
        }
        Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Durable.syncDir(p.getParent());
    }

    /** Maps model file {@code name} (read-write, or read-only in a read-only store); the previous mapping is released. */
    ModelWeights map(String name, ModelConfig cfg) throws IOException {
        if (arena != null) arena.close();
        arena = Arena.ofShared();
        Path p = models.resolve(name);
        var options = readOnly ? new StandardOpenOption[] {StandardOpenOption.READ} : new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE};
        try (FileChannel ch = FileChannel.open(p, options)) {
            long size = cfg.layout().parameterCount() * 4;
            if (ch.size() != size) throw new IOException("model file " + name + " has " + ch.size() + " bytes, expected " + size);
            MemorySegment m = ch.map(readOnly ? FileChannel.MapMode.READ_ONLY : FileChannel.MapMode.READ_WRITE, 0, size, arena);
            List<MemorySegment> segs = new ArrayList<>();
            for (TensorInfo t : cfg.layout().tensors()) segs.add(m.asSlice(4 * t.offset(), t.byteSize()));
            return ModelWeights.of(cfg, segs);
        }
    }

    /** Flushes a mapped model to disk (all tensors are slices of one mapping). */
    static void force(ModelWeights mapped) {
        for (MemorySegment s : mapped.tensors()) s.force();
    }

    void writeJournal(byte op, Hash256 h) throws IOException {
        byte[] r = new byte[33];
        r[0] = op;
        System.arraycopy(h.toByteArray(), 0, r, 1, 32);
        Durable.write(journal, r);
    }

    /** The pending journal entry, if an in-place change was interrupted; a torn journal reads as none. */
    Optional<Journal> readJournal() throws IOException {
        if (!Files.exists(journal)) return Optional.empty();
        byte[] jb = Files.readAllBytes(journal);
        if (jb.length != 33 || (jb[0] != JOURNAL_CONNECT && jb[0] != JOURNAL_DISCONNECT)) return Optional.empty();
        return Optional.of(new Journal(jb[0], Hash256.of(Arrays.copyOfRange(jb, 1, 33))));
    }

    boolean hasJournal() {
        return Files.exists(journal);
    }

    void clearJournal() throws IOException {
        Durable.delete(journal);
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
            arena = null;
        }
    }
}
