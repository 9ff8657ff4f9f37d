package org.flowcoin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ggml.Ggml;
import org.flowcoin.moe.gguf.GgufModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flow model generate} in-process: output, determinism by seed, and the exit-code contract. */
class GenerateCommandTest {
    @TempDir
    static Path dir;
    static Path model;

    record Result(int code, String out, String err) {}

    @CommandLine.Command(name = "model")
    static final class ModelGroup {}

    @BeforeAll
    static void writeModel() throws Exception {
        model = dir.resolve("tiny.gguf");
        GgufModel.write(ModelInit.init(ModelConfig.tiny(), "cli"), model);
    }

    /** The real command tree; adds {@code model generate} only if the tree does not have it yet. */
    static CommandLine cli() {
        CommandLine root = Flow.commandLine();
        CommandLine group = root.getSubcommands().get("model");
        if (group == null) {
            group = new CommandLine(new ModelGroup());
            root.addSubcommand(group);
        }
        if (!group.getSubcommands().containsKey("generate")) group.addSubcommand(new GenerateCommand());
        return root;
    }

    static Result run(String... args) {
        CommandLine cl = cli();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            int code = cl.execute(args);
            return new Result(code, out.toString().strip(), err.toString().strip());
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void generatesDeterministicallyPerSeed() {
        assumeTrue(Ggml.platformSupported());
        String m = model.toString();
        Result a = run("model", "generate", "--weights", m, "--prompt", "the ", "--bytes", "10", "--seed", "5", "--threads", "1", "--json");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.out()).startsWith("{\"backend\":\"ggml\",\"threads\":1,\"prompt\":\"the \",").contains("\"bytes\":10,");
        Result b = run("model", "generate", "--weights", m, "--prompt", "the ", "--bytes", "10", "--seed", "5", "--threads", "2", "--json");
        String hexA = a.out().replaceAll(".*\"hex\":\"([0-9a-f]*)\".*", "$1");
        assertThat(hexA).hasSize(20);
        assertThat(b.out()).contains("\"hex\":\"" + hexA + "\"");
        Result ref = run("model", "generate", "--weights", m, "--prompt", "the ", "--bytes", "10", "--temperature", "0", "--backend", "reference");
        assertThat(ref.code()).isZero();
    }

    @Test
    void invalidInputExitsOneUsageExitsTwo() throws Exception {
        String m = model.toString();
        for (String[] args : new String[][] {
                {"--weights", dir.resolve("missing.gguf").toString(), "--prompt", "x"},
                {"--weights", m, "--prompt", ""},
                {"--weights", m, "--prompt", "x", "--bytes", "-1"},
                {"--weights", m, "--prompt", "x", "--temperature", "-1"},
                {"--weights", m, "--prompt", "x", "--threads", "0"},
                {"--weights", m, "--prompt", "x", "--backend", "gpu"},
        }) {
            String[] full = new String[args.length + 2];
            full[0] = "model";
            full[1] = "generate";
            System.arraycopy(args, 0, full, 2, args.length);
            Result r = run(full);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.err()).startsWith("error: ").doesNotContain("\n");
        }
        Path junk = dir.resolve("junk.gguf");
        Files.write(junk, new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0, 1});
        Result r = run("model", "generate", "--weights", junk.toString(), "--prompt", "x");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: invalid model file");
        assertThat(run("model", "generate", "--prompt", "x").code()).isEqualTo(2);
        assertThat(run("model", "generate", "--weights", m, "--prompt", "x", "--bytes", "ten").code()).isEqualTo(2);
    }
}
