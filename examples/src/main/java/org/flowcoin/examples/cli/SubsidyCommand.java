package org.flowcoin.examples.cli;

import org.flowcoin.primitives.ChainParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flow subsidy <height>}. */
@Command(name = "subsidy", description = "The block subsidy at a height, in haruki (1 FLOW = 10^8 haruki).", mixinStandardHelpOptions = true)
final class SubsidyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<height>")
    long height;

    @Option(names = "--network", paramLabel = Networks.LABEL, defaultValue = Networks.DEFAULT, converter = Networks.class, description = Networks.DESCRIPTION)
    ChainParams network;

    @Override
    public void run() {
        if (height < 0) throw new InvalidInputException("height must not be negative");
        ChainParams p = network;
        long s = p.subsidy(height);
        CliSupport.emit(spec, "subsidy", s, Long.toString(s));
    }
}
