package org.flowcoin.ggml.natives;

import java.io.InputStream;
import java.util.List;

/**
 * Access to the ggml shared libraries packaged in this jar.
 *
 * <pre>{@code
 * try (InputStream in = GgmlNatives.open("libggml-base.so")) { ... }
 * }</pre>
 */
public final class GgmlNatives {
    /** The ggml version the packaged libraries were built from. */
    public static final String GGML_VERSION = "0.25.1";
    /** Resource folder of the libraries for Linux on x86-64. */
    public static final String LINUX_X86_64 = "native/linux-x86_64/";
    /** The libraries in load order: base first (the others link against it), then cpu, then ggml. */
    public static final List<String> LIBRARIES = List.of("libggml-base.so", "libggml-cpu.so", "libggml.so");
    /** The CPU backend built for AVX2 + FMA + F16C: {@code libggml-cpu.so} of {@link #LIBRARIES}. */
    public static final String CPU_AVX2 = "libggml-cpu.so";
    /**
     * The same CPU backend built for AVX-512 (F, CD, VL, DQ, BW); a drop-in replacement for
     * {@link #CPU_AVX2} (same soname) on CPUs that have those extensions.
     */
    public static final String CPU_AVX512 = "libggml-cpu-avx512.so";
    /** CPU flags (as in /proc/cpuinfo) that {@link #CPU_AVX512} needs. */
    public static final List<String> AVX512_FLAGS = List.of("avx512f", "avx512cd", "avx512vl", "avx512dq", "avx512bw");

    private GgmlNatives() {}

    /**
     * Opens one packaged file of the linux-x86_64 folder (a library, {@code SHA256SUMS} or {@code LICENSE-ggml}).
     *
     * @return the stream, or {@code null} if this jar was built without the libraries (not linux-x86_64)
     */
    public static InputStream open(String name) {
        if (name.contains("/") || name.contains("..")) {
            throw new IllegalArgumentException("plain file name expected: " + name);
        }
        return GgmlNatives.class.getResourceAsStream("/" + LINUX_X86_64 + name);
    }
}
