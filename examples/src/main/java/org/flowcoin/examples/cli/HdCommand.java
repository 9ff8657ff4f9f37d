package org.flowcoin.examples.cli;

import org.flowcoin.crypto.CryptoFormatException;
import org.flowcoin.crypto.DerivationPath;
import org.flowcoin.crypto.Slip10;
import org.flowcoin.crypto.Slip10Key;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** {@code flow hd derive --seed <hex> --path <path>}. */
@Command(name = "hd", description = "SLIP-0010 ed25519 key derivation (hardened only).", mixinStandardHelpOptions = true)
final class HdCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "derive", description = "Derives the key at a path; prints JSON {path, chainCode, privateKey, publicKey}.")
    void derive(
            @Option(names = "--seed", required = true, paramLabel = "<hex>", description = "16..64-byte seed") String seedHex,
            @Option(names = "--path", required = true, paramLabel = "<path>", description = "e.g. m/44'/9555'/0'/0'/0'") String pathText) {
        byte[] seed = CliSupport.hex("seed", seedHex);
        if (seed.length < 16 || seed.length > 64) throw new InvalidInputException("seed must be 16..64 bytes");
        DerivationPath path;
        try {
            path = DerivationPath.parse(pathText);
        } catch (CryptoFormatException e) {
            throw new InvalidInputException("invalid path: " + e.getMessage());
        }
        Slip10Key key = Slip10.derive(seed, path);
        try {
            print(Json.object()
                    .put("path", path.toString())
                    .put("chainCode", CliSupport.hex(key.chainCode()))
                    .put("privateKey", CliSupport.hex(key.privateKey()))
                    .put("publicKey", key.publicKey().toHex())
                    .toJson());
        } finally {
            key.destroy();
            java.util.Arrays.fill(seed, (byte) 0);
        }
    }

    private void print(String line) {
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
    }
}
