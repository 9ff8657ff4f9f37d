package org.flowcoin.moe.gguf;

import java.io.IOException;

/**
 * A GGUF file is malformed, truncated, exceeds a parsing bound, or holds something this SDK does not
 * accept (a tensor type other than the plain ones, an unknown value type).
 *
 * <pre>{@code
 * try (GgufFile f = GgufFile.open(path)) { ... } catch (GgufFormatException e) { reject the file }
 * }</pre>
 */
public final class GgufFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public GgufFormatException(String message) {
        super(message);
    }

    public GgufFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
