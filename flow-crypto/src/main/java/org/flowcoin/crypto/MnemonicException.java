package org.flowcoin.crypto;

/**
 * A BIP-39 mnemonic is invalid: wrong word count, a word outside the English list, or a bad
 * checksum. Messages name positions, never the words themselves.
 */
public final class MnemonicException extends CryptoFormatException {
    private static final long serialVersionUID = 1L;

    public MnemonicException(String message) {
        super(message);
    }
}
