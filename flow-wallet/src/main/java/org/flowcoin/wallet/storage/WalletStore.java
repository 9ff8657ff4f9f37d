package org.flowcoin.wallet.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.flowcoin.crypto.Argon2id;

/**
 * One encrypted wallet file and the key that opens it. Saves are atomic and durable: the new
 * contents go to a temporary file in the same directory, which is fsynced, renamed over the
 * old file with an atomic move, and the directory is fsynced. A crash at any point leaves
 * either the previous file or the new one.
 *
 * <p>The Argon2id-derived key stays in memory while the store is open so that repeated saves
 * do not pay the KDF again; {@link #close()} wipes it. One process should write a given file
 * at a time.
 *
 * <pre>{@code
 * try (WalletStore store = WalletStore.create(path, passphrase, KdfParams.DEFAULT, new SecureRandom())) {
 *     store.save(bodyBytes);
 * }
 * try (WalletStore.Loaded loaded = WalletStore.load(path, passphrase)) {
 *     byte[] body = loaded.body();   // plaintext protobuf; wipe when done
 *     loaded.store().save(newBody);
 * }
 * }</pre>
 */
public final class WalletStore implements AutoCloseable {
    private static final String TMP_MARK = ".tmp-";

    private final Path file;
    private final KdfParams kdf;
    private final byte[] salt;
    private final byte[] key;
    private final SecureRandom random;
    private boolean closed;

    private WalletStore(Path file, KdfParams kdf, byte[] salt, byte[] key, SecureRandom random) {
        this.file = file.toAbsolutePath();
        this.kdf = kdf;
        this.salt = salt;
        this.key = key;
        this.random = random;
    }

    /**
     * A store for a new wallet file (nothing is written until {@link #save}). Derives the key
     * from {@code passphrase} with a fresh random salt; the caller still owns and wipes
     * {@code passphrase}.
     */
    public static WalletStore create(Path file, char[] passphrase, KdfParams kdf, SecureRandom random) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kdf, "kdf");
        byte[] salt = new byte[WalletFileCodec.SALT_SIZE];
        random.nextBytes(salt);
        return new WalletStore(file, kdf, salt, deriveKey(passphrase, salt, kdf), random);
    }

    /**
     * Reads, checks and decrypts a wallet file. Either the whole plaintext body comes back or a
     * {@link WalletFileException} names what is wrong with the file.
     *
     * @throws NoSuchFileException if there is no file
     */
    public static Loaded load(Path file, char[] passphrase) throws WalletFileException, IOException {
        return load(file, passphrase, new SecureRandom());
    }

    /** As {@link #load(Path, char[])}, with the randomness later saves use for nonces. */
    public static Loaded load(Path file, char[] passphrase, SecureRandom random)
            throws WalletFileException, IOException {
        byte[] bytes = readBounded(file);
        WalletFileCodec.Envelope env = WalletFileCodec.parse(bytes);
        byte[] key = deriveKey(passphrase, env.salt(), env.kdf());
        byte[] body;
        try {
            body = WalletFileCodec.open(env, key);
        } catch (WalletFileException e) {
            Arrays.fill(key, (byte) 0);
            throw e;
        }
        return new Loaded(new WalletStore(file, env.kdf(), env.salt(), key, random), body);
    }

    /** The file this store writes. */
    public Path file() {
        return file;
    }

    /** The KDF parameters written into the file. */
    public KdfParams kdfParams() {
        return kdf;
    }

    /**
     * Encrypts {@code body} with a fresh nonce and replaces the file atomically and durably.
     * Returns only once the new file and its directory entry are on stable storage.
     */
    public synchronized void save(byte[] body) throws IOException {
        if (closed) throw new IllegalStateException("store closed");
        byte[] nonce = new byte[WalletFileCodec.NONCE_SIZE];
        random.nextBytes(nonce);
        byte[] sealed = WalletFileCodec.seal(body, key, kdf, salt, nonce);
        writeAtomically(file, sealed, random);
    }

    /**
     * A store writing the same file under a new passphrase (fresh salt, given parameters). The
     * file changes only on the new store's next {@link #save}.
     */
    public WalletStore withPassphrase(char[] passphrase, KdfParams newKdf) {
        return create(file, passphrase, newKdf, random);
    }

    /** Wipes the key; later saves fail. */
    @Override
    public synchronized void close() {
        Arrays.fill(key, (byte) 0);
        closed = true;
    }

    @Override
    public String toString() {
        return "WalletStore[" + file + "]";
    }

    /** Writes bytes to {@code target} through a temporary sibling, fsync, atomic rename and directory fsync. */
    static void writeAtomically(Path target, byte[] bytes, SecureRandom random) throws IOException {
        Path dir = target.getParent();
        String name = target.getFileName().toString();
        byte[] tag = new byte[8];
        random.nextBytes(tag);
        Path tmp = dir.resolve("." + name + TMP_MARK + HexFormat.of().formatHex(tag));
        try {
            try (FileChannel ch = openNew(tmp)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        fsyncDirectory(dir);
        removeStaleTemporaries(dir, name);
    }

    private static FileChannel openNew(Path tmp) throws IOException {
        try {
            return FileChannel.open(tmp, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
            if (!System.getProperty("os.name", "").startsWith("Windows")) throw e;
        }
    }

    /** Temporaries left by a crash mid-save are never the live file; drop them. */
    private static void removeStaleTemporaries(Path dir, String name) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "." + name + TMP_MARK + "*")) {
            for (Path p : ds) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temporary is harmless
                }
            }
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static byte[] readBounded(Path file) throws IOException, WalletFileException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > WalletFileCodec.MAX_FILE_SIZE) throw new WalletFileException.Corrupted("file too large");
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading
            }
            return buf.hasRemaining() ? Arrays.copyOf(buf.array(), buf.position()) : buf.array();
        }
    }

    static byte[] deriveKey(char[] passphrase, byte[] salt, KdfParams kdf) {
        Objects.requireNonNull(passphrase, "passphrase");
        byte[] pw = utf8(passphrase);
        try {
            return Argon2id.hash(pw, salt, kdf.memoryKiB(), kdf.iterations(), kdf.parallelism(), 32);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    /** UTF-8 without intermediate Strings, so the bytes can be wiped. */
    static byte[] utf8(char[] chars) {
        CharsetEncoder enc = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bb;
        try {
            bb = enc.encode(CharBuffer.wrap(chars));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("passphrase is not valid UTF-16 text");
        }
        byte[] out = new byte[bb.remaining()];
        bb.get(out);
        if (bb.hasArray()) Arrays.fill(bb.array(), (byte) 0);
        return out;
    }

    /** A decrypted wallet: the plaintext body and the store that saves it again. */
    public static final class Loaded implements AutoCloseable {
        private final WalletStore store;
        private final byte[] body;

        Loaded(WalletStore store, byte[] body) {
            this.store = store;
            this.body = body;
        }

        /** The store, holding the key for later saves. */
        public WalletStore store() {
            return store;
        }

        /** A copy of the plaintext body; the caller wipes it. */
        public byte[] body() {
            return body.clone();
        }

        /** Wipes the plaintext held here (the store stays open). */
        public void wipeBody() {
            Arrays.fill(body, (byte) 0);
        }

        /** Wipes the plaintext and closes the store. */
        @Override
        public void close() {
            wipeBody();
            store.close();
        }

        @Override
        public String toString() {
            return "WalletStore.Loaded[" + store.file + "]";
        }
    }

}
