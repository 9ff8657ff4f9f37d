package org.flowcoin.channels.commitment;

/**
 * A pending HTLC as one commitment's holder sees it.
 *
 * @param offered true when the holder offered it (pays out on the preimage), false when it receives it
 * @param amount haruki, positive
 * @param paymentHash {@code KECCAK256D} of the 32-byte preimage
 * @param cltvExpiry block height after which the offerer may take it back
 */
public record Htlc(boolean offered, long amount, byte[] paymentHash, long cltvExpiry) {
    public Htlc {
        if (amount <= 0) throw new IllegalArgumentException("HTLC amount must be positive");
        if (paymentHash.length != 32) throw new IllegalArgumentException("payment hash is 32 bytes");
        if (cltvExpiry < 1 || cltvExpiry >= 500_000_000L) throw new IllegalArgumentException("cltv_expiry is a block height");
        paymentHash = paymentHash.clone();
    }

    @Override
    public byte[] paymentHash() {
        return paymentHash.clone();
    }
}
