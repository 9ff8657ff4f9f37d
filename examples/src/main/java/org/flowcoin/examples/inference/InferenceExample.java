package org.flowcoin.examples.inference;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.ggml.GgmlEvaluator;
import org.flowcoin.moe.ggml.GgmlGgufLoader;
import org.flowcoin.moe.ggml.TextGenerator;
import org.flowcoin.moe.gguf.GgufFormatException;

/**
 * Inference on the chain's model: loads a GGUF model file (for example the demo's tip model)
 * through ggml's own GGUF reader and generates text with the ggml backend.
 *
 * <pre>
 * java ... org.flowcoin.examples.inference.InferenceExample ~/.flowcoin/demo-regtest/models/tip.gguf "ROMEO:" 200
 * </pre>
 */
public final class InferenceExample {
    private InferenceExample() {}

    /** Generates {@code count} bytes after {@code prompt} (temperature 0.8, fixed seed: reproducible for one ggml build). */
    public static byte[] generate(Path gguf, String prompt, int count, int threads) throws GgufFormatException {
        ModelWeights model = GgmlGgufLoader.load(gguf);
        TextGenerator generator = new TextGenerator(new GgmlEvaluator(threads), 128);
        return generator.generate(model, prompt.getBytes(StandardCharsets.UTF_8), count, 0.8f, 1);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: InferenceExample <model.gguf> <prompt> <bytes>");
            System.exit(2);
        }
        byte[] text = generate(Path.of(args[0]), args[1], Integer.parseInt(args[2]), Runtime.getRuntime().availableProcessors());
        System.out.println(args[1] + new String(text, StandardCharsets.UTF_8));
    }
}
