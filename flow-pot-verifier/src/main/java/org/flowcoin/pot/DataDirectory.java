package org.flowcoin.pot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.Genesis;

/**
 * A chain data directory that knows its network (docs/spec/validation.md §6.5): the text file
 * {@code chain.id} records the format, network name, magic and genesis hash, and every open checks
 * them against the parameters it is given; the file {@code lock} carries an OS file lock, exclusive
 * for a writer and shared for readers, so two processes never write one directory.
 *
 * <pre>{@code
 * try (DataDirectory dd = DataDirectory.open(dir, ChainParams.regtest(), DataDirectory.Mode.WRITE)) {
 *     Path blocks = dd.resolve("blocks");
 * }
 * }</pre>
 */
public final class DataDirectory implements AutoCloseable {
    /** How a directory is opened. */
    public enum Mode {
        /** Exclusive lock; the directory and its network record are created when absent. */
        WRITE,
        /** Shared lock; nothing is created or written, and a missing directory is an error. */
        READ_ONLY
    }

    static final String ID_FILE = "chain.id";
    static final String LOCK_FILE = "lock";
    static final int FORMAT = 2;
    /** Files that mean "a chain lives here" even without a network record (layouts before format 2). */
    private static final String[] CHAIN_FILES = {"chainstate.bin", "index.log"};
    private static final int MAX_ID_FILE = 4096;

