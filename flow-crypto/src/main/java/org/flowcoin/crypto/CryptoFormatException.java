package org.flowcoin.crypto;

/**
 * Untrusted input to flow-crypto (a Bech32 string, an address, a derivation path, a mnemonic) is
 * malformed. Every decoder of the module reports bad input with a subclass of this exception and
 * never with another one. Messages never contain secret material.
 *
 * <pre>{@code
 * try {
 *     Address a = Address.decode(userInput);
 * } catch (CryptoFormatException e) {
 *     System.err.println("bad address: " + e.getMessage());
 * }
 * }</pre>
 */
public class CryptoFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public CryptoFormatException(String message) {
        super(message);
    }
}
