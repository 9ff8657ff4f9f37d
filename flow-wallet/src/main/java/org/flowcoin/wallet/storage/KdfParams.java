package org.flowcoin.wallet.storage;

/**
 * Argon2id (version 0x13) cost parameters, stored in every wallet file so that a file keeps
 * opening when the defaults change.
 *
 * <pre>{@code
 * KdfParams strong = KdfParams.DEFAULT;          // 64 MiB, 3 passes, 4 lanes (RFC 9106 §4)
 * KdfParams custom = new KdfParams(262_144, 4, 4); // 256 MiB
 * }</pre>
 *
 * @param memoryKiB   memory in KiB; at least 8 × parallelism, at most {@link #MAX_MEMORY_KIB}
 * @param iterations  passes over memory, 1..{@link #MAX_ITERATIONS}
 * @param parallelism lanes, 1..{@link #MAX_PARALLELISM}
 */
public record KdfParams(int memoryKiB, int iterations, int parallelism) {

    /** 4 GiB: the loader refuses more so a hostile file cannot exhaust memory. */
    public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    /** Upper bound on passes accepted from a file. */
    public static final int MAX_ITERATIONS = 64;
    /** Upper bound on lanes (the encoding is one byte). */
    public static final int MAX_PARALLELISM = 255;

    /** RFC 9106's second recommended option: m = 64 MiB, t = 3, p = 4. */
    public static final KdfParams DEFAULT = new KdfParams(64 * 1024, 3, 4);

    /** Cheap parameters for tests and regtest demos only; never for real funds. */
    public static final KdfParams INSECURE_FAST = new KdfParams(64, 1, 1);

    public KdfParams {
        String problem = problem(memoryKiB, iterations, parallelism);
        if (problem != null) throw new IllegalArgumentException(problem);
    }

    static String problem(long memoryKiB, long iterations, long parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) return "Argon2 parallelism out of range";
        if (iterations < 1 || iterations > MAX_ITERATIONS) return "Argon2 iterations out of range";
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) return "Argon2 memory out of range";
        return null;
    }
}
