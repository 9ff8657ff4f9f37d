package org.flowcoin.examples.cli;

import java.util.Arrays;
import org.flowcoin.crypto.Ed25519;
import org.flowcoin.crypto.Ed25519PrivateKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flow ed25519 pubkey <seed-hex>}, {@code flow ed25519 sign <seed-hex> <msg-hex>} and
 * {@code flow ed25519 verify <pub-hex> <msg-hex> <sig-hex>} (prints {@code valid} or
 * {@code invalid}, exit 0 for both). An empty message is the empty string argument.
 */
@Command(name = "ed25519", description = "Ed25519 (RFC 8032) under the consensus verification rules.",
        mixinStandardHelpOptions = true)
final class Ed25519Command {
    @Spec
    CommandSpec spec;

    @Command(name = "pubkey", description = "The 32-byte public key of a 32-byte seed.")
    void pubkey(@Parameters(paramLabel = "<seed-hex>") String seedHex) {
        Ed25519PrivateKey key = key(seedHex);
        try {
            CliSupport.emit(spec, "publicKey", key.publicKey().toHex(), key.publicKey().toHex());
        } finally {
            key.destroy();
        }
    }

    @Command(name = "sign", description = "The 64-byte RFC 8032 signature of a message (hex) under a seed.")
    void sign(@Parameters(paramLabel = "<seed-hex>") String seedHex, @Parameters(paramLabel = "<msg-hex>") String msgHex) {
        byte[] msg = CliSupport.hex("message", msgHex);
        Ed25519PrivateKey key = key(seedHex);
        try {
            String sig = CliSupport.hex(key.sign(msg));
            CliSupport.emit(spec, "signature", sig, sig);
        } finally {
            key.destroy();
        }
    }

    @Command(name = "verify", description = "Prints valid or invalid (exit 0 for both).")
    void verify(@Parameters(paramLabel = "<pub-hex>") String pubHex, @Parameters(paramLabel = "<msg-hex>") String msgHex,
            @Parameters(paramLabel = "<sig-hex>") String sigHex) {
        byte[] pub = fixed("public key", pubHex, Ed25519.PUBLIC_KEY_SIZE);
        byte[] msg = CliSupport.hex("message", msgHex);
        byte[] sig = fixed("signature", sigHex, Ed25519.SIGNATURE_SIZE);
        boolean ok = Ed25519.verify(pub, msg, sig);
        CliSupport.emit(spec, "valid", ok, ok ? "valid" : "invalid");
    }

    private static Ed25519PrivateKey key(String seedHex) {
        byte[] seed = fixed("seed", seedHex, Ed25519.SEED_SIZE);
        try {
            return Ed25519PrivateKey.fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    private static byte[] fixed(String what, String hex, int size) {
        byte[] b = CliSupport.hex(what, hex);
        if (b.length != size) {
            throw new InvalidInputException(what + " must be " + size + " bytes, got " + b.length);
        }
        return b;
    }
}
