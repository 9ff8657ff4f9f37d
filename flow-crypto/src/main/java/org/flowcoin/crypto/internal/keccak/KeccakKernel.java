package org.flowcoin.crypto.internal.keccak;

import java.util.Optional;

/**
 * The one-state Keccak-f[1600] used by {@code Keccak}'s one-shot and streaming digests:
 *
 * <ul>
 *   <li>{@code vector} ({@code KeccakF1600Vector}, Java 25 and later: see {@link VectorKeccak}):
 *       the state as five 512-bit vectors, one per plane. Selected when the
 *       {@code jdk.incubator.vector} module is readable and the CPU has 512-bit vectors
 *       (AVX-512), where it is faster than the scalar code;
 *   <li>{@code scalar} ({@link KeccakF1600}): everywhere else.
 * </ul>
 *
 * <p>{@link #select} ({@code auto}, the default, {@code scalar} or {@code vector}; public as
 * {@code Keccak.useKernel}) forces the choice for tests and benchmarks; the library reads no system
 * property. Forcing {@code vector} without the module (or before Java 25) falls back to scalar. Digests are identical
 * either way, so the choice may change at any time, also while other threads hash.
 *
 * <p>Warm-up: until the JIT has compiled it, a Vector API method runs hundreds of times slower
 * than scalar code (every vector is an object in the interpreter), and loading the Vector API
 * classes takes some 30 ms: measured here, the first Keccak-256d took about 100 ms on the vector
 * kernel against 5-7 ms on the scalar one, and the next thousand about 0.6 ms each. So in
 * {@code auto} mode the first {@value #SCALAR_WARMUP_PERMUTATIONS} permutations of the process
 * (some 30 ms of hashing) run the scalar kernel, and only then is the CPU checked and the vector
 * kernel loaded: short-lived processes (a CLI call) never pay the vector warm-up, long-running
 * ones pay it once. Forcing {@code vector} uses it from the first permutation.
 */
public final class KeccakKernel {
    private KeccakKernel() {}

    /** Below this preferred vector width (no AVX-512) the JIT cannot compile the vector kernel. */
    static final int MIN_AUTO_VECTOR_BITS = 512;

    /** Permutations that run on the scalar kernel before an automatically chosen vector kernel. */
    static final int SCALAR_WARMUP_PERMUTATIONS = 1 << 16;

    // The fields below are read and written without synchronisation on purpose: every kernel gives
    // the same bits, so a thread that sees a stale choice for a few permutations is harmless.
    private static String mode = "auto";
    /** The vector kernel may be used at all (mode and module); only then is any vector class loaded. */
    private static boolean candidate = vectorModuleReadable();
    // 1: vector kernel, -1: scalar kernel, 0: automatic choice not made yet (scalar warm-up). The
    // hardware check is deferred to the end of the warm-up so that short-lived processes do not
    // even load the Vector API classes (some 30 ms).
    private static int state = candidate ? 0 : -1;
    private static int warmupCount;

    /**
     * Selects the kernel: {@code auto} (the default: vector on AVX-512 after the warm-up),
     * {@code scalar} or {@code vector} (from the next permutation on, where the module is readable).
     *
     * @throws IllegalArgumentException for any other mode
     */
    public static synchronized void select(String newMode) {
        if (!newMode.equals("auto") && !newMode.equals("scalar") && !newMode.equals("vector")) {
            throw new IllegalArgumentException("Keccak kernel must be auto, scalar or vector, not " + newMode);
        }
        boolean cand = !newMode.equals("scalar") && vectorModuleReadable();
        mode = newMode;
        warmupCount = 0;
        state = !cand ? -1 : newMode.equals("vector") ? (decide(newMode, preferredVectorBits()) ? 1 : -1) : 0;
        candidate = cand;
    }

    /** Whether the vector kernel is selected (chosen automatically, it takes over after the warm-up). */
    public static boolean vector() {
        return candidate && decide(mode, preferredVectorBits());
    }

    /** The selected kernel: {@code "vector"} or {@code "scalar"}. */
    public static String name() {
        return vector() ? "vector" : "scalar";
    }

    /** Applies Keccak-f[1600] to {@code s} (25 lanes) in place with the selected kernel. */
    public static void permute(long[] s) {
        if (candidate && useVector()) {
            VectorKeccak.Loaded.KERNELS.permute(s);
        } else {
            KeccakF1600.permute(s);
        }
    }

    /** Whether the vector kernel runs now (false during the scalar warm-up). */
    static boolean vectorActive() {
        return state > 0;
    }

    private static boolean useVector() {
        int st = state;
        if (st != 0) return st > 0;
        int n = warmupCount + 1;
        warmupCount = n;
        if (n < SCALAR_WARMUP_PERMUTATIONS) return false;
        state = decide(mode, preferredVectorBits()) ? 1 : -1;
        return state > 0;
    }

    /**
     * The decision as a pure function: {@code bits} is the preferred vector width, 0 when the
     * vector module cannot be used. Unknown modes count as {@code auto}.
     */
    static boolean decide(String mode, int bits) {
        return switch (mode) {
            case "scalar" -> false;
            case "vector" -> bits > 0;
            default -> bits >= MIN_AUTO_VECTOR_BITS;
        };
    }

    static boolean vectorModuleReadable() {
        Optional<Module> vec = ModuleLayer.boot().findModule("jdk.incubator.vector");
        if (vec.isEmpty()) return false;
        Module self = KeccakKernel.class.getModule();
        return !self.isNamed() || self.canRead(vec.get());
    }

    /** The preferred vector width, 0 where the vector kernels cannot run (see {@link VectorKeccak}). */
    static int preferredVectorBits() {
        VectorKeccak kernels = VectorKeccak.Loaded.KERNELS;
        return kernels == null ? 0 : kernels.preferredVectorBits();
    }
}
