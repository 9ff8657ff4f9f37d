package org.flowcoin.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.LossResult;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.Sequences;
import org.flowcoin.moe.ggml.GgmlEvaluator;
import org.flowcoin.moe.ggml.GgmlUnavailableException;
import org.flowcoin.moe.gguf.GgufFile;
import org.flowcoin.moe.gguf.GgufModel;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.ModelDims;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flow model info|init|eval} (and {@code generate}): model dimensions and sizes, the
 * deterministic initialisation to a GGUF file, and the canonical loss of a data file.
 */
@Command(name = "model", mixinStandardHelpOptions = true, description = "The MoE model: sizes, init, canonical evaluation.",
        subcommands = {GenerateCommand.class})
final class ModelCommand {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Results go to the command line's writer (what picocli and tests capture), one line each. */
    private void println(Object line) {
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
    }

    /** Largest data file {@code eval} reads. */
    static final long MAX_DATA_BYTES = 256L << 20;

    static final class Which {
        @Option(names = "--config", description = "Preset: tiny or genesis.")
        String config;

        @Option(names = "--height", description = "Block height: the dimensions of the network's growth schedule there.")
        Long height;
    }

    @Command(name = "info", description = "Dimensions, parameter count and float32 size as JSON.")
    void info(@ArgGroup(exclusive = true, multiplicity = "1") Which which,
              @Option(names = "--network", paramLabel = Networks.LABEL, defaultValue = Networks.DEFAULT, converter = Networks.class, description = Networks.DESCRIPTION) ChainParams network) {
        ModelConfig c;
        if (which.config != null) {
            c = preset(which.config);
        } else {
            if (which.height < 0) throw new InvalidInputException("--height must be >= 0");
            c = new ModelConfig(network.growthSchedule().dimsAt(which.height));
        }
        ModelDims d = c.dims();
        Json.Obj o = Json.object();
        if (which.config != null) o.put("config", which.config.toLowerCase(Locale.ROOT));
        else o.put("network", network.name()).put("height", which.height);
        println(o.put("dModel", d.dModel()).put("nLayers", d.nLayers()).put("dExpert", d.dFf())
                .put("nHeads", d.nHeads()).put("nKvHeads", d.nKvHeads()).put("nExperts", d.nExperts())
                .put("headDim", ModelConfig.HEAD_DIM).put("vocab", ModelConfig.VOCAB).put("subKeys", c.subKeys())
                .put("tensors", c.layout().size()).put("parameters", c.parameterCount()).put("bytes", c.byteSize())
                .toJson());
    }

    @Command(name = "init", description = "Writes the deterministic initial model (docs/spec/model.md section 4) as GGUF.")
    void init(@Option(names = "--config", paramLabel = "PRESET", required = true, description = "Preset: tiny or genesis.") String config,
              @Option(names = "--seed", paramLabel = "TEXT", defaultValue = ModelInit.GENESIS_SEED, description = "Seed string (UTF-8; default \"${DEFAULT-VALUE}\").") String seed,
              @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output file (GGUF).") Path out) {
        ModelConfig c = preset(config);
        ModelWeights w = ModelInit.init(c, seed.getBytes(StandardCharsets.UTF_8));
        try {
            GgufModel.write(w, out);
        } catch (IOException e) {
            throw new InvalidInputException("cannot write " + out + ": " + e.getMessage());
        }
        println(Json.object().put("config", config.toLowerCase(Locale.ROOT)).put("seed", seed)
                .put("parameters", c.parameterCount()).put("out", out.toString()).toJson());
    }

    @Command(name = "eval", description = "Canonical mean loss of a data file (consecutive 256-byte sequences; a last partial one of >= 2 bytes is kept).")
    void eval(@Option(names = "--weights", paramLabel = "FILE", required = true, description = "Model file (GGUF).") Path weights,
              @Option(names = "--data", paramLabel = "FILE", required = true, description = "Data file (raw bytes).") Path data,
              @Option(names = "--threads", paramLabel = "N", description = "Threads (default: all processors; the result does not depend on it).") Integer threads,
              @Option(names = "--backend", paramLabel = "NAME", description = "reference, vector or ggml (default: vector when available; ggml is not canonical).") String backend) {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1 || n > 512) throw new InvalidInputException("--threads must be in 1..512");
        LossEvaluator ev;
        try {
            ev = backend == null ? Evaluators.best(n)
                    : "ggml".equals(backend) ? new GgmlEvaluator(n)
                    : Evaluators.byName(backend, n);
        } catch (GgmlUnavailableException e) {
            throw new InvalidInputException("backend ggml unavailable: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown --backend " + backend + " (reference|vector|ggml)");
        } catch (UnsupportedOperationException e) {
            throw new InvalidInputException("backend " + backend + " unavailable: " + e.getMessage());
        }
        List<byte[]> seqs = Sequences.split(readData(data), Sequences.DEFAULT_LENGTH);
        if (seqs.isEmpty()) throw new InvalidInputException("data file has fewer than 2 bytes: nothing to predict");
        try (GgufFile file = CliSupport.openModel(weights)) {
            ModelWeights w = CliSupport.modelWeights(file);
            long t0 = System.nanoTime();
            LossResult r = ev.evaluate(w, seqs);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            println(Json.object().put("loss", (double) r.loss()).put("lossBits", r.lossBitsHex())
                    .put("tokens", r.tokens()).put("millis", millis).put("backend", ev.name()).put("threads", n)
                    .put("sequences", seqs.size()).toJson());
        }
    }

    private static ModelConfig preset(String name) {
        try {
            return ModelConfig.preset(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown --config " + name + " (tiny|genesis)");
        }
    }

    private static byte[] readData(Path p) {
        try {
            long size = Files.size(p);
            if (size > MAX_DATA_BYTES) throw new InvalidInputException("data file larger than " + MAX_DATA_BYTES + " bytes");
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("no such file: " + p);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + p + ": " + e.getMessage());
        }
    }
}
