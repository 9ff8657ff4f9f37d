package org.flowcoin.examples.cli;

import java.math.BigInteger;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.pow.CompactTarget;
import org.flowcoin.primitives.pow.Difficulty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flow target decode <nbits>} and {@code flow target retarget ...}. */
@Command(name = "target", description = "Compact targets (nbits) and the difficulty retarget.", mixinStandardHelpOptions = true)
final class TargetCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "decode", description = "Decodes nbits; prints JSON {target (64 hex digits, big-endian), difficulty (relative to the mainnet powLimit)}.")
    void decode(@Parameters(paramLabel = "<nbits-hex>") String nbitsHex) {
        BigInteger target = target("nbits", nbitsHex);
        double difficulty = Difficulty.difficulty(target, ChainParams.mainnet().powLimit());
        print(Json.object().put("target", String.format("%064x", target)).put("difficulty", difficulty).toJson());
    }

    @Command(name = "retarget", description = "The nbits after a 2016-block period under mainnet rules: prints 8 hex digits.")
    void retarget(
            @Option(names = "--nbits", required = true, paramLabel = "<hex>", description = "nbits of the last block of the period") String nbitsHex,
            @Option(names = "--first-time", required = true, paramLabel = "<unix>", description = "timestamp of the first block of the period") long first,
            @Option(names = "--last-time", required = true, paramLabel = "<unix>", description = "timestamp of the last block of the period") long last,
            @Option(names = "--pow-limit", paramLabel = "<nbits-hex>", description = "powLimit as nbits (default: mainnet)") String powLimitHex) {
        ChainParams main = ChainParams.mainnet();
        int nbits = nbits("nbits", nbitsHex);
        target("nbits", nbitsHex);
        BigInteger limit = powLimitHex == null ? main.powLimit() : target("pow-limit", powLimitHex);
        String next = CompactTarget.hex(Difficulty.retarget(nbits, first, last, main.targetTimespan(), limit));
        CliSupport.emit(spec, "nbits", next, next);
    }

    private static int nbits(String what, String hex) {
        try {
            return CompactTarget.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + " must be 1-8 hex digits");
        }
    }

    private static BigInteger target(String what, String hex) {
        try {
            return CompactTarget.toTarget(nbits(what, hex));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + ": " + e.getMessage());
        }
    }

    private void print(String s) {
        spec.commandLine().getOut().println(s);
        spec.commandLine().getOut().flush();
    }
}
