package org.flowcoin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command of the real tree answers {@code --help} (and {@code -h} where the name is free)
 * with exit 0 and a usage text on stdout that names the command, describes it, and shows real
 * parameter labels: no {@code <arg0>}-style placeholder from a method parameter's name.
 */
class CliHelpTest {
    static final Pattern PLACEHOLDER = Pattern.compile("<arg\\d+>");

    /** Every command path below the root, in tree order, each once (aliases skipped). */
    static Map<String, CommandLine> commands(CommandLine cl, String path, Map<String, CommandLine> out) {
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (!e.getKey().equals(e.getValue().getCommandName())) continue;
            String p = path.isEmpty() ? e.getKey() : path + " " + e.getKey();
            out.put(p, e.getValue());
            commands(e.getValue(), p, out);
        }
        return out;
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = Flow.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void everyCommandAnswersHelp() {
        Map<String, CommandLine> all = commands(Flow.commandLine(), "", new LinkedHashMap<>());
        assertThat(all).hasSizeGreaterThan(30);
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : all.entrySet()) {
            List<String> args = new ArrayList<>(List.of(e.getKey().split(" ")));
            args.add("--help");
            Run r = run(args.toArray(String[]::new));
            String name = e.getValue().getCommandName();
            if (r.code() != 0) failures.add(e.getKey() + ": exit " + r.code() + " " + r.err().lines().findFirst().orElse(""));
            else if (!r.out().contains("Usage: ") || !r.out().contains(name)) failures.add(e.getKey() + ": no usage text");
            else if (PLACEHOLDER.matcher(r.out()).find()) failures.add(e.getKey() + ": placeholder label in " + r.out());
            else if (e.getValue().getCommandSpec().usageMessage().description().length == 0) failures.add(e.getKey() + ": no description");
            if (e.getValue().getCommandSpec().findOption("-h") != null
                    && e.getValue().getCommandSpec().findOption("-h").usageHelp()) {
                args.set(args.size() - 1, "-h");
                if (run(args.toArray(String[]::new)).code() != 0) failures.add(e.getKey() + ": -h exit code");
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void rootHelpAndVersion() {
        assertThat(run("--help").code()).isZero();
        Run v = run("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("flow ");
        assertThat(run("no-such-command").code()).isEqualTo(Flow.EXIT_USAGE);
        Run completion = run("generate-completion");
        assertThat(completion.code()).isZero();
        assertThat(completion.out()).startsWith("#!/usr/bin/env bash").contains("complete -F").contains("wallet");
    }
}
