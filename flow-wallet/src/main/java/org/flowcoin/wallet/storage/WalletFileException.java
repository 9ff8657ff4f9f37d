package org.flowcoin.wallet.storage;

/**
 * A wallet file could not be loaded. Each cause is its own subclass so callers can react to it
 * (ask for the passphrase again, restore a backup, upgrade the software). No subclass ever
 * carries a passphrase, key or plaintext in its message.
 *
 * <pre>{@code
 * try {
 *     WalletStore.Loaded loaded = WalletStore.load(path, passphrase);
 * } catch (WalletFileException.WrongPassphrase e) {
 *     // prompt again
 * } catch (WalletFileException e) {
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public abstract sealed class WalletFileException extends Exception
        permits WalletFileException.NotAWalletFile,
                WalletFileException.Truncated,
                WalletFileException.Corrupted,
                WalletFileException.UnsupportedVersion,
                WalletFileException.WrongPassphrase {

    private static final long serialVersionUID = 1L;

    WalletFileException(String message) {
        super(message, null, false, false);
    }

    /** The file does not start with the wallet magic bytes. */
    public static final class NotAWalletFile extends WalletFileException {
        private static final long serialVersionUID = 1L;

        NotAWalletFile() {
            super("not a FlowCoin wallet file (bad magic)");
        }
    }

    /** The file ends before the length its header declares. */
    public static final class Truncated extends WalletFileException {
        private static final long serialVersionUID = 1L;

        Truncated(long have, long need) {
            super("wallet file truncated: " + have + " bytes, header declares " + need);
        }
    }

    /** A checksum does not match, or a checksummed field holds an impossible value. */
    public static final class Corrupted extends WalletFileException {
        private static final long serialVersionUID = 1L;

        /** For the wallet layer: the decrypted body violates the format. */
        public Corrupted(String detail) {
            super("wallet file corrupted: " + detail);
        }
    }

    /** The file was written by a newer format version than this library reads. */
    public static final class UnsupportedVersion extends WalletFileException {
        private static final long serialVersionUID = 1L;
        private final long version;

        UnsupportedVersion(long version) {
            super("wallet file format version " + version + " is newer than supported version "
                    + WalletFileCodec.FORMAT_VERSION);
            this.version = version;
        }

        /** The version number found in the file. */
        public long version() {
            return version;
        }
    }

    /** The file is intact but the passphrase does not decrypt it. */
    public static final class WrongPassphrase extends WalletFileException {
        private static final long serialVersionUID = 1L;

        WrongPassphrase() {
            super("wrong passphrase");
        }
    }
}
