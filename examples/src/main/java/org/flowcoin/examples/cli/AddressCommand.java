package org.flowcoin.examples.cli;

import java.util.Locale;
import org.flowcoin.crypto.Address;
import org.flowcoin.crypto.AddressNetwork;
import org.flowcoin.crypto.CryptoFormatException;
import org.flowcoin.primitives.ChainParams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flow address encode|decode}. */
@Command(name = "address", description = "FlowCoin Bech32m addresses (HRP fl / tfl / rfl).", mixinStandardHelpOptions = true)
final class AddressCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "encode", description = "Encodes a witness version and program as an address.")
    void encode(
            @Option(names = "--network", paramLabel = Networks.LABEL, defaultValue = Networks.DEFAULT, converter = Networks.class, description = Networks.DESCRIPTION) ChainParams network,
            @Option(names = "--version", required = true, paramLabel = "N") int version,
            @Option(names = "--program", required = true, paramLabel = "<hex>") String programHex) {
        AddressNetwork net = Networks.addresses(network);
        byte[] program = CliSupport.hex("program", programHex);
        try {
            String a = Address.of(net, version, program).encode();
            CliSupport.emit(spec, "address", a, a);
        } catch (CryptoFormatException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    @Command(name = "decode", description = "Decodes an address; prints JSON {network, version, program}.")
    void decode(@Parameters(paramLabel = "<address>") String s) {
        Address a;
        try {
            a = Address.decode(s);
        } catch (CryptoFormatException e) {
            throw new InvalidInputException("invalid address: " + e.getMessage());
        }
        print(Json.object()
                .put("network", a.network().name().toLowerCase(Locale.ROOT))
                .put("version", a.version())
                .put("program", a.programHex())
                .toJson());
    }

    private void print(String line) {
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
    }
}
