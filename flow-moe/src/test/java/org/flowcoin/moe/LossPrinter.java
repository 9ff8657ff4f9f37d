package org.flowcoin.moe;

/** Child-JVM entry point of {@link ForkedJvmDeterminismTest}: prints the tiny model's loss bits. */
public final class LossPrinter {
    private LossPrinter() {}

    public static void main(String[] args) {
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "test");
        var data = TestData.sequences(6, 97, 1);
        System.out.println(Evaluators.reference(1).evaluate(w, data).lossBitsHex() + " "
                + Evaluators.vector(1).evaluate(w, data).lossBitsHex() + " "
                + Evaluators.vector(3).evaluate(w, data).lossBitsHex());
    }
}
