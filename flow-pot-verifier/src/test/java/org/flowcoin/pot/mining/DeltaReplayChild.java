package org.flowcoin.pot.mining;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.delta.Delta;
import org.flowcoin.pot.ModelTransition;
import org.flowcoin.pot.PotParams;
import org.flowcoin.pot.ValidationSet;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.block.Block;

/**
 * Child process of {@link MinerTest}: from nothing but a serialized height-1 block and the chain
 * name, rebuilds the genesis model, grows it to the block's height, derives V_h, decodes and
 * applies the block's delta, and prints the fingerprint of the resulting weights and both losses.
 */
public final class DeltaReplayChild {
    private DeltaReplayChild() {}

    public static void main(String[] args) throws Exception {
        ChainParams chain = ChainParams.forName(args[1]);
        PotParams p = PotParams.forChain(chain);
        Block b = Block.fromBytes(Files.readAllBytes(Path.of(args[0])), chain);
        long h = b.header().height();
        if (h != 1) throw new IllegalArgumentException("expects a height-1 block");
        ModelWeights base = ModelTransition.grownParent(ModelTransition.genesisModel(chain), chain, h);
        ValidationSet vh = ValidationSet.derive(p, b.header().prevHash(), List.of());
        LossEvaluator ev = Evaluators.reference(1);
        float prev = ev.meanLoss(base, vh.sequences());
        Delta d = Delta.decode(b.deltaPayload(), base.layout().parameterCount());
        ModelWeights next = base.copy();
        d.apply(next);
        float val = ev.meanLoss(next, vh.sequences());
        System.out.println(MinerTest.fingerprint(next) + " " + String.format("%08x %08x", Float.floatToRawIntBits(val), Float.floatToRawIntBits(prev)));
    }
}
