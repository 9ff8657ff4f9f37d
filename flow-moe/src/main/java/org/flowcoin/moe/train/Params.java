package org.flowcoin.moe.train;

import java.lang.foreign.MemorySegment;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelLayout;
import org.flowcoin.moe.ModelWeights;

/**
 * Model parameters (or gradients) as one float array per tensor, in canonical tensor order. Heap
 * arrays because the training loops are plain Java loops that the JIT vectorises.
 */
final class Params {
    final ModelConfig config;
    final float[][] t;

    Params(ModelConfig config) {
        this.config = config;
        ModelLayout l = config.layout();
        t = new float[l.size()][];
        for (int i = 0; i < l.size(); i++) t[i] = new float[Math.toIntExact(l.tensors().get(i).count())];
    }

    static Params of(ModelWeights w) {
        Params p = new Params(w.config());
        for (int i = 0; i < p.t.length; i++) MemorySegment.copy(w.tensor(i), ModelWeights.FLOAT_LE, 0, p.t[i], 0, p.t[i].length);
        return p;
    }

    void copyInto(ModelWeights w) {
        if (!w.config().equals(config)) throw new IllegalArgumentException("different model configurations");
        for (int i = 0; i < t.length; i++) MemorySegment.copy(t[i], 0, w.tensor(i), ModelWeights.FLOAT_LE, 0, t[i].length);
    }

    void zero() {
        for (float[] a : t) java.util.Arrays.fill(a, 0f);
    }

    /** this += o, tensor by tensor, element by element (a fixed order). */
    void add(Params o) {
        for (int i = 0; i < t.length; i++) {
            float[] a = t[i], b = o.t[i];
            for (int j = 0; j < a.length; j++) a[j] += b[j];
        }
    }

    /** Sum of squares in double, tensor order then element order. */
    double squaredNorm() {
        double s = 0;
        for (float[] a : t) {
            double ts = 0;
            for (float v : a) ts += (double) v * v;
            s += ts;
        }
        return s;
    }

    void scale(float f) {
        for (float[] a : t) for (int j = 0; j < a.length; j++) a[j] *= f;
    }
}
