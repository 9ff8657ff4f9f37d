package org.flowcoin.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code flow} command-line tool.
 *
 * <p>Contract for every subcommand: results on stdout; exit 0 on success, 1 on invalid input with a
 * one-line reason on stderr, 2 on a usage error.
 */
@Command(
        name = "flow",
        mixinStandardHelpOptions = true,
        version = "flow 0.1.0",
        description = "FlowCoin SDK command-line tool.",
        subcommands = {
            HashCommand.class,
            Ed25519Command.class,
            Bech32Command.class,
            AddressCommand.class,
            HdCommand.class,
            MnemonicCommand.class,
            HeaderCommand.class,
            TxCommand.class,
            TargetCommand.class,
            SubsidyCommand.class,
            GenesisCommand.class,
            WalletCommand.class,
            ModelCommand.class,
            MineCommand.class,
            ChainCommand.class,
            BlockCommand.class,
            DemoCommand.class,
            NetCommand.class,
            picocli.AutoComplete.GenerateCompletion.class,
        })
public final class Flow implements Runnable {
    /** Exit code for input that is well-formed as a command but invalid (bad hex, bad checksum, ...). */
    public static final int EXIT_INVALID_INPUT = 1;
    /** Exit code for a usage error (unknown command, missing argument). */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    /** Builds the command line with the SDK's exit-code contract. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Flow());
        addHelpOption(cl);
        for (String path : ALWAYS_JSON) addJsonOption(cl, path.split(" "));
        for (String path : SINGLE_VALUE) addJsonOption(cl, path.split(" "));
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_INVALID_INPUT);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof InvalidInputException) {
                cmd.getErr().println("error: " + ex.getMessage());
                cmd.getErr().flush();
                return EXIT_INVALID_INPUT;
            }
            // A data directory of another network, locked by another process, or damaged: one line, no trace.
            for (Throwable t = ex; t != null; t = t.getCause()) {
                if (t instanceof org.flowcoin.pot.DataDirectoryException dd) {
                    cmd.getErr().println("error: " + dd.getMessage());
                    cmd.getErr().flush();
                    return EXIT_INVALID_INPUT;
                }
            }
            throw ex;
        });
        return cl;
    }

    /**
     * Gives every command without one a usage-help option ({@code -h} where the name is free, and
     * {@code --help}); commands written as methods do not inherit the root's standard options.
     */
    static void addHelpOption(CommandLine cl) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        if (spec.options().stream().noneMatch(CommandLine.Model.OptionSpec::usageHelp)) {
            String[] names = spec.findOption("-h") == null ? new String[] {"-h", "--help"} : new String[] {"--help"};
            spec.addOption(CommandLine.Model.OptionSpec.builder(names).usageHelp(true)
                    .description("Show this help message and exit.").build());
        }
        for (CommandLine sub : cl.getSubcommands().values()) addHelpOption(sub);
    }

    /** Commands whose output is always JSON: they accept {@code --json} too, so that scripts can pass it everywhere. */
    static final java.util.List<String> ALWAYS_JSON = java.util.List.of("address decode", "bech32 decode", "block verify",
            "chain tip", "genesis", "hd derive", "header decode", "model info", "model init", "model eval", "target decode", "tx decode");

    /** Commands that print one value: with {@code --json} they print it as a one-key object (CliSupport.emit). */
    static final java.util.List<String> SINGLE_VALUE = java.util.List.of("hash keccak256", "hash keccak256d", "ed25519 pubkey",
            "ed25519 sign", "ed25519 verify", "address encode", "mnemonic new", "mnemonic seed", "target retarget", "subsidy");

    private static void addJsonOption(CommandLine root, String... path) {
        CommandLine c = root;
        for (String p : path) {
            c = c.getSubcommands().get(p);
            if (c == null) throw new IllegalStateException("no command " + String.join(" ", path));
        }
        CommandLine.Model.CommandSpec spec = c.getCommandSpec();
        if (spec.findOption("--json") == null) {
            boolean always = ALWAYS_JSON.contains(String.join(" ", path));
            spec.addOption(CommandLine.Model.OptionSpec.builder("--json").arity("0").type(boolean.class)
                    .description(always ? "Machine-readable output (this command always prints JSON)." : "Machine-readable output.").build());
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
