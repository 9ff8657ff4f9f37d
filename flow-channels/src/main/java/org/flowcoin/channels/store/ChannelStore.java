package org.flowcoin.channels.store;

import org.flowcoin.channels.ChannelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.flowcoin.channels.ChannelException.Reason;

/**
 * One channel's state on disk, replaced atomically: the new state goes to {@code channel.tmp},
 * is forced to the device, renamed over {@code channel.state} and the directory is forced. A crash
 * at any point leaves the old state or the new one, never a mixture; a leftover temporary file is
 * ignored. {@link #commit} enforces the invariants before anything is written, so the rule "never
 * use a commitment this side revoked" holds across restarts: persist the revocation with
 * {@link #commit} first, and only then send the secret to the counterparty.
 */
public final class ChannelStore {
    static final String FILE = "channel.state";
    static final String TEMP = "channel.tmp";

    /** Crash points for tests: called after each durable step of a write. */
    interface Hook {
        void after(String step) throws IOException;
    }

    private final Path dir;
    private final Hook hook;
    private ChannelState state;

    private ChannelStore(Path dir, ChannelState state, Hook hook) {
        this.dir = dir;
        this.state = state;
        this.hook = hook;
    }

    /** Creates the store with its first state; refuses a directory that already holds one. */
    public static ChannelStore create(Path dir, ChannelState initial) throws IOException, ChannelException {
        return create(dir, initial, step -> { });
    }

    static ChannelStore create(Path dir, ChannelState initial, Hook hook) throws IOException, ChannelException {
        Files.createDirectories(dir);
        if (Files.exists(dir.resolve(FILE))) throw new ChannelException(Reason.REFUSED, "a channel state already exists in " + dir);
        if (initial.version() != 0) throw new ChannelException(Reason.REFUSED, "a new channel starts at version 0");
        ChannelStore s = new ChannelStore(dir, initial, hook);
        s.write(initial);
        return s;
    }

    /** Opens the stored state; a damaged file is reported, never replaced. */
    public static ChannelStore open(Path dir) throws IOException, ChannelException {
        return open(dir, step -> { });
    }

    static ChannelStore open(Path dir, Hook hook) throws IOException, ChannelException {
        Path f = dir.resolve(FILE);
        long size;
        try {
            size = Files.size(f);
        } catch (NoSuchFileException e) {
            throw new ChannelException(Reason.CORRUPT, "no channel state in " + dir);
        }
        if (size > ChannelState.MAX_BYTES) throw new ChannelException(Reason.CORRUPT, "channel state file too large: " + size);
        return new ChannelStore(dir, ChannelState.decode(Files.readAllBytes(f)), hook);
    }

    /** The current state (a copy: changing its secrets changes nothing stored). */
    public ChannelState state() {
        try {
            return ChannelState.decode(state.encode());
        } catch (ChannelException e) {
            throw new IllegalStateException("a state this store wrote does not decode", e);
        }
    }

    /**
     * Replaces the state durably.
     *
     * @throws ChannelException {@code REFUSED} if {@code next} is not version + 1, revokes
     *     less than before, moves a commitment number backwards, or forgets revealed secrets
     */
    public void commit(ChannelState next) throws IOException, ChannelException {
        ChannelState cur = state;
        if (next.version() != cur.version() + 1) refuse("version must be " + (cur.version() + 1));
        if (next.revokedLocalBelow() < cur.revokedLocalBelow()) refuse("a revocation cannot be undone");
        if (next.localCommitment() < cur.localCommitment() || next.remoteCommitment() < cur.remoteCommitment()) {
            refuse("commitment numbers only grow");
        }
        if (next.revealed().count() < cur.revealed().count()) refuse("revealed secrets cannot be forgotten");
        write(next);
        state = ChannelState.decode(next.encode());
    }

    private static void refuse(String why) throws ChannelException {
        throw new ChannelException(Reason.REFUSED, why);
    }

    private void write(ChannelState s) throws IOException {
        Path tmp = dir.resolve(TEMP);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(s.encode());
            while (buf.hasRemaining()) ch.write(buf);
            hook.after("written");
            ch.force(true);
        }
        hook.after("forced");
        try {
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot replace files atomically: " + dir, e);
        }
        hook.after("renamed");
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the rename is still atomic there.
        }
        hook.after("synced");
    }
}
