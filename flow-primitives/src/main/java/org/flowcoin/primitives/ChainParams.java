package org.flowcoin.primitives;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flowcoin.primitives.pow.CompactTarget;
import org.flowcoin.primitives.pow.Difficulty;

/**
 * Consensus and network parameters of one chain. Never global: every API that depends on the
 * network takes a {@code ChainParams}. The three public networks come from {@link #mainnet()},
 * {@link #testnet()} and {@link #regtest()}; the canonical constructor builds custom chains.
 *
 * <pre>{@code
 * ChainParams params = ChainParams.testnet();
 * long reward = params.subsidy(height);
 * ModelDims dims = params.growthSchedule().dimsAt(height);
 * }</pre>
 *
 * @param name short network name ({@code main}, {@code test}, {@code regtest})
 * @param magic network magic; on the wire and in signature hashes as 4 bytes, most significant first
 * @param defaultPort default P2P port
 * @param hrp Bech32m human-readable part of addresses
 * @param powLimitBits compact encoding of the easiest target (also genesis nbits)
 * @param retargeting whether difficulty retargets (false: every block uses the parent's nbits)
 * @param retargetInterval blocks per difficulty period
 * @param targetSpacing intended seconds between blocks
 * @param initialSubsidy subsidy of the first halving era, in haruki
 * @param halvingInterval blocks per halving era
 * @param coinbaseMaturity confirmations before a coinbase output may be spent
 * @param maxBlockWeight maximum total transaction weight of a block (3 x base size + total size)
 * @param maxDeltaBytes maximum size of the delta payload
 * @param maxTrainingDataBytes maximum size of the training-data payload
 * @param growthSchedule model dimensions by height
 * @param boostK usefulness boost constant K
 * @param maxBoost usefulness boost cap MAX_BOOST
 * @param profile which usefulness rule applies
 * @param resonanceMarginBits ResonanceNet profile: minimum bits(prev_val_loss) - bits(val_loss); 0 otherwise
 * @param genesisTimestamp genesis header timestamp (Unix seconds)
 * @param genesisMessage text in the genesis coinbase witness
 * @param genesisNonce genesis header nonce (found once by search; see docs/spec/primitives.md)
 */
