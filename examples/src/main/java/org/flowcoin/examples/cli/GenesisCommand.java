package org.flowcoin.examples.cli;

import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.block.Genesis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flow genesis [--network main|test|regtest]}. */
@Command(name = "genesis", description = "The genesis block of a network as JSON (hash, header, transactions, payloads, hex).", mixinStandardHelpOptions = true)
final class GenesisCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--network", paramLabel = Networks.LABEL, defaultValue = Networks.DEFAULT, converter = Networks.class, description = Networks.DESCRIPTION)
    ChainParams network;

    @Override
    public void run() {
        spec.commandLine().getOut().println(PrimitivesJson.block(Genesis.block(network)).put("network", network.name()).toJson());
        spec.commandLine().getOut().flush();
    }

}
