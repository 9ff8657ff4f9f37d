package org.flowcoin.crypto.internal.keccak;

/**
 * The Vector API Keccak kernels, as seen from the Java 17 base of this module.
 *
 * <p>Why an interface loaded by name: flow-crypto runs on Java 17, but its vector kernels use
 * Vector API methods that only Java 24 and later have (two-table {@code selectFrom}). They are
 * compiled for Java 25 from {@code src/main/java25} into the jar's {@code META-INF/versions/25}
 * (a multi-release jar), so a Java 17 to 24 runtime never sees them and {@link Loaded#KERNELS} is
 * null there: every digest takes the scalar kernel, with identical results.
 */
interface VectorKeccak {
    /** Bit size of the widest vector the JIT emits natively on this CPU. */
    int preferredVectorBits();

    /** Keccak-f[1600] on one state (25 lanes, index {@code x + 5*y}) in place. */
    void permute(long[] state);

    /** Whether 256-bit vectors are native here (otherwise the four-way kernel is slower than scalar). */
    boolean fourWaySupported();

    /** Keccak-f[1600] on four interleaved states ({@code s[4 * lane + way]}, 100 longs) in place. */
    void permute4(long[] states);

    /**
     * The kernels of this runtime, or null where they cannot run. Initialised on first use only,
     * so a process that never asks for a vector kernel never loads a Vector API class.
     */
    final class Loaded {
        private Loaded() {}

        /** The Java 25 implementation's binary name (it lives in the jar's versions/25 layer). */
        static final String IMPLEMENTATION = "org.flowcoin.crypto.internal.keccak.VectorKeccakKernels";

        static final VectorKeccak KERNELS = load();

        private static VectorKeccak load() {
            try {
                return Class.forName(IMPLEMENTATION)
                        .asSubclass(VectorKeccak.class)
                        .getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                // Absent before Java 25, or jdk.incubator.vector not readable: the scalar kernels.
                return null;
            }
        }
    }
}
