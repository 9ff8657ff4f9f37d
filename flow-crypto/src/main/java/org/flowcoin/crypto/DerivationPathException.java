package org.flowcoin.crypto;

/** A derivation path string is malformed, or asks for a non-hardened (unsupported) index. */
public final class DerivationPathException extends CryptoFormatException {
    private static final long serialVersionUID = 1L;

    public DerivationPathException(String message) {
        super(message);
    }
}
