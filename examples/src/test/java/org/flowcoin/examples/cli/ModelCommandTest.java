package org.flowcoin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.Sequences;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flow model info|init|eval} in-process. */
class ModelCommandTest {
    @TempDir
    static Path dir;
    static Path model, data;
    static final byte[] TEXT = ("FlowCoin: Proof-of-Training. Every node computes the same loss, bit for bit. "
            .repeat(8)).getBytes(StandardCharsets.US_ASCII);

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        CliHelpTest.Run r = CliHelpTest.run(args);
        return new Result(r.code(), r.out().strip(), r.err().strip());
    }

    @BeforeAll
    static void files() throws Exception {
        model = dir.resolve("tiny.gguf");
        data = dir.resolve("data.bin");
        Files.write(data, TEXT);
        Result r = run("model", "init", "--config", "tiny", "--seed", "test", "--out", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("{\"config\":\"tiny\",\"seed\":\"test\",\"parameters\":148288,\"out\":\"" + model + "\"}");
    }

    @Test
    void info() {
        Result g = run("model", "info", "--config", "genesis");
        assertThat(g.code()).isZero();
        assertThat(g.out()).isEqualTo("{\"config\":\"genesis\",\"dModel\":512,\"nLayers\":8,\"dExpert\":4,\"nHeads\":8,\"nKvHeads\":2,"
                + "\"nExperts\":1024,\"headDim\":64,\"vocab\":256,\"subKeys\":32,\"tensors\":90,\"parameters\":55845376,\"bytes\":223381504}");
        Result h = run("model", "info", "--height", "512", "--network", "mainnet");
        assertThat(h.out()).startsWith("{\"network\":\"main\",\"height\":512,\"dModel\":1024,\"nLayers\":24,").contains("\"parameters\":359711744,");
        Result rt = run("model", "info", "--height", "20", "--network", "regtest");
        assertThat(rt.out()).contains("\"nLayers\":3,").contains("\"nExperts\":64,");
        assertThat(run("model", "info", "--height", "20").out()).as("regtest is the default").isEqualTo(rt.out());
        assertThat(run("model", "info", "--config", "huge").code()).isEqualTo(1);
        assertThat(run("model", "info", "--height", "-1").code()).isEqualTo(1);
        assertThat(run("model", "info", "--height", "5", "--network", "nonet").code()).isEqualTo(2);
        assertThat(run("model", "info").code()).isEqualTo(2);
        assertThat(run("model", "info", "--config", "tiny", "--height", "3").code()).isEqualTo(2);
    }

    @Test
    void evalPrintsTheCanonicalLoss() {
        List<byte[]> seqs = Sequences.split(TEXT, 256);
        String bits = Evaluators.reference(1).evaluate(ModelInit.init(ModelConfig.tiny(), "test"), seqs).lossBitsHex();
        for (String threads : new String[] {"1", "3"}) {
            Result r = run("model", "eval", "--weights", model.toString(), "--data", data.toString(), "--threads", threads, "--backend", "reference");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).matches("\\{\"loss\":[0-9.]+,\"lossBits\":\"" + bits + "\",\"tokens\":" + (TEXT.length - seqs.size())
                    + ",\"millis\":[0-9]+,\"backend\":\"reference\",\"threads\":" + threads + ",\"sequences\":" + seqs.size() + "}");
        }
        Result best = run("model", "eval", "--weights", model.toString(), "--data", data.toString());
        assertThat(best.code()).isZero();
        assertThat(best.out()).contains("\"lossBits\":\"" + bits + "\"");
    }

    @Test
    void evalWithTheGgmlBackendIsCloseToTheCanonicalLoss() {
        List<byte[]> seqs = Sequences.split(TEXT, 256);
        float reference = Evaluators.reference(1).evaluate(ModelInit.init(ModelConfig.tiny(), "test"), seqs).loss();
        Result r = run("model", "eval", "--weights", model.toString(), "--data", data.toString(), "--threads", "2", "--backend", "ggml");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"backend\":\"ggml");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"loss\":([0-9.eE-]+)").matcher(r.out());
        assertThat(m.find()).isTrue();
        // ggml is not canonical (docs/spec/numerics.md); it must still agree closely.
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(reference, org.assertj.core.data.Percentage.withPercentage(0.01));
    }

    @Test
    void invalidInputs() throws Exception {
        Path one = dir.resolve("one.bin");
        Files.write(one, new byte[1]);
        Path junk = dir.resolve("junk.gguf");
        Files.write(junk, "XGUF not a model".getBytes(StandardCharsets.US_ASCII));
        String m = model.toString(), d = data.toString();
        for (String[] args : new String[][] {
                {"model", "eval", "--weights", m, "--data", one.toString()},
                {"model", "eval", "--weights", m, "--data", dir.resolve("missing").toString()},
                {"model", "eval", "--weights", dir.resolve("missing.gguf").toString(), "--data", d},
                {"model", "eval", "--weights", junk.toString(), "--data", d},
                {"model", "eval", "--weights", m, "--data", d, "--backend", "gpu"},
                {"model", "eval", "--weights", m, "--data", d, "--threads", "0"},
                {"model", "init", "--config", "nope", "--out", dir.resolve("x.gguf").toString()},
                {"model", "init", "--config", "tiny", "--out", dir.resolve("no/such/dir/x.gguf").toString()}}) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.err()).startsWith("error: ").doesNotContain("\n");
        }
        assertThat(run("model", "eval", "--weights", m).code()).isEqualTo(2);
        assertThat(run("model", "init", "--config", "tiny").code()).isEqualTo(2);
    }
}
