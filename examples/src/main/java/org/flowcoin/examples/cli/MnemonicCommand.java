package org.flowcoin.examples.cli;

import java.security.SecureRandom;
import java.util.List;
import org.flowcoin.crypto.HdSeed;
import org.flowcoin.crypto.Mnemonic;
import org.flowcoin.crypto.MnemonicException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flow mnemonic new|seed}. */
@Command(name = "mnemonic", description = "BIP-39 mnemonics (English word list).", mixinStandardHelpOptions = true)
final class MnemonicCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "new", description = "Prints a fresh random mnemonic.")
    void newMnemonic(@Option(names = "--words", defaultValue = "24", paramLabel = "12|15|18|21|24",
            description = "word count (default: ${DEFAULT-VALUE})") int words) {
        if (words != 12 && words != 15 && words != 18 && words != 21 && words != 24) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--words must be 12, 15, 18, 21 or 24");
        }
        Mnemonic m = Mnemonic.generate(new SecureRandom(), words);
        CliSupport.emit(spec, "mnemonic", m.phrase(), m.phrase());
        m.destroy();
    }

    @Command(name = "seed", description = "Validates a mnemonic and prints its 64-byte BIP-39 seed in hex.")
    void seed(
            @Option(names = "--passphrase", defaultValue = "", paramLabel = "P", description = "BIP-39 passphrase (default empty)") String passphrase,
            @Parameters(paramLabel = "<word>", arity = "1..*") List<String> words) {
        Mnemonic m;
        try {
            // Accept the phrase as separate words or as one quoted argument.
            m = Mnemonic.parse(String.join(" ", words));
        } catch (MnemonicException e) {
            throw new InvalidInputException("invalid mnemonic: " + e.getMessage());
        }
        HdSeed seed = m.toSeed(passphrase);
        String hex = CliSupport.hex(seed.bytes());
        CliSupport.emit(spec, "seed", hex, hex);
        seed.destroy();
        m.destroy();
    }
}
