/**
 * FlowCoin SDK: the MoE transformer, its canonical deterministic evaluator, and model files.
 *
 * <p>The Vector API evaluator needs {@code --add-modules jdk.incubator.vector} at run time; without
 * it the scalar reference is used.
 */
module org.flowcoin.moe {
    requires transitive org.flowcoin.primitives;
    requires static jdk.incubator.vector;
    // Optional: only the ggml backend (Ggml.load) needs the native libraries.
    requires static org.flowcoin.ggml.natives;
    requires com.github.luben.zstd_jni;

    exports org.flowcoin.moe;
    exports org.flowcoin.moe.gguf;
    exports org.flowcoin.moe.ggml;
    exports org.flowcoin.moe.delta;
    exports org.flowcoin.moe.train;
}
