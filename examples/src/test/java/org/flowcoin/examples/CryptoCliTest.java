package org.flowcoin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.flowcoin.crypto.Mnemonic;
import org.flowcoin.examples.cli.Flow;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Drives the bech32, address, hd and mnemonic commands in-process and checks output and exit codes. */
class CryptoCliTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        CommandLine cl = Flow.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString().strip(), err.toString().strip());
    }

    static void assertInvalid(String... args) {
        Result r = run(args);
        assertThat(r.code()).as(String.join(" ", args)).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: ").doesNotContain("\n").doesNotContain("Exception");
    }

    static void assertUsage(String... args) {
        Result r = run(args);
        assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void bech32Decode() {
        // BIP-350 valid vector "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx": data is the alphabet in order, reversed.
        Result r = run("bech32", "decode", "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("{\"hrp\":\"abcdef\",\"encoding\":\"bech32m\",\"data\":"
                + "\"1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100\"}");
        // BIP-173 valid vector.
        r = run("bech32", "decode", "A12UEL5L");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("{\"hrp\":\"a\",\"encoding\":\"bech32\",\"data\":\"\"}");
        assertInvalid("bech32", "decode", "M1VUXWEZ");
        assertInvalid("bech32", "decode", "qyrz8wqd2c9m");
        assertInvalid("bech32", "decode", "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq");
        assertUsage("bech32", "decode");
        assertUsage("bech32", "frobnicate", "x");
    }

    @Test
    void addressEncodeDecode() {
        Result r = run("address", "encode", "--network", "main", "--version", "0", "--program", "751e76e8199196d454941c45d1b3a323f1433bd6");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("fl1qw508d6qejxtdg4y5r3zarvary0c5xw7ktes96g");
        r = run("address", "encode", "--network", "regtest", "--version", "1", "--program",
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        assertThat(r.out()).isEqualTo("rfl1pqqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qarc0s8u0csj");
        r = run("address", "decode", "tfl1qw508d6qejxtdg4y5r3zarvary0c5xw7k3lzvxr");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("{\"network\":\"test\",\"version\":0,\"program\":\"751e76e8199196d454941c45d1b3a323f1433bd6\"}");

        assertInvalid("address", "encode", "--network", "main", "--version", "0", "--program", "00");
        assertInvalid("address", "encode", "--network", "main", "--version", "2", "--program", "751e76e8199196d454941c45d1b3a323f1433bd6");
        assertInvalid("address", "encode", "--network", "main", "--version", "0", "--program", "zz");
        assertInvalid("address", "decode", "fl1qqqqsyqcyq5rqwzqfpg9scrgwpugpzysn8wxfpt"); // Bech32, not Bech32m
        assertInvalid("address", "decode", "bc1qqqqsyqcyq5rqwzqfpg9scrgwpugpzysnqslask");
        assertInvalid("address", "decode", "fl1qw508d6qejxtdg4y5r3zarvary0c5xw7ktes96h");
        assertUsage("address", "encode", "--network", "moon", "--version", "0", "--program", "00");
        assertUsage("address", "encode", "--network", "main", "--version", "x", "--program", "00");
        assertUsage("address", "encode", "--network", "main", "--program", "00");
        assertUsage("address", "decode");
    }

    @Test
    void hdDerive() {
        // SLIP-0010 ed25519 test vector 1, chain m/0H/1H/2H/2H/1000000000H.
        Result r = run("hd", "derive", "--seed", "000102030405060708090a0b0c0d0e0f", "--path", "m/0'/1'/2'/2'/1000000000'");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("{\"path\":\"m/0'/1'/2'/2'/1000000000'\","
                + "\"chainCode\":\"68789923a0cac2cd5a29172a475fe9e0fb14cd6adb5ad98a3fa70333e7afa230\","
                + "\"privateKey\":\"8f94d394a8e8fd6b1bc2f3f49f5c47e385281d5c17e65324b0f62483e37e8793\","
                + "\"publicKey\":\"3c24da049451555d51a7014a37337aa4e12d41e485abccfa46b47dfb2af54b7a\"}");
        r = run("hd", "derive", "--seed", "000102030405060708090a0b0c0d0e0f", "--path", "m/44'/9555'/0'/0'/0'");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("{\"path\":\"m/44'/9555'/0'/0'/0'\",\"chainCode\":\"");
        assertInvalid("hd", "derive", "--seed", "000102030405060708090a0b0c0d0e0f", "--path", "m/44'/0");
        assertInvalid("hd", "derive", "--seed", "000102030405060708090a0b0c0d0e0f", "--path", "m/44h");
        assertInvalid("hd", "derive", "--seed", "0001", "--path", "m/0'");
        assertInvalid("hd", "derive", "--seed", "xyz", "--path", "m/0'");
        assertUsage("hd", "derive", "--seed", "000102030405060708090a0b0c0d0e0f");
    }

    @Test
    void mnemonicNewAndSeed() {
        for (String words : new String[] {"12", "24"}) {
            Result r = run("mnemonic", "new", "--words", words);
            assertThat(r.code()).isZero();
            assertThat(r.out().split(" ")).hasSize(Integer.parseInt(words));
            assertThat(Mnemonic.parse(r.out()).wordCount()).isEqualTo(Integer.parseInt(words));
        }
        Result r = run("mnemonic", "new");
        assertThat(r.out().split(" ")).hasSize(24);
        assertUsage("mnemonic", "new", "--words", "13");

        // Trezor vector 1: entropy 00..00, passphrase "TREZOR".
        String[] words = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about".split(" ");
        String[] args = new String[words.length + 4];
        args[0] = "mnemonic";
        args[1] = "seed";
        args[2] = "--passphrase";
        args[3] = "TREZOR";
        System.arraycopy(words, 0, args, 4, words.length);
        r = run(args);
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04");
        // One quoted argument works too; no passphrase differs.
        r = run("mnemonic", "seed", String.join(" ", words));
        assertThat(r.code()).isZero();
        assertThat(r.out()).hasSize(128).isNotEqualTo("c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04");
        words[11] = "abandon";
        assertInvalid(prepend(words, "mnemonic", "seed"));
        assertInvalid("mnemonic", "seed", "abandon", "about");
        assertUsage("mnemonic", "seed");
    }

    private static String[] prepend(String[] rest, String... head) {
        String[] out = new String[head.length + rest.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(rest, 0, out, head.length, rest.length);
        return out;
    }
}
