package org.flowcoin.wallet;

/**
 * Wallet balance in haruki.
 *
 * @param confirmed spendable now: confirmed and, for coinbase outputs, mature
 * @param immature  confirmed coinbase outputs not yet mature
 * @param pending   unconfirmed outputs paying the wallet (incoming or change)
 */
public record Balance(long confirmed, long immature, long pending) {
    public long total() {
        return confirmed + immature + pending;
    }
}
