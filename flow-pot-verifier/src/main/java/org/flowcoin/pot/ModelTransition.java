package org.flowcoin.pot;

import java.nio.charset.StandardCharsets;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelGrowth;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.ModelDims;

/**
 * The model side of a block (docs/spec/validation.md, "Model transition"): the genesis model, the
 * growth seed, and growth of the parent model to the child's dims. Miners use the same calls, so a
 * miner's grown parent is bit-identical to the verifier's.
 *
 * <pre>{@code
 * ModelWeights base = ModelTransition.grownParent(parentWeights, params, height); // may be parentWeights itself
 * }</pre>
 */
public final class ModelTransition {
    private ModelTransition() {}

    /** The genesis model: ModelInit with {@link ModelInit#GENESIS_SEED} at the schedule's genesis dims. */
    public static ModelWeights genesisModel(ChainParams c) {
        return ModelInit.init(new ModelConfig(c.growthSchedule().genesis()), ModelInit.GENESIS_SEED);
    }

    /** Seed of the init stream for parameters created by growth at {@code height}. */
    public static byte[] growthSeed(long height) {
        return ("FlowCoin growth v1/" + height).getBytes(StandardCharsets.US_ASCII);
    }

    /** True when the model grows between {@code height - 1} and {@code height}. */
    public static boolean grows(ChainParams c, long height) {
        return height > 0 && !c.growthSchedule().dimsAt(height).equals(c.growthSchedule().dimsAt(height - 1));
    }

    /**
     * The parent model laid out for {@code height}: {@code parent} itself when the dims do not
     * change, else a new grown model (the parent is untouched).
     */
    public static ModelWeights grownParent(ModelWeights parent, ChainParams c, long height) {
        ModelDims to = c.growthSchedule().dimsAt(height);
        if (parent.config().dims().equals(to)) return parent;
        return ModelGrowth.grow(parent, to, growthSeed(height));
    }
}
