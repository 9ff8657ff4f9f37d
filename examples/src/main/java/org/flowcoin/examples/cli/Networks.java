package org.flowcoin.examples.cli;

import java.util.Locale;
import org.flowcoin.crypto.AddressNetwork;
import org.flowcoin.primitives.ChainParams;
import picocli.CommandLine;

/**
 * The one {@code --network} option of the CLI: the same names, aliases, default and error on every
 * command. An unknown name is a usage error (exit 2).
 */
public final class Networks implements CommandLine.ITypeConverter<ChainParams> {
    /** The default everywhere: a local chain, so that no command touches a public network unasked. */
    public static final String DEFAULT = "regtest";
    public static final String LABEL = "NETWORK";
    public static final String DESCRIPTION = "main, test or regtest (also mainnet, testnet; default ${DEFAULT-VALUE}).";

    @Override
    public ChainParams convert(String value) {
        try {
            return ChainParams.forName(value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("unknown network '" + value + "' (main, test or regtest)");
        }
    }

    /** The address network (HRP) of a chain. */
    public static AddressNetwork addresses(ChainParams p) {
        return AddressNetwork.forHrp(p.hrp()).orElseThrow(() -> new IllegalStateException("no address network for " + p.name()));
    }
}
