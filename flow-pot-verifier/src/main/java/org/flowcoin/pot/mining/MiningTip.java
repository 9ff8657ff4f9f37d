package org.flowcoin.pot.mining;

import java.util.Objects;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.pot.BloomFilter;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.PotParams;
import org.flowcoin.pot.ValidationSet;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.consensus.HeaderValidator;

/**
 * What a miner builds on: the parent header, the parent's model (before growth), the validation
 * set V_h of the child, the nbits and median time past the child must respect, and the Bloom filter
 * of earlier training data.
 *
 * <pre>{@code
 * MiningTip tip = MiningTip.of(chainState);
 * }</pre>
 *
 * @param params consensus parameters
 * @param parent the parent (tip) header
 * @param parentWeights the parent's model; the miner copies it and never writes it
 * @param validationSet V_h of a child of {@code parent}
 * @param nbits the child's required nbits
 * @param medianTimePast median time past of the parent
 * @param bloom the tip's Bloom filter of training-data chunks (only read)
 */
public record MiningTip(PotParams params, BlockHeader parent, ModelWeights parentWeights, ValidationSet validationSet,
                        int nbits, long medianTimePast, BloomFilter bloom) {
    public MiningTip {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(parentWeights, "parentWeights");
        Objects.requireNonNull(validationSet, "validationSet");
        Objects.requireNonNull(bloom, "bloom");
    }

    /** The tip of a chain state (copies the weights and the Bloom filter). */
    public static MiningTip of(ChainState cs) {
        BlockHeader parent = cs.tipHeader();
        HeaderValidator.Context ctx = cs.headerContext(parent.hash());
        return new MiningTip(cs.params(), parent, cs.weightsCopy(), cs.validationSet(parent.hash()), ctx.expectedNbits(),
                ctx.medianTimePast(), cs.bloomCopy());
    }

    /** Height of the block being mined. */
    public long height() {
        return parent.height() + 1;
    }
}
