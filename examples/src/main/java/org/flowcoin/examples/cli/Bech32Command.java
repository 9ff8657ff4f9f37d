package org.flowcoin.examples.cli;

import org.flowcoin.crypto.Bech32;
import org.flowcoin.crypto.Bech32Exception;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/** {@code flow bech32 decode <string>}. */
@Command(name = "bech32", description = "Bech32 / Bech32m (BIP-173 / BIP-350).", mixinStandardHelpOptions = true)
final class Bech32Command {
    @Spec
    CommandSpec spec;

    @Command(name = "decode", description = "Decodes a Bech32 or Bech32m string; prints JSON {hrp, encoding, data (hex of the 5-bit values)}.")
    void decode(@Parameters(paramLabel = "<string>") String s) {
        Bech32.Decoded d;
        try {
            d = Bech32.decode(s);
        } catch (Bech32Exception e) {
            throw new InvalidInputException("invalid bech32: " + e.getMessage());
        }
        print(Json.object()
                .put("hrp", d.hrp())
                .put("encoding", d.encoding() == Bech32.Encoding.BECH32 ? "bech32" : "bech32m")
                .put("data", CliSupport.hex(d.data()))
                .toJson());
    }

    private void print(String line) {
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
    }
}
