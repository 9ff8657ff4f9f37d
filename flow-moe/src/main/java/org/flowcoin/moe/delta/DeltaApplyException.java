package org.flowcoin.moe.delta;

/** Applying a delta would produce a non-finite weight; the weights were left unchanged. */
public final class DeltaApplyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeltaApplyException(String message) {
        super(message);
    }
}