public record ChainParams(
        String name,
        int magic,
        int defaultPort,
        String hrp,
        int powLimitBits,
        boolean retargeting,
        int retargetInterval,
        long targetSpacing,
        long initialSubsidy,
        long halvingInterval,
        int coinbaseMaturity,
        long maxBlockWeight,
        int maxDeltaBytes,
        int maxTrainingDataBytes,
        GrowthSchedule growthSchedule,
        int boostK,
        int maxBoost,
        Profile profile,
        int resonanceMarginBits,
        long genesisTimestamp,
        String genesisMessage,
        int genesisNonce) {

    /** The usefulness rule of a chain. */
    public enum Profile {
        /** val_loss must not exceed prev_val_loss. */
        FLOWCOIN,
        /** val_loss must be lower than prev_val_loss by at least {@code resonanceMarginBits}. */
        RESONANCENET
    }

    /** Header size plus CompactSize prefixes: fixed overhead of a block beyond its variable parts. */
    private static final int BLOCK_OVERHEAD = 308 + 3 * 9;

    public ChainParams {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hrp, "hrp");
        Objects.requireNonNull(growthSchedule, "growthSchedule");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(genesisMessage, "genesisMessage");
        if (!CompactTarget.decode(powLimitBits).isValidTarget()) throw new IllegalArgumentException("invalid powLimitBits");
        if (retargetInterval < 1 || targetSpacing < 1 || halvingInterval < 1) throw new IllegalArgumentException("intervals must be positive");
        if (!Amounts.isValid(initialSubsidy)) throw new IllegalArgumentException("initialSubsidy out of range");
        if (maxBlockWeight < 1 || maxBlockWeight > CompactSize.MAX || maxDeltaBytes < 0 || maxDeltaBytes > CompactSize.MAX
                || maxTrainingDataBytes < 0 || maxTrainingDataBytes > CompactSize.MAX) {
            throw new IllegalArgumentException("block limits must be within [0, 0x02000000]");
        }
        if (boostK < 0 || maxBoost < 0 || maxBoost > 255) throw new IllegalArgumentException("bad boost constants");
    }

    /** Mainnet: magic f1c01e01, port 9555, HRP {@code fl}. */
    public static ChainParams mainnet() {
        return new ChainParams("main", 0xf1c01e01, 9555, "fl", 0x1f00ffff, true, 2016, 600,
                50 * Amounts.COIN, 210_000, 100, 4_000_000, 32 << 20, 1 << 20,
                moeSchedule(), 16, 8, Profile.FLOWCOIN, 0,
                1_767_225_600L, "FlowCoin genesis 2026-01-01: the work is the training", 22_628);
    }

    /** Testnet: magic f1c07e57, port 19555, HRP {@code tfl}; mainnet rules otherwise. */
    public static ChainParams testnet() {
        return new ChainParams("test", 0xf1c07e57, 19555, "tfl", 0x1f00ffff, true, 2016, 600,
                50 * Amounts.COIN, 210_000, 100, 4_000_000, 32 << 20, 1 << 20,
                moeSchedule(), 16, 8, Profile.FLOWCOIN, 0,
                1_767_225_601L, "FlowCoin testnet genesis 2026-01-01", 187_824);
    }

    /**
     * Regtest: magic f1c04e67, port 29555, HRP {@code rfl}; no retarget, trivial powLimit, halving every 150,
     * coinbase maturity 10 (so that a local chain can spend its first coinbase after a dozen trained blocks).
     */
    public static ChainParams regtest() {
        return new ChainParams("regtest", 0xf1c04e67, 29555, "rfl", 0x207fffff, false, 2016, 600,
                50 * Amounts.COIN, 150, 10, 4_000_000, 32 << 20, 1 << 20,
                regtestSchedule(), 16, 8, Profile.FLOWCOIN, 0,
                1_767_225_602L, "FlowCoin regtest genesis", 0);
    }

    /** The network named {@code main}, {@code test} or {@code regtest}. */
    public static ChainParams forName(String name) {
        return switch (name) {
            case "main", "mainnet" -> mainnet();
            case "test", "testnet" -> testnet();
            case "regtest" -> regtest();
            default -> throw new IllegalArgumentException("unknown network " + name);
        };
    }

    /** The {@code genesis} model preset of the MoE transformer. */
    public static final ModelDims GENESIS_DIMS = new ModelDims(512, 8, 4, 8, 2, 1024);
    /** The {@code tiny} model preset (regtest). */
    public static final ModelDims TINY_DIMS = new ModelDims(64, 2, 16, 1, 1, 16);

    private static GrowthSchedule moeSchedule() {
        List<GrowthSchedule.Step> steps = new ArrayList<>();
        for (int h = 64; h <= 512; h += 64) {
            int dModel = 512 + 128 * (h / 128);
            steps.add(new GrowthSchedule.Step(h, new ModelDims(dModel, 8 + 2 * (h / 64), 4, dModel / 64, 2, 1024)));
        }
        int experts = 1024;
        for (int h = 1024; h <= 3072; h += 1024) {
            experts *= 4;
            steps.add(new GrowthSchedule.Step(h, new ModelDims(1024, 24, 4, 16, 2, experts)));
        }
        return new GrowthSchedule(GENESIS_DIMS, steps);
    }

    private static GrowthSchedule regtestSchedule() {
        return new GrowthSchedule(TINY_DIMS, List.of(
                new GrowthSchedule.Step(8, new ModelDims(64, 3, 16, 1, 1, 16)),
                new GrowthSchedule.Step(16, new ModelDims(64, 3, 16, 1, 1, 64))));
    }

    /** The magic as it appears on the wire and in signature hashes. */
    public byte[] magicBytes() {
        return new byte[] {(byte) (magic >>> 24), (byte) (magic >>> 16), (byte) (magic >>> 8), (byte) magic};
    }

    /** The easiest allowed target. */
    public BigInteger powLimit() {
        return CompactTarget.toTarget(powLimitBits);
    }

    /** T = retargetInterval * targetSpacing. */
    public long targetTimespan() {
        return retargetInterval * targetSpacing;
    }

    /** Largest serialized block: header, transactions at most maxBlockWeight bytes, both payloads. */
    public long maxBlockSize() {
        return BLOCK_OVERHEAD + maxBlockWeight + maxDeltaBytes + maxTrainingDataBytes;
    }

    /** Block subsidy at {@code height}: initialSubsidy >> (height / halvingInterval), 0 after 64 halvings. */
    public long subsidy(long height) {
        if (height < 0) throw new IllegalArgumentException("negative height");
        long halvings = height / halvingInterval;
        return halvings >= 64 ? 0 : initialSubsidy >> halvings;
    }

    /** True when the block at {@code height} starts a new difficulty period. */
    public boolean isRetargetHeight(long height) {
        return retargeting && height > 0 && height % retargetInterval == 0;
    }

    /**
     * nbits of the block at the end of a period under this chain's rules (parent nbits when the chain
     * does not retarget).
     */
    public int nextNbits(int lastNbits, long firstBlockTime, long lastBlockTime) {
        if (!retargeting) return lastNbits;
        return Difficulty.retarget(lastNbits, firstBlockTime, lastBlockTime, targetTimespan(), powLimit());
    }

    /** The usefulness boost of a header's (prev_val_loss, val_loss) under this chain's K and MAX_BOOST. */
    public int boost(int prevValLossBits, int valLossBits) {
        return Difficulty.boost(prevValLossBits, valLossBits, boostK, maxBoost);
    }
}
