package org.flowcoin.pot;

import java.io.IOException;

/**
 * A data directory that cannot be opened as asked, with the reason as a {@link Kind} so that a
 * caller (a CLI, a node) can print one line instead of a stack trace.
 *
 * <pre>{@code
 * try (ChainState cs = ChainState.open(dir, params, evaluator, InstantSource.system())) { ... }
 * catch (DataDirectoryException e) {
 *     if (e.kind() == DataDirectoryException.Kind.LOCKED) System.err.println("another process has " + dir + " open");
 * }
 * }</pre>
 */
public final class DataDirectoryException extends IOException {
    /** Why the directory was refused. */
    public enum Kind {
        /** The directory records another network or another genesis block. */
        WRONG_NETWORK,
        /** Another process (or another open in this one) holds a conflicting lock. */
        LOCKED,
        /** A read-only open of a directory that does not exist or holds no chain. */
        MISSING,
        /** The network record is unreadable or incomplete. */
        CORRUPT,
        /** The directory has a layout this version does not read (e.g. a chain state without a network record). */
        UNSUPPORTED_FORMAT
    }

    private final Kind kind;

    public DataDirectoryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
