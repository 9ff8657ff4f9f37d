package org.flowcoin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.flowcoin.examples.cli.Flow;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Drives the header, tx, target, subsidy and genesis commands in-process. */
class PrimitivesCliTest {
    record Result(int code, String out, String err) {}

    /** docs/spec/primitives.md §12.1 header vector. */
    static final String HEADER = "07a64f2010cf5a94158dc803666d72b450aadcb156892caf5620cee71556f6ba326fe0d8a70ab934a7bf9d1323c6d87ee37bbe70079f82e72203b1e07c0c185ce0d399e873cde9f1130182a2b70db45e021df5a2f404fa14e8b2f7481c10f1d364cb15b01d3638acae07043a5d3c77157b4b4c00b7a2de479ec7160340129cd0e803000000000000a0db566900000000ffff001f0000a8400000b0400004000018000000040000001000000002000000000400000000000003000000c800000000100000e80300006f12833a0403020101000000825152bae107d0fb1964484e315de07c49090a379e26940aa7af38f1377bfdb46abe7c0a689156249456cc9579d76c3b9dc9ec68554d858435c41274830ba0f1fa7da557e47fd5b12bfce68d6653e5fb1e2020166a1ff8a539ac7be5d5eb0e0d";
    /** docs/spec/primitives.md §12.3 key-hash spend vector. */
    static final String P2KH = "01000000011d465da8ef5e011c74b6f3bcbc04c5f3942f6e89a294578cd43cbfdfec24723700000000ffffffff016043993b00000000160014502ee2cff50ddb5c6bcba0297a30c4eac63befac000000000241ab92d15651e956dbef7e2f02028ed56480b0e347ca12c35bc9b673e32ce864d651332e4e1dbac699661b62bef35d45e064917d930a6ffb7d07f75b5de37632080120825152bae107d0fb1964484e315de07c49090a379e26940aa7af38f1377bfdb4";

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
        assertThat(run(args).code()).as(String.join(" ", args)).isEqualTo(2);
    }

    @Test
    void headerDecode() {
        Result r = run("header", "decode", HEADER);
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("{\"hash\":\"2386b22ea4add6805d6c4f5dc9f78861dd908ed15bcaad3e368d2921ad604b6f\",")
                .contains("\"height\":1000,", "\"timestamp\":1767300000,", "\"nbits\":\"1f00ffff\"", "\"valLoss\":5.25,",
                        "\"prevValLoss\":5.5,", "\"dModel\":1024,", "\"nLayers\":24,", "\"nExperts\":1024,", "\"stagnation\":3,",
                        "\"deltaOffset\":200,", "\"deltaLength\":4096,", "\"sparseCount\":1000,", "\"nonce\":16909060,",
                        "\"version\":1,", "\"signatureValid\":true}");
        assertInvalid("header", "decode", HEADER.substring(2));
        assertInvalid("header", "decode", "zz");
        assertInvalid("header", "decode", HEADER.substring(0, 360) + "01" + HEADER.substring(362));
        assertUsage("header", "decode");
    }

    @Test
    void txDecode() {
        Result r = run("tx", "decode", P2KH);
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("{\"txid\":\"33ae38241e2655d36fe789341fca00028cda063e2633feb75e98d9c19b64943c\","
                + "\"wtxid\":\"e9ddd55883199759b2c1fcb281d2bcdbbc3709d06476285cf51eacce65cad493\",\"version\":1,")
                .contains("\"prevoutIndex\":0,\"sequence\":4294967295,\"witness\":[", "\"value\":999900000,", "\"type\":\"key_hash_v0\"",
                        "\"coinbase\":false");
        assertInvalid("tx", "decode", P2KH + "00");
        assertInvalid("tx", "decode", "01000000fd0100");
        assertInvalid("tx", "decode", "0");
    }

    @Test
    void targetDecode() {
        Result r = run("target", "decode", "1f00ffff");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("{\"target\":\"0000ffff" + "0".repeat(56) + "\",\"difficulty\":1.0}");
        r = run("target", "decode", "1d00ffff");
        assertThat(r.out()).isEqualTo("{\"target\":\"00000000ffff" + "0".repeat(52) + "\",\"difficulty\":65536.0}");
        assertInvalid("target", "decode", "04923456");
        assertInvalid("target", "decode", "ff123456");
        assertInvalid("target", "decode", "00000000");
        assertInvalid("target", "decode", "123456789");
        assertInvalid("target", "decode", "xyz");
        assertInvalid("target", "decode", "1d00fffg");
    }

    @Test
    void targetRetargetReproducesBitcoin() {
        // Bitcoin Core pow_tests.cpp get_next_work and get_next_work_upper_limit_actual, with Bitcoin's powLimit.
        Result r = run("target", "retarget", "--nbits", "1d00ffff", "--first-time", "1261130161", "--last-time", "1262152739", "--pow-limit", "1d00ffff");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("1d00d86a");
        r = run("target", "retarget", "--nbits", "1c387f6f", "--first-time", "1263163443", "--last-time", "1269211443", "--pow-limit", "1d00ffff");
        assertThat(r.out()).isEqualTo("1d00e1fd");
        // Mainnet powLimit by default: slow blocks at the limit stay at the limit.
        r = run("target", "retarget", "--nbits", "1f00ffff", "--first-time", "0", "--last-time", "9999999");
        assertThat(r.out()).isEqualTo("1f00ffff");
        assertInvalid("target", "retarget", "--nbits", "04923456", "--first-time", "0", "--last-time", "1");
        assertUsage("target", "retarget", "--nbits", "1d00ffff");
        assertUsage("target", "retarget", "--nbits", "1d00ffff", "--first-time", "x", "--last-time", "1");
    }

    @Test
    void subsidy() {
        assertThat(run("subsidy", "--network", "main", "0").out()).isEqualTo("5000000000");
        assertThat(run("subsidy", "--network", "mainnet", "210000").out()).isEqualTo("2500000000");
        assertThat(run("subsidy", "--network", "MAIN", "13440000").out()).isEqualTo("0");
        assertThat(run("subsidy", "--network", "regtest", "150").out()).isEqualTo("2500000000");
        // the one default of every command: regtest (halving every 150 blocks)
        assertThat(run("subsidy", "150").out()).isEqualTo("2500000000");
        assertInvalid("subsidy", "-1");
        assertUsage("subsidy", "--network", "nope", "1");
        assertUsage("subsidy", "abc");
        assertUsage("subsidy");
    }

    @Test
    void genesis() {
        Result r = run("genesis", "--network", "main");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("{\"hash\":\"6973a0973fe40a7b94478d3d41fbdac85b8d72631ff715b3183565aa8c160000\",")
                .contains("\"coinbaseHeight\":0", "\"signatureValid\":true", "\"network\":\"main\"");
        assertThat(run("genesis", "--network", "test").out()).startsWith("{\"hash\":\"ae89280977072be644decffb2234b838ac6ccaafc536ab806de4586d7cc20000\"");
        assertThat(run("genesis", "--network", "regtest").out()).startsWith("{\"hash\":\"1df6fc37e03be23cf8d7c972d010f324748ca2411d4ed2aa704bdb170cc0a143\"");
        assertUsage("genesis", "--network", "mars");
        assertThat(run("genesis").out()).startsWith("{\"hash\":\"1df6fc37e03be23cf8d7c972d010f324748ca2411d4ed2aa704bdb170cc0a143\"");
        assertUsage("genesis", "extra");
    }
}
