package org.flowcoin.crypto;

import java.util.Locale;

/**
 * The kernel a test run forces: the build runs the Keccak tests once more with
 * {@code flow.keccak.impl=scalar} and once with {@code vector} (flow-crypto's POM), and each
 * Keccak test class applies that choice through the public API before it hashes.
 */
public final class ForcedKeccakKernel {
    /** The test run's property; the library itself reads none. */
    public static final String PROPERTY = "flow.keccak.impl";

    private ForcedKeccakKernel() {}

    /** Applies the forced kernel (default {@code auto}) and returns its name in lower case. */
    public static String apply() {
        String mode = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        Keccak.useKernel(Keccak.Kernel.valueOf(mode.toUpperCase(Locale.ROOT)));
        return mode;
    }
}
