package org.flowcoin.examples.cli;

import org.flowcoin.crypto.Keccak;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flow hash keccak256|keccak256d <hex>}. */
@Command(name = "hash", description = "Hash functions.", mixinStandardHelpOptions = true)
final class HashCommand {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Command(name = "keccak256", description = "Keccak-256 (padding 0x01) of the input bytes.")
    void keccak256(@Parameters(paramLabel = "<hex>") String hex) {
        String h = CliSupport.hex(Keccak.keccak256(CliSupport.hex("input", hex)));
        CliSupport.emit(spec, "hash", h, h);
    }

    @Command(name = "keccak256d", description = "Keccak-256(Keccak-256(input)).")
    void keccak256d(@Parameters(paramLabel = "<hex>") String hex) {
        String h = CliSupport.hex(Keccak.keccak256d(CliSupport.hex("input", hex)));
        CliSupport.emit(spec, "hash", h, h);
    }
}
