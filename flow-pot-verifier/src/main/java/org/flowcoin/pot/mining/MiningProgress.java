package org.flowcoin.pot.mining;

/**
 * A progress report of {@link Miner}, sent after every candidate delta.
 *
 * @param steps training steps taken
 * @param trainLoss loss of the last training batch (training forward pass)
 * @param valLoss canonical loss of the last candidate on V_h
 * @param prevValLoss canonical loss of the (grown) parent on V_h
 * @param candidates candidate deltas evaluated
 * @param hashesTried header hashes computed so far
 * @param bestBoost largest boost of any candidate so far (0 until one does not raise the loss)
 * @param tokensPerSecond training throughput since the start (predicted positions per second)
 * @param deltaBytes encoded size of the last candidate delta
 */
public record MiningProgress(long steps, float trainLoss, float valLoss, float prevValLoss, long candidates, long hashesTried,
                             int bestBoost, double tokensPerSecond, int deltaBytes) {}
