package org.flowcoin.examples.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.gguf.GgufFile;
import org.flowcoin.moe.gguf.GgufFormatException;
import org.flowcoin.moe.gguf.GgufModel;

/** Small helpers shared by the subcommands. */
final class CliSupport {
    private CliSupport() {}

    /**
     * True when the process talks to a terminal: progress is then redrawn in place with a carriage
     * return; otherwise (a file, a pipe, a CI log) it is written as whole lines, less often.
     */
    /**
     * Prints one result: as text, or with {@code --json} (on the command that ran) as {@code {"key": value}}.
     * {@code spec} is any command on the path to the one that ran.
     */
    static void emit(picocli.CommandLine.Model.CommandSpec spec, String key, Object value, String text) {
        picocli.CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        while (pr != null && pr.hasSubcommand()) pr = pr.subcommand();
        boolean json = pr != null && pr.hasMatchedOption("--json");
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.println(json ? Json.object().put(key, value).toJson() : text);
        out.flush();
    }

    static boolean terminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    /** Parses lowercase or uppercase hex without a 0x prefix; invalid hex is invalid input. */
    static byte[] hex(String what, String s) {
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + " is not valid hex");
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** Memory-maps a model file; every failure is invalid input naming the file. The caller closes it. */
    static GgufFile openModel(Path weights) {
        try {
            return GgufFile.open(weights);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("no such file: " + weights);
        } catch (GgufFormatException e) {
            throw new InvalidInputException("invalid model file: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + weights + ": " + e.getMessage());
        }
    }

    /** The model weights held by an open file (views into its mapping, valid while it is open). */
    static ModelWeights modelWeights(GgufFile file) {
        try {
            return GgufModel.weights(file);
        } catch (GgufFormatException e) {
            throw new InvalidInputException("invalid model file: " + e.getMessage());
        }
    }
}
