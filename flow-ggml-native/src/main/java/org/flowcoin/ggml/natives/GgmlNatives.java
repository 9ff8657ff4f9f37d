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
