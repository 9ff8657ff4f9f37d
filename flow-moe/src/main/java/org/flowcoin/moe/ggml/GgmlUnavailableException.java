package org.flowcoin.moe.ggml;

/**
 * The ggml native backend cannot be used here: unsupported OS or architecture, library missing from
 * the class path, CPU without AVX2/FMA, version or struct-layout mismatch.
 *
 * <pre>{@code
 * try { Ggml g = Ggml.load(); } catch (GgmlUnavailableException e) { use the Java evaluator }
 * }</pre>
 */
public final class GgmlUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GgmlUnavailableException(String message) {
        super(message);
    }

    public GgmlUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
