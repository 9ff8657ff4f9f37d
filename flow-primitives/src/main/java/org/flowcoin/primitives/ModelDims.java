package org.flowcoin.primitives;

/**
 * The model dimensions a block header commits to (header bytes 156-179, six u32 fields).
 *
 * <p>For the MoE transformer, {@code dFf} is the hidden width of one SwiGLU expert (d_expert), and
 * {@code nExperts} is a perfect square (product-key routing uses sqrt(nExperts) sub-keys per half).
 *
 * <pre>{@code
 * ModelDims genesis = new ModelDims(512, 8, 4, 8, 2, 1024);
 * }</pre>
 */
public record ModelDims(int dModel, int nLayers, int dFf, int nHeads, int nKvHeads, int nExperts) {
    /** Attention head width fixed by the protocol. */
    public static final int HEAD_DIM = 64;

    /**
     * Checks the structural constraints every legal configuration satisfies.
     *
     * @throws IllegalArgumentException naming the violated constraint
     */
    public ModelDims {
        require(dModel > 0 && nLayers > 0 && dFf > 0 && nHeads > 0 && nKvHeads > 0 && nExperts > 0,
                "all dimensions must be positive");
        require(dModel == nHeads * HEAD_DIM, "d_model must equal n_heads * 64");
        require(nKvHeads <= nHeads && nHeads % nKvHeads == 0, "n_heads must be a multiple of n_kv_heads");
        int root = (int) Math.sqrt(nExperts);
        require(root * root == nExperts, "n_experts must be a perfect square");
        require(dModel % 2 == 0, "d_model must be even (the router query is split in halves)");
    }

    /** sqrt(nExperts): the number of sub-keys per query half. */
    public int subKeysPerHalf() {
        return (int) Math.sqrt(nExperts);
    }

    private static void require(boolean ok, String what) {
        if (!ok) throw new IllegalArgumentException(what);
    }
}
