package org.flowcoin.primitives;

import java.util.List;
import java.util.Objects;

/**
 * The model dimensions as a function of block height: a genesis configuration and ordered steps,
 * each taking effect at its height (that block's model is grown before its delta is applied).
 *
 * <pre>{@code
 * ModelDims dims = ChainParams.mainnet().growthSchedule().dimsAt(height);
 * }</pre>
 */
public final class GrowthSchedule {
    /** From {@code height} on (inclusive), the model has {@code dims}. */
    public record Step(long height, ModelDims dims) {
        public Step {
            Objects.requireNonNull(dims, "dims");
            if (height < 1) throw new IllegalArgumentException("a growth step starts at height >= 1");
        }
    }

    private final ModelDims genesis;
    private final List<Step> steps;

    /**
     * @param genesis dimensions at height 0
     * @param steps strictly increasing heights; each step may only grow d_model, n_layers or
     *     n_experts (never shrink anything, never change d_ff or the head width)
     */
    public GrowthSchedule(ModelDims genesis, List<Step> steps) {
        this.genesis = Objects.requireNonNull(genesis, "genesis");
        this.steps = List.copyOf(steps);
        ModelDims prev = genesis;
        long prevHeight = 0;
        for (Step s : this.steps) {
            if (s.height() <= prevHeight) throw new IllegalArgumentException("growth steps must have increasing heights");
            ModelDims d = s.dims();
            if (d.dModel() < prev.dModel() || d.nLayers() < prev.nLayers() || d.nExperts() < prev.nExperts()
                    || d.nHeads() < prev.nHeads() || d.nKvHeads() < prev.nKvHeads() || d.dFf() != prev.dFf()) {
                throw new IllegalArgumentException("growth step at height " + s.height() + " shrinks or changes d_ff");
            }
            prev = d;
            prevHeight = s.height();
        }
    }

    /** A schedule with no growth. */
    public static GrowthSchedule fixed(ModelDims dims) {
        return new GrowthSchedule(dims, List.of());
    }

    public ModelDims genesis() {
        return genesis;
    }

    public List<Step> steps() {
        return steps;
    }

    /** The dimensions of the model at {@code height}. */
    public ModelDims dimsAt(long height) {
        if (height < 0) throw new IllegalArgumentException("negative height");
        ModelDims d = genesis;
        for (Step s : steps) {
            if (s.height() > height) break;
            d = s.dims();
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GrowthSchedule g && genesis.equals(g.genesis) && steps.equals(g.steps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(genesis, steps);
    }

    @Override
    public String toString() {
        return "GrowthSchedule[genesis=" + genesis + ", steps=" + steps + "]";
    }
}
