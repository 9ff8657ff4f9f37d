package org.flowcoin.wallet;

/**
 * Handing out another address would leave more than the gap limit of consecutive unused
 * addresses, which a wallet restored from the mnemonic would not scan.
 */
public final class GapLimitException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public GapLimitException(int account, int gapLimit) {
        super("account " + account + " already has " + gapLimit + " unused receiving addresses (gap limit)");
    }
}
