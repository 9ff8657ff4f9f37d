package org.flowcoin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.examples.miner.MinerExample;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.script.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON conventions of docs/cli.md on real outputs: every command that always prints JSON
 * accepts {@code --json}; keys are camelCase; a loss is a JSON number next to its raw bits as 8
 * lowercase hex digits under the same name plus {@code Bits}; hashes are 64 hex digits; each output
 * is one line holding one object.
 */
class CliJsonTest {
    @TempDir
    static Path dir;

    static final Pattern KEY = Pattern.compile("\"([^\"\\\\]*)\":");
    static final Pattern CAMEL = Pattern.compile("[a-z][a-zA-Z0-9]*");

    static List<String> violations(String json) {
        List<String> bad = new ArrayList<>();
        String line = json.strip();
        if (!line.startsWith("{") || !line.endsWith("}") || line.contains("\n")) bad.add("not one object on one line");
        Matcher m = KEY.matcher(line);
        while (m.find()) {
            String k = m.group(1);
            if (!CAMEL.matcher(k).matches()) bad.add("key " + k);
            String rest = line.substring(m.end());
            if (k.endsWith("Loss") && !rest.matches("(?s)(-?[0-9][0-9.eE+-]*|null)[,}\\]].*")) bad.add(k + " is not a number");
            if (k.endsWith("LossBits") && !rest.matches("(?s)\"[0-9a-f]{8}\".*")) bad.add(k + " is not 8 hex digits");
            if (k.equals("hash") && !rest.matches("(?s)\"[0-9a-f]{64}\".*")) bad.add("hash is not 64 hex digits");
        }
        return bad;
    }

    static String json(String... args) {
        CliHelpTest.Run r = CliHelpTest.run(args);
        assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
        assertThat(violations(r.out())).as(String.join(" ", args) + " -> " + r.out()).isEmpty();
        return r.out();
    }

    @Test
    void alwaysJsonCommandsAcceptTheFlagAndFollowTheConventions() {
        for (String n : new String[] {"main", "test", "regtest"}) json("genesis", "--network", n, "--json");
        json("header", "decode", "--json", org.flowcoin.examples.PrimitivesCliTestAccess.HEADER);
        json("tx", "decode", "--json", org.flowcoin.examples.PrimitivesCliTestAccess.P2KH);
        json("address", "decode", "--json", "tfl1qw508d6qejxtdg4y5r3zarvary0c5xw7k3lzvxr");
        json("bech32", "decode", "--json", "A12UEL5L");
        json("target", "decode", "--json", "1f00ffff");
        json("model", "info", "--config", "tiny", "--json");
        json("model", "info", "--height", "20", "--json");
        assertThat(json("hash", "keccak256", "--json", "00")).isEqualTo("{\"hash\":\"bc36789e7a1e281436464229828f817d6612f7b477d66591ff96a9e064bcc98a\"}\n");
        assertThat(json("subsidy", "--network", "main", "--json", "0")).isEqualTo("{\"subsidy\":5000000000}\n");
        String seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
        assertThat(json("ed25519", "pubkey", "--json", seed))
                .isEqualTo("{\"publicKey\":\"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a\"}\n");
        assertThat(json("ed25519", "verify", "--json", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"))
                .isEqualTo("{\"valid\":true}\n");
        json("mnemonic", "new", "--json", "--words", "12");
        json("target", "retarget", "--json", "--nbits", "1f00ffff", "--first-time", "0", "--last-time", "1209600");
        json("address", "encode", "--json", "--network", "main", "--version", "0", "--program", "751e76e8199196d454941c45d1b3a323f1433bd6");
        // without --json the same commands print the bare value
        assertThat(CliHelpTest.run("subsidy", "--network", "main", "0").out()).isEqualTo("5000000000\n");
        for (String path : Flow.SINGLE_VALUE) {
            assertThat(CliHelpTest.run((path + " --help").split(" ")).out()).as(path).contains("--json");
        }
        for (String path : Flow.ALWAYS_JSON) {
            CliHelpTest.Run help = CliHelpTest.run((path + " --help").split(" "));
            assertThat(help.out()).as(path).contains("--json");
        }
    }

    @Test
    void chainOutputsGiveLossesAsNumbersWithTheirBits() throws Exception {
        Path chain = dir.resolve("chain");
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(new byte[32]);
        MinerExample.mine(chain, ChainParams.regtest(), 1, key, Templates.payToKeyHash(key.publicKey().toByteArray()), 2,
                new PrintStream(OutputStream.nullOutputStream()));
        String verify = json("chain", "verify", "--datadir", chain.toString(), "--threads", "2", "--json");
        assertThat(verify).contains("\"valLoss\":").contains("\"valLossBits\":\"").contains("\"prevValLossBits\":\"");
        json("chain", "tip", "--datadir", chain.toString(), "--json");
    }
}
