package org.flowcoin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.flowcoin.examples.cli.Flow;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Drives {@code flow ed25519 pubkey|sign|verify} in-process (RFC 8032 section 7.1 vectors). */
class Ed25519CliTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        CommandLine cl = Flow.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static void assertInvalid(String... args) {
        Result r = run(args);
        assertThat(r.code()).as(String.join(" ", args)).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("error: ").doesNotContain("\n").doesNotContain("Exception");
    }

    // RFC 8032 section 7.1, TEST 1 (empty message) and TEST 3 (message af82).
    static final String SEED1 = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    static final String PUB1 = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    static final String SIG1 = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
    static final String SEED3 = "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7";
    static final String PUB3 = "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025";
    static final String SIG3 = "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
            + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a";

    @Test
    void pubkey() {
        assertThat(run("ed25519", "pubkey", SEED1)).isEqualTo(new Result(0, PUB1 + System.lineSeparator(), ""));
        assertThat(run("ed25519", "pubkey", SEED3.toUpperCase()).out().strip()).isEqualTo(PUB3);
    }

    @Test
    void signWithEmptyAndNonEmptyMessages() {
        assertThat(run("ed25519", "sign", SEED1, "")).isEqualTo(new Result(0, SIG1 + System.lineSeparator(), ""));
        assertThat(run("ed25519", "sign", SEED3, "af82").out().strip()).isEqualTo(SIG3);
    }

    @Test
    void verifyPrintsValidOrInvalidWithExitZero() {
        assertThat(run("ed25519", "verify", PUB1, "", SIG1)).isEqualTo(new Result(0, "valid" + System.lineSeparator(), ""));
        assertThat(run("ed25519", "verify", PUB3, "af82", SIG3).out().strip()).isEqualTo("valid");
        assertThat(run("ed25519", "verify", PUB3, "af83", SIG3)).isEqualTo(new Result(0, "invalid" + System.lineSeparator(), ""));
        assertThat(run("ed25519", "verify", PUB1, "af82", SIG3).out().strip()).isEqualTo("invalid");
        // A small-order public key (the identity) is invalid under the consensus rules.
        assertThat(run("ed25519", "verify", "01" + "00".repeat(31), "", SIG1).out().strip()).isEqualTo("invalid");
        // S + L: non-canonical S.
        String sPlusL = SIG1.substring(0, 64) + "4c8c7872aa064e049dbb3013fbf29380d25bf5f0595bbe24655141438e7a101b";
        assertThat(run("ed25519", "verify", PUB1, "", sPlusL)).isEqualTo(new Result(0, "invalid" + System.lineSeparator(), ""));
    }

    @Test
    void badHexAndWrongLengthsExitOne() {
        assertInvalid("ed25519", "pubkey", "zz");
        assertInvalid("ed25519", "pubkey", SEED1.substring(2));
        assertInvalid("ed25519", "pubkey", SEED1 + "00");
        assertInvalid("ed25519", "sign", SEED1, "abc");
        assertInvalid("ed25519", "sign", "", "00");
        assertInvalid("ed25519", "verify", PUB1.substring(2), "", SIG1);
        assertInvalid("ed25519", "verify", PUB1, "", SIG1 + "00");
        assertInvalid("ed25519", "verify", PUB1, "0g", SIG1);
        // the seed never appears in an error message
        Result r = run("ed25519", "pubkey", SEED1 + "00");
        assertThat(r.err()).doesNotContain(SEED1);
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("ed25519", "pubkey").code()).isEqualTo(2);
        assertThat(run("ed25519", "sign", SEED1).code()).isEqualTo(2);
        assertThat(run("ed25519", "verify", PUB1, "").code()).isEqualTo(2);
        assertThat(run("ed25519", "frobnicate").code()).isEqualTo(2);
    }
}
