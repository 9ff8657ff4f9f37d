package org.flowcoin.moe.internal;

import java.util.Random;
import java.util.function.IntPredicate;
import org.flowcoin.moe.ModelWeights;

/** Test access to a single expert of a model. */
public final class GrowthProbe {
    private GrowthProbe() {}

    /** Largest |output| of the experts selected by {@code which} in layer {@code layer} on random inputs. */
    public static float maxAbsExpertOutput(ModelWeights w, int layer, IntPredicate which) {
        int d = w.config().dModel(), dE = w.config().dExpert();
        String p = "blk." + layer + ".";
        Random r = new Random(5);
        float max = 0f;
        for (int e = 0; e < w.config().nExperts(); e++) {
            if (!which.test(e)) continue;
            float[] u = new float[d];
            for (int i = 0; i < d; i++) u[i] = (float) r.nextGaussian();
            float[] y = new float[d];
            ForwardPass.expert(VectorKernels.INSTANCE, e, d, dE, w.tensor(p + "ffn_gate_exps.weight"), w.tensor(p + "ffn_up_exps.weight"),
                    w.tensor(p + "ffn_down_exps.weight"), u, 0, new float[dE], new float[dE], new float[dE], y);
            for (float f : y) max = Math.max(max, Math.abs(f));
        }
        return max;
    }
}
