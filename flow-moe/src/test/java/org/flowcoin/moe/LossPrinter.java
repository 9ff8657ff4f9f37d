package org.flowcoin.moe;

/**
 * Child-JVM entry point of {@link ForkedJvmDeterminismTest}: prints the loss bits of the tiny model
 * and of a model with four query heads per KV head (the genesis layout), each by the reference and
 * by the vector path on 1 and 3 threads.
 */
public final class LossPrinter {
    private LossPrinter() {}

    public static void main(String[] args) {
        var data = TestData.sequences(6, 97, 1);
        StringBuilder out = new StringBuilder();
        for (ModelConfig c : new ModelConfig[] {ModelConfig.tiny(), FastPathBitIdentityTest.GROUPED}) {
            ModelWeights w = ModelInit.init(c, "test");
            out.append(Evaluators.reference(1).evaluate(w, data).lossBitsHex()).append(' ')
                    .append(Evaluators.vector(1).evaluate(w, data).lossBitsHex()).append(' ')
                    .append(Evaluators.vector(3).evaluate(w, data).lossBitsHex()).append(' ');
        }
        System.out.println(out.toString().trim());
    }
}
