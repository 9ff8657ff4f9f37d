package org.flowcoin.crypto;

import java.util.Objects;

/** A string is not valid Bech32/Bech32m, or 5-bit data does not convert; {@link #reason()} says why. */
public final class Bech32Exception extends CryptoFormatException {
    private static final long serialVersionUID = 1L;

    /** Why a Bech32 string or conversion was rejected. */
    public enum Reason {
        /** Longer than the length limit (90 for BIP-173 strings). */
        TOO_LONG,
        /** A character outside US-ASCII 33..126. */
        CHARACTER_OUT_OF_RANGE,
        /** Both upper- and lower-case letters. */
        MIXED_CASE,
        /** No '1' separator. */
        NO_SEPARATOR,
        /** Empty human-readable part. */
        EMPTY_HRP,
        /** Fewer than 6 characters after the separator. */
        TOO_SHORT_CHECKSUM,
        /** A character after the separator that is not in the Bech32 alphabet. */
        INVALID_DATA_CHARACTER,
        /** The checksum matches neither (or not the required) encoding. */
        INVALID_CHECKSUM,
        /** 8-to-5 or 5-to-8 conversion: more than 4 padding bits, non-zero padding, or a value out of range. */
        INVALID_PADDING,
    }

    private final Reason reason;

    public Bech32Exception(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }
}
