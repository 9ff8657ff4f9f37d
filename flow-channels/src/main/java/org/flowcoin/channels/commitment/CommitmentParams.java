package org.flowcoin.channels.commitment;

import java.util.List;
import org.flowcoin.primitives.tx.OutPoint;

/**
 * Everything one commitment transaction is built from, from the point of view of its holder (the
 * side that can broadcast it). Amounts in haruki. The revocation branches use the remote side's
 * {@code remoteKey} with the holder's per-commitment secret ({@code revocationHash =
 * KECCAK256D(secret_n)}); {@code remoteKey} also receives {@code to_remote}.
 *
 * @param funding the funding output
 * @param fundingValue its value
 * @param localFundingKey the holder's funding key
 * @param remoteFundingKey the remote side's funding key
 * @param obscuringFactor {@link CommitmentNumber#obscuringFactor}
 * @param commitmentNumber n, 0 .. 2^48 - 1
 * @param revocationHash {@code KECCAK256D} of the holder's per-commitment secret n
 * @param localDelayedKey key of the holder's delayed {@code to_local}
 * @param remoteKey the remote side's payment and revocation key
 * @param localHtlcKey the holder's HTLC key
 * @param remoteHtlcKey the remote side's HTLC key
 * @param toSelfDelay blocks the holder waits for {@code to_local} (set by the remote side)
 * @param toLocal the holder's balance before the fee
 * @param toRemote the remote side's balance before the fee
 * @param holderIsOpener whether the holder opened the channel (the opener pays the fee)
 * @param feeratePerKw fee in haruki per 1000 weight units
 * @param dustLimit outputs below it are left out, their value going to the fee
 * @param htlcs the pending HTLCs
 */
public record CommitmentParams(
        OutPoint funding, long fundingValue, byte[] localFundingKey, byte[] remoteFundingKey,
        long obscuringFactor, long commitmentNumber, byte[] revocationHash,
        byte[] localDelayedKey, byte[] remoteKey, byte[] localHtlcKey, byte[] remoteHtlcKey, int toSelfDelay,
        long toLocal, long toRemote, boolean holderIsOpener, long feeratePerKw, long dustLimit, List<Htlc> htlcs) {
    public CommitmentParams {
        htlcs = List.copyOf(htlcs);
        if (toLocal < 0 || toRemote < 0 || feeratePerKw < 0 || dustLimit < 0) {
            throw new IllegalArgumentException("balances, feerate and dust limit must not be negative");
        }
        long sum = Math.addExact(toLocal, toRemote);
        for (Htlc h : htlcs) sum = Math.addExact(sum, h.amount());
        if (sum != fundingValue) {
            throw new IllegalArgumentException("balances and HTLCs add up to " + sum + ", the funding output holds " + fundingValue);
        }
    }
}
