package org.flowcoin.examples.cli;

import java.util.HexFormat;

/** Small helpers shared by the subcommands. */
final class CliSupport {
    private CliSupport() {}

    /** Parses lowercase or uppercase hex without a 0x prefix; invalid hex is invalid input. */
    static byte[] hex(String what, String s) {
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + " is not valid hex");
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
