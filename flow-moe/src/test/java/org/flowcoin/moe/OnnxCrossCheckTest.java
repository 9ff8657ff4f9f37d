package org.flowcoin.moe;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * ONNX Runtime (its own kernels, 1 thread) against the canonical evaluator: logits agree within
 * 1e-4 relative to the largest logit magnitude. Tiny always; genesis with
 * {@code -Dflow.onnx.genesis=true} (about a minute and 1.5 GB).
 */
class OnnxCrossCheckTest {
    /** Returns the max absolute logit difference divided by the max |logit|. */
    static double compare(ModelWeights w, byte[] seq) throws Exception {
        int n = seq.length;
        byte[] model = OnnxExport.build(w, n);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(model, o)) {
                long[] ids = new long[n];
                for (int i = 0; i < n; i++) ids[i] = seq[i] & 0xff;
                try (OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {n});
                     OrtSession.Result r = s.run(Map.of("ids", t))) {
                    float[][] ort = (float[][]) r.get(0).getValue();
                    float[] ref = Evaluators.best(1).logits(w, seq);
                    double maxDiff = 0, maxAbs = 0;
                    for (int i = 0; i < n; i++) {
                        for (int c = 0; c < 256; c++) {
                            maxDiff = Math.max(maxDiff, Math.abs(ort[i][c] - ref[i * 256 + c]));
                            maxAbs = Math.max(maxAbs, Math.abs(ref[i * 256 + c]));
                        }
                    }
                    System.out.printf("ONNX Runtime vs canonical (%s, n=%d): max |diff| %.3e, max |logit| %.3f, relative %.3e%n",
                            w.config().dims(), n, maxDiff, maxAbs, maxDiff / maxAbs);
                    return maxDiff / maxAbs;
                }
            }
        }
    }

    @Test
    void tinyAgrees() throws Exception {
        for (String seed : new String[] {"test", "onnx"}) {
            ModelWeights w = ModelInit.init(ModelConfig.tiny(), seed);
            assertThat(compare(w, TestData.sequences(1, 96, 9).get(0))).isLessThan(1e-4);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "flow.onnx.genesis", matches = "true")
    void genesisAgrees() throws Exception {
        ModelWeights w = ModelInit.init(ModelConfig.genesis(), ModelInit.GENESIS_SEED);
        assertThat(compare(w, TestData.sequences(1, 64, 9).get(0))).isLessThan(1e-4);
    }
}
