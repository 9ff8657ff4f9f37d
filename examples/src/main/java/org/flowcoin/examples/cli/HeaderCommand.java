package org.flowcoin.examples.cli;

import org.flowcoin.primitives.DecodeException;
import org.flowcoin.primitives.block.BlockHeader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flow header decode <hex>}. */
@Command(name = "header", description = "308-byte block headers.", mixinStandardHelpOptions = true)
final class HeaderCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "decode", description = "Decodes a header; prints JSON with every field, the block hash and whether the miner signature verifies.")
    void decode(@Parameters(paramLabel = "<hex>") String hex) {
        BlockHeader h;
        try {
            h = BlockHeader.fromBytes(CliSupport.hex("header", hex));
        } catch (DecodeException e) {
            throw new InvalidInputException("invalid header: " + e.getMessage());
        }
        spec.commandLine().getOut().println(PrimitivesJson.header(h).toJson());
        spec.commandLine().getOut().flush();
    }
}
