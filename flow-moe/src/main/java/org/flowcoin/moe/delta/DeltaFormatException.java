package org.flowcoin.moe.delta;

/**
 * A delta payload that is not a canonical encoding (docs/spec/delta.md). The {@link #kind()} tells
 * which rule failed, so that a block validator can report the matching rule id.
 */
public final class DeltaFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which rule of docs/spec/delta.md the payload breaks. */
    public enum Kind {
        /** Not exactly one zstd frame with a declared content size (DELTA-1). */
        FRAME,
        /** Declared or actual decompressed size out of bounds or inconsistent (DELTA-2). */
        SIZE,
        /** Unknown format byte or wrong element count (DELTA-3). */
        LAYOUT,
        /** Sparse indices not strictly increasing or not below the parameter count (DELTA-4). */
        INDEX,
        /** A NaN, infinite, or forbidden zero value (DELTA-5). */
        VALUE,
        /** Valid data in the wrong one of the two forms (DELTA-6). */
        FORM
    }

    private final Kind kind;

    public DeltaFormatException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
