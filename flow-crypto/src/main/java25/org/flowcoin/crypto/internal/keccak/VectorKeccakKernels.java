package org.flowcoin.crypto.internal.keccak;

/**
 * The Java 25 vector kernels behind {@link VectorKeccak}; loaded by name from the base classes,
 * and only where {@code jdk.incubator.vector} is readable.
 */
final class VectorKeccakKernels implements VectorKeccak {
    VectorKeccakKernels() {
        // Fail here, inside the loader's try, when the Vector API cannot be linked.
        jdk.incubator.vector.LongVector.SPECIES_PREFERRED.length();
    }

    @Override
    public int preferredVectorBits() {
        return KeccakF1600Vector.preferredVectorBits();
    }

    @Override
    public void permute(long[] state) {
        KeccakF1600Vector.permute(state);
    }

    @Override
    public boolean fourWaySupported() {
        return KeccakF1600x4.hardwareSupported();
    }

    @Override
    public void permute4(long[] states) {
        KeccakF1600x4.permute(states);
    }
}