    private final Path path;
    private final Mode mode;
    private final ChainParams chain;
    private final Hash256 genesisHash;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path path, Mode mode, ChainParams chain, Hash256 genesisHash, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.mode = mode;
        this.chain = chain;
        this.genesisHash = genesisHash;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens {@code dir} for {@code chain}.
     *
     * @throws DataDirectoryException WRONG_NETWORK, LOCKED, MISSING, CORRUPT or UNSUPPORTED_FORMAT
     * @throws IOException if the file system fails
     */
    public static DataDirectory open(Path dir, ChainParams chain, Mode mode) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(mode, "mode");
        Hash256 genesis = Genesis.block(chain).hash();
        if (mode == Mode.READ_ONLY) {
            if (!Files.isDirectory(dir)) throw new DataDirectoryException(DataDirectoryException.Kind.MISSING, "data directory " + dir + " does not exist");
            if (!Files.exists(dir.resolve(ID_FILE))) {
                if (holdsChain(dir)) throw unsupported(dir);
                throw new DataDirectoryException(DataDirectoryException.Kind.MISSING, "data directory " + dir + " holds no chain");
            }
        } else {
            Files.createDirectories(dir);
        }
        FileChannel ch;
        try {
            ch = mode == Mode.WRITE
                    ? FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new DataDirectoryException(DataDirectoryException.Kind.UNSUPPORTED_FORMAT, "data directory " + dir + " has no lock file");
        }
        FileLock lock;
        try {
            lock = ch.tryLock(0, Long.MAX_VALUE, mode == Mode.READ_ONLY);
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw new DataDirectoryException(DataDirectoryException.Kind.LOCKED,
                    "data directory " + dir + " is in use by another " + (mode == Mode.WRITE ? "reader or writer" : "writer"));
        }
        try {
            checkOrCreateRecord(dir, chain, genesis, mode);
            return new DataDirectory(dir, mode, chain, genesis, ch, lock);
        } catch (IOException | RuntimeException e) {
            ch.close(); // releases the lock
            throw e;
        }
    }

    private static void checkOrCreateRecord(Path dir, ChainParams chain, Hash256 genesis, Mode mode) throws IOException {
        Path id = dir.resolve(ID_FILE);
        if (!Files.exists(id)) {
            if (holdsChain(dir)) throw unsupported(dir);
            if (mode == Mode.READ_ONLY) throw new DataDirectoryException(DataDirectoryException.Kind.MISSING, "data directory " + dir + " holds no chain");
            Path tmp = dir.resolve(ID_FILE + ".tmp");
            Files.writeString(tmp, record(chain, genesis), StandardCharsets.US_ASCII);
            Files.move(tmp, id, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        Map<String, String> r = readRecord(dir);
        if (!String.valueOf(FORMAT).equals(r.get("format"))) {
            throw new DataDirectoryException(DataDirectoryException.Kind.UNSUPPORTED_FORMAT, "data directory " + dir + " has format " + r.get("format") + ", this version reads " + FORMAT);
        }
        String magic = String.format("%08x", chain.magic());
        if (!chain.name().equals(r.get("network")) || !magic.equals(r.get("magic"))) {
            throw new DataDirectoryException(DataDirectoryException.Kind.WRONG_NETWORK,
                    "data directory " + dir + " belongs to network " + r.get("network") + ", not " + chain.name());
        }
        if (!genesis.toHex().equals(r.get("genesis"))) {
            throw new DataDirectoryException(DataDirectoryException.Kind.WRONG_NETWORK,
                    "data directory " + dir + " holds another " + chain.name() + " chain (genesis " + r.get("genesis") + ")");
        }
    }

    /** The network name a directory records, without opening or locking it; empty when it records none. */
    public static Optional<String> recordedNetwork(Path dir) throws IOException {
        if (!Files.exists(dir.resolve(ID_FILE))) return Optional.empty();
        return Optional.ofNullable(readRecord(dir).get("network"));
    }

    static String record(ChainParams chain, Hash256 genesis) {
        return "format=" + FORMAT + "\nnetwork=" + chain.name() + "\nmagic=" + String.format("%08x", chain.magic()) + "\ngenesis=" + genesis.toHex() + "\n";
    }

    private static Map<String, String> readRecord(Path dir) throws IOException {
        Path id = dir.resolve(ID_FILE);
        if (Files.size(id) > MAX_ID_FILE) throw corrupt(dir, "is too large");
        byte[] bytes = Files.readAllBytes(id);
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : new String(bytes, StandardCharsets.US_ASCII).split("\n", -1)) {
            if (line.isEmpty()) continue;
            int eq = line.indexOf('=');
            if (eq <= 0 || m.put(line.substring(0, eq), line.substring(eq + 1)) != null) throw corrupt(dir, "has a malformed line");
        }
        for (String k : new String[] {"format", "network", "magic", "genesis"}) {
            if (!m.containsKey(k)) throw corrupt(dir, "lacks " + k);
        }
        try {
            HexFormat.of().parseHex(m.get("genesis"));
        } catch (IllegalArgumentException e) {
            throw corrupt(dir, "has a malformed genesis hash");
        }
        return m;
    }

    private static boolean holdsChain(Path dir) {
        for (String f : CHAIN_FILES) if (Files.exists(dir.resolve(f))) return true;
        return false;
    }

    private static DataDirectoryException unsupported(Path dir) {
        return new DataDirectoryException(DataDirectoryException.Kind.UNSUPPORTED_FORMAT,
                "data directory " + dir + " holds a chain without a network record (an older layout); re-sync it into a new directory");
    }

    private static DataDirectoryException corrupt(Path dir, String what) {
        return new DataDirectoryException(DataDirectoryException.Kind.CORRUPT, "data directory " + dir + ": " + ID_FILE + " " + what);
    }

    public Path path() {
        return path;
    }

    public Mode mode() {
        return mode;
    }

    public boolean isReadOnly() {
        return mode == Mode.READ_ONLY;
    }

    public ChainParams chain() {
        return chain;
    }

    public Hash256 genesisHash() {
        return genesisHash;
    }

    /** A path inside the directory. */
    public Path resolve(String name) {
        return path.resolve(name);
    }

    /**
     * Releases the lock; idempotent. Closing the channel releases the lock even if the explicit
     * release fails, so a failure here is reported but leaves nothing held.
     *
     * @throws java.io.UncheckedIOException if the file system reports an error while closing
     */
    @Override
    public void close() {
        if (!lockChannel.isOpen()) return;
        try {
            try {
                if (lock.isValid()) lock.release();
            } finally {
                lockChannel.close();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("closing data directory " + path, e);
        }
    }
}
