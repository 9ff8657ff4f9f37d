package org.flowcoin.wallet;

/** The spendable coins do not cover the payments plus the fee. */
public final class InsufficientFundsException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long available;
    private final long needed;

    public InsufficientFundsException(long available, long needed) {
        super("insufficient funds: " + available + " haruki spendable, " + needed + " needed (payments plus fee)");
        this.available = available;
        this.needed = needed;
    }

    /** Spendable value in haruki (after per-input fees). */
    public long available() {
        return available;
    }

    /** Value in haruki the transaction needed. */
    public long needed() {
        return needed;
    }
}
