package org.flowcoin.pot;

import java.util.Objects;
import org.flowcoin.primitives.ChainParams;

/**
 * Proof-of-Training consensus parameters beyond {@link ChainParams} (the header rules' time
 * constants are {@code HeaderValidator}'s): the validation set V_h, the
 * training-data rules and the Bloom filter (docs/spec/dataset.md).
 *
 * <pre>{@code
 * PotParams p = PotParams.forChain(ChainParams.regtest());
 * int tokens = p.vhSequences() * p.vhLength();
 * }</pre>
 *
 * @param chain the chain's own parameters
 * @param vhSequences number of sequences in V_h
 * @param vhLength bytes per sequence
 * @param vhWindow number of ancestor blocks whose training data feed V_h
 * @param chunkSize bytes per training-data chunk (Bloom filter and repetition rule)
 * @param minDataBytes smallest training-data payload
 * @param bloomLog2Bits log2 of the Bloom filter size in bits
 * @param bloomHashes number of Bloom hash functions (at most 8)
 * @param minEntropyCentibits minimum order-0 byte entropy, in 1/100 bits per byte
 * @param minDistinctPermille minimum distinct 4-grams per chunk, in 1/1000 of the 4-gram positions
 */
public record PotParams(
        ChainParams chain,
        int vhSequences,
        int vhLength,
        int vhWindow,
        int chunkSize,
        int minDataBytes,
        int bloomLog2Bits,
        int bloomHashes,
        int minEntropyCentibits,
        int minDistinctPermille) {

    public PotParams {
        Objects.requireNonNull(chain, "chain");
        if (vhSequences < 1 || vhLength < 2 || vhLength > GenesisCorpus.SIZE || vhWindow < 0) throw new IllegalArgumentException("bad V_h parameters");
        if (chunkSize < 4 || minDataBytes < 0 || minDataBytes > chain.maxTrainingDataBytes()) throw new IllegalArgumentException("bad data parameters");
        if (bloomLog2Bits < 6 || bloomLog2Bits > 32 || bloomHashes < 1 || bloomHashes > 8) throw new IllegalArgumentException("bad Bloom parameters");
        if (minEntropyCentibits < 0 || minEntropyCentibits > 800 || minDistinctPermille < 0 || minDistinctPermille > 1000) {
            throw new IllegalArgumentException("bad entropy thresholds");
        }
    }

    /** The parameters of a public network: mainnet and testnet 16 x 256, regtest 8 x 64. */
    public static PotParams forChain(ChainParams chain) {
        return switch (chain.name()) {
            case "regtest" -> new PotParams(chain, 8, 64, 8, 256, 256, 20, 8, 300, 500);
            default -> new PotParams(chain, 16, 256, 64, 256, 1024, 28, 8, 300, 500);
        };
    }

    /** Predicted positions per evaluation: vhSequences * (vhLength - 1). */
    public long validationTokens() {
        return (long) vhSequences * (vhLength - 1);
    }
}
