package org.flowcoin.crypto;

/**
 * A string or (network, version, program) triple is not a valid FlowCoin address: bad Bech32m, an
 * unknown or unexpected HRP, an unknown witness version, or a wrong program length.
 */
public final class AddressFormatException extends CryptoFormatException {
    private static final long serialVersionUID = 1L;

    public AddressFormatException(String message) {
        super(message);
    }
}
