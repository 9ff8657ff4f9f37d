package org.flowcoin.crypto;

import java.util.Optional;

/**
 * The network an address belongs to, identified by its Bech32m human-readable part.
 *
 * <pre>{@code
 * AddressNetwork.MAIN.hrp();                  // "fl"
 * AddressNetwork.forHrp("tfl");               // Optional[TEST]
 * }</pre>
 */
public enum AddressNetwork {
    /** Main network, HRP {@code fl}. */
    MAIN("fl"),
    /** Public test network, HRP {@code tfl}. */
    TEST("tfl"),
    /** Local regression-test network, HRP {@code rfl}. */
    REGTEST("rfl");

    private final String hrp;

    AddressNetwork(String hrp) {
        this.hrp = hrp;
    }

    /** The lower-case human-readable part. */
    public String hrp() {
        return hrp;
    }

    /** The network with this (lower-case) HRP, if any. */
    public static Optional<AddressNetwork> forHrp(String hrp) {
        for (AddressNetwork n : values()) {
            if (n.hrp.equals(hrp)) return Optional.of(n);
        }
        return Optional.empty();
    }
}
