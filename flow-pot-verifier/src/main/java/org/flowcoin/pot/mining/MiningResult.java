package org.flowcoin.pot.mining;

import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.train.DeltaBuilder;
import org.flowcoin.primitives.block.Block;

/**
 * A mined block and how it was found.
 *
 * @param block the signed block, ready to submit
 * @param newWeights the block's model: the grown parent plus the decoded delta (what V_h was evaluated on)
 * @param delta the delta, its payload and cutoff
 * @param valLoss canonical loss of {@code newWeights} on V_h (the header's val_loss)
 * @param prevValLoss canonical loss of the grown parent on V_h (the header's prev_val_loss)
 * @param boost the usefulness boost the header earned
 * @param steps training steps taken
 * @param hashesTried header hashes computed
 */
public record MiningResult(Block block, ModelWeights newWeights, DeltaBuilder.Result delta, float valLoss, float prevValLoss,
                           int boost, long steps, long hashesTried) {}
