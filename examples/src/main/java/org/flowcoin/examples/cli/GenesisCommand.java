package org.flowcoin.examples.cli;

import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.block.Genesis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flow genesis --network main|test|regtest}. */
@Command(name = "genesis", description = "The genesis block of a network as JSON (hash, header, transactions, payloads, hex).", mixinStandardHelpOptions = true)
final class GenesisCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--network", required = true, paramLabel = "main|test|regtest")
    String network;

    @Override
    public void run() {
        spec.commandLine().getOut().println(PrimitivesJson.block(Genesis.block(params(network))).put("network", network).toJson());
        spec.commandLine().getOut().flush();
    }

    static ChainParams params(String network) {
        return switch (network) {
            case "main" -> ChainParams.mainnet();
            case "test" -> ChainParams.testnet();
            case "regtest" -> ChainParams.regtest();
            default -> throw new InvalidInputException("network must be main, test or regtest");
        };
    }
}
