package org.flowcoin.primitives.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every opcode of the subset with an accepting case (exact final stack) and a rejecting case (the
 * exact error). Stacks are written bottom to top, items as hex, "_" for the empty item.
 */
class OpcodeTest {
    private static final String Z76 = "00".repeat(76);
    private static final String Z256 = "00".repeat(256);
    /** Keccak-256 of the empty string (published constant). */
    private static final String KECCAK_EMPTY = "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470";

    /** Keccak-256(Keccak-256("")), from the single hash function. */
    private static final String KECCAK_D_EMPTY =
            HexFormat.of().formatHex(org.flowcoin.crypto.Keccak.keccak256(HexFormat.of().parseHex(KECCAK_EMPTY)));

    static Stream<Arguments> accepting() {
        return Stream.of(
                ok("OP_0", "00", "_"),
                ok("direct push", "020102", "0102"),
                ok("direct push of 0x00", "0100", "00"),
                ok("PUSHDATA1", "4c4c" + Z76, Z76),
                ok("PUSHDATA2", "4d0001" + Z256, Z256),
                ok("PUSHDATA4 in an unexecuted branch", "00634e01000000ff6851", "01"),
                ok("OP_1NEGATE", "4f", "81"),
                ok("OP_1", "51", "01"),
                ok("OP_2..OP_15", "52535455565758595a5b5c5d5e5f", "02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f"),
                ok("OP_16", "60", "10"),
                ok("OP_NOP", "6151", "01"),
                ok("OP_IF true", "5163526753 68", "02"),
                ok("OP_IF false", "0063526753 68", "03"),
                ok("OP_NOTIF false", "0064526753 68", "02"),
                ok("OP_NOTIF true", "5164526753 68", "03"),
                ok("OP_ELSE nested in skipped branch", "00 63 51 63 52 68 67 53 68", "03"),
                ok("OP_ELSE nested false", "51 63 00 63 52 67 54 68 67 53 68", "04"),
                ok("OP_ELSE twice", "51 63 52 67 53 67 54 68", "02,04"),
                ok("OP_ENDIF", "51 63 68", ""),
                ok("OP_VERIFY", "515169", "01"),
                ok("OP_RETURN unexecuted", "00636a68", ""),
                ok("OP_TOALTSTACK/OP_FROMALTSTACK", "51526b536c", "01,03,02"),
                ok("OP_2DROP", "5152536d", "01"),
                ok("OP_2DUP", "51526e", "01,02,01,02"),
                ok("OP_3DUP", "5152536f", "01,02,03,01,02,03"),
                ok("OP_2OVER", "5152535470", "01,02,03,04,01,02"),
                ok("OP_2ROT", "51525354555671", "03,04,05,06,01,02"),
                ok("OP_2SWAP", "5152535472", "03,04,01,02"),
                ok("OP_IFDUP true", "5173", "01,01"),
                ok("OP_IFDUP false", "0073", "_"),
                ok("OP_DEPTH", "515274", "01,02,02"),
                ok("OP_DEPTH empty", "74", "_"),
                ok("OP_DROP", "515275", "01"),
                ok("OP_DUP", "5276", "02,02"),
                ok("OP_NIP", "515277", "02"),
                ok("OP_OVER", "515278", "01,02,01"),
                ok("OP_PICK", "5152535279", "01,02,03,01"),
                ok("OP_ROLL", "515253527a", "02,03,01"),
                ok("OP_ROT", "5152537b", "02,03,01"),
                ok("OP_SWAP", "51527c", "02,01"),
                ok("OP_TUCK", "51527d", "02,01,02"),
                ok("OP_SIZE", "02010282", "0102,02"),
                ok("OP_SIZE empty", "0082", "_,_"),
                ok("OP_EQUAL true", "515187", "01"),
                ok("OP_EQUAL false", "515287", "_"),
                ok("OP_EQUALVERIFY", "515188", ""),
                ok("OP_1ADD", "518b", "02"),
                ok("OP_1SUB", "518c", "_"),
                ok("OP_NEGATE", "528f", "82"),
                ok("OP_ABS", "4f90", "01"),
                ok("OP_NOT of 0", "0091", "01"),
                ok("OP_NOT of 2", "5291", "_"),
                ok("OP_0NOTEQUAL", "5292", "01"),
                ok("OP_0NOTEQUAL of 0", "0092", "_"),
                ok("OP_ADD", "525393", "05"),
                ok("OP_ADD carries into a sign byte", "017f017f93", "fe00"),
                ok("OP_SUB", "525394", "81"),
                ok("OP_BOOLAND", "51529a", "01"),
                ok("OP_BOOLAND false", "51009a", "_"),
                ok("OP_BOOLOR", "00529b", "01"),
                ok("OP_BOOLOR false", "00009b", "_"),
                ok("OP_NUMEQUAL", "52529c", "01"),
                ok("OP_NUMEQUALVERIFY", "52529d", ""),
                ok("OP_NUMNOTEQUAL", "52539e", "01"),
                ok("OP_LESSTHAN", "52539f", "01"),
                ok("OP_LESSTHAN false", "53529f", "_"),
                ok("OP_GREATERTHAN", "5352a0", "01"),
                ok("OP_LESSTHANOREQUAL", "5252a1", "01"),
                ok("OP_GREATERTHANOREQUAL", "5253a2", "_"),
                ok("OP_MIN", "5253a3", "02"),
                ok("OP_MAX", "5253a4", "03"),
                ok("OP_WITHIN", "525153a5", "01"),
                ok("OP_WITHIN upper bound excluded", "535153a5", "_"),
                ok("OP_KECCAK256", "00a8", KECCAK_EMPTY),
                ok("OP_KECCAK256D", "00aa", KECCAK_D_EMPTY),
                ok("OP_KECCAK160", "00a9", KECCAK_D_EMPTY.substring(0, 40)));
    }

    static Stream<Arguments> rejecting() {
        return Stream.of(
                err("direct push of 1 (must be OP_1)", "0101", ScriptError.MINIMALDATA),
                err("direct push of 0x81 (must be OP_1NEGATE)", "0181", ScriptError.MINIMALDATA),
                err("direct push past the end", "02ab", ScriptError.MALFORMED_PUSH),
                err("PUSHDATA1 of one byte", "4c01ff", ScriptError.MINIMALDATA),
                err("PUSHDATA1 without length", "4c", ScriptError.MALFORMED_PUSH),
                err("PUSHDATA2 of 76 bytes", "4d4c00" + Z76, ScriptError.MINIMALDATA),
                err("PUSHDATA2 of 521 bytes", "4d0902" + "00".repeat(521), ScriptError.PUSH_SIZE),
                err("PUSHDATA4 executed", "4e01000000ff", ScriptError.MINIMALDATA),
                err("PUSHDATA4 truncated", "4e0100", ScriptError.MALFORMED_PUSH),
                err("OP_1NEGATE then 1ADD VERIFY", "4f8b69", ScriptError.VERIFY),
                err("OP_N mismatch", "52519d", ScriptError.NUMEQUALVERIFY),
                err("OP_NOP pushes nothing", "6169", ScriptError.INVALID_STACK_OPERATION),
                err("OP_IF on 2", "526368", ScriptError.MINIMALIF),
                err("OP_IF on empty stack", "6368", ScriptError.INVALID_STACK_OPERATION),
                err("OP_IF unterminated", "5163", ScriptError.UNBALANCED_CONDITIONAL),
                err("OP_NOTIF on 2", "526468", ScriptError.MINIMALIF),
                err("OP_ELSE without IF", "67", ScriptError.UNBALANCED_CONDITIONAL),
                err("OP_ENDIF without IF", "68", ScriptError.UNBALANCED_CONDITIONAL),
                err("OP_VERIFY false", "0069", ScriptError.VERIFY),
                err("OP_RETURN", "516a", ScriptError.OP_RETURN),
                err("OP_TOALTSTACK empty", "6b", ScriptError.INVALID_STACK_OPERATION),
                err("OP_FROMALTSTACK empty", "6c", ScriptError.INVALID_STACK_OPERATION),
                err("OP_2DROP", "516d", ScriptError.INVALID_STACK_OPERATION),
                err("OP_2DUP", "516e", ScriptError.INVALID_STACK_OPERATION),
                err("OP_3DUP", "51526f", ScriptError.INVALID_STACK_OPERATION),
                err("OP_2OVER", "51525370", ScriptError.INVALID_STACK_OPERATION),
                err("OP_2ROT", "515253545571", ScriptError.INVALID_STACK_OPERATION),
                err("OP_2SWAP", "51525372", ScriptError.INVALID_STACK_OPERATION),
                err("OP_IFDUP", "73", ScriptError.INVALID_STACK_OPERATION),
                err("OP_DEPTH 0 VERIFY", "7469", ScriptError.VERIFY),
                err("OP_DROP", "75", ScriptError.INVALID_STACK_OPERATION),
                err("OP_DUP", "76", ScriptError.INVALID_STACK_OPERATION),
                err("OP_NIP", "5177", ScriptError.INVALID_STACK_OPERATION),
                err("OP_OVER", "5178", ScriptError.INVALID_STACK_OPERATION),
                err("OP_PICK too deep", "515279", ScriptError.INVALID_STACK_OPERATION),
                err("OP_PICK negative", "514f79", ScriptError.INVALID_STACK_OPERATION),
                err("OP_ROLL too deep", "51527a", ScriptError.INVALID_STACK_OPERATION),
                err("OP_ROT", "51527b", ScriptError.INVALID_STACK_OPERATION),
                err("OP_SWAP", "517c", ScriptError.INVALID_STACK_OPERATION),
                err("OP_TUCK", "517d", ScriptError.INVALID_STACK_OPERATION),
                err("OP_SIZE", "82", ScriptError.INVALID_STACK_OPERATION),
                err("OP_EQUAL", "5187", ScriptError.INVALID_STACK_OPERATION),
                err("OP_EQUALVERIFY", "515288", ScriptError.EQUALVERIFY),
                err("OP_1ADD on a 5-byte number", "0501020304058b", ScriptError.NUMBER_RANGE),
                err("OP_1SUB", "8c", ScriptError.INVALID_STACK_OPERATION),
                err("OP_NEGATE of a non-minimal number", "0201008f", ScriptError.MINIMALDATA),
                err("OP_ABS", "90", ScriptError.INVALID_STACK_OPERATION),
                err("OP_NOT", "91", ScriptError.INVALID_STACK_OPERATION),
                err("OP_0NOTEQUAL", "92", ScriptError.INVALID_STACK_OPERATION),
                err("OP_ADD", "5293", ScriptError.INVALID_STACK_OPERATION),
                err("OP_SUB", "5294", ScriptError.INVALID_STACK_OPERATION),
                err("OP_BOOLAND", "519a", ScriptError.INVALID_STACK_OPERATION),
                err("OP_BOOLOR", "9b", ScriptError.INVALID_STACK_OPERATION),
                err("OP_NUMEQUAL", "529c", ScriptError.INVALID_STACK_OPERATION),
                err("OP_NUMEQUALVERIFY", "52539d", ScriptError.NUMEQUALVERIFY),
                err("OP_NUMNOTEQUAL", "9e", ScriptError.INVALID_STACK_OPERATION),
                err("OP_LESSTHAN", "529f", ScriptError.INVALID_STACK_OPERATION),
                err("OP_GREATERTHAN", "a0", ScriptError.INVALID_STACK_OPERATION),
                err("OP_LESSTHANOREQUAL", "a1", ScriptError.INVALID_STACK_OPERATION),
                err("OP_GREATERTHANOREQUAL", "a2", ScriptError.INVALID_STACK_OPERATION),
                err("OP_MIN", "a3", ScriptError.INVALID_STACK_OPERATION),
                err("OP_MAX", "a4", ScriptError.INVALID_STACK_OPERATION),
                err("OP_WITHIN", "5152a5", ScriptError.INVALID_STACK_OPERATION),
                err("OP_KECCAK256", "a8", ScriptError.INVALID_STACK_OPERATION),
                err("OP_KECCAK160", "a9", ScriptError.INVALID_STACK_OPERATION),
                err("OP_KECCAK256D", "aa", ScriptError.INVALID_STACK_OPERATION),
                err("OP_CHECKSIG", "51ac", ScriptError.INVALID_STACK_OPERATION),
                err("OP_RESERVED", "50", ScriptError.BAD_OPCODE),
                err("undefined opcode in an unexecuted branch", "00635068", ScriptError.BAD_OPCODE),
                err("OP_CAT (disabled)", "7e", ScriptError.BAD_OPCODE),
                err("OP_CODESEPARATOR", "ab", ScriptError.BAD_OPCODE),
                err("OP_NOP1", "b0", ScriptError.BAD_OPCODE),
                err("0xff", "ff", ScriptError.BAD_OPCODE));
    }

    private static Arguments ok(String name, String script, String stack) {
        return Arguments.of(name, script.replace(" ", ""), stack);
    }

    private static Arguments err(String name, String script, ScriptError e) {
        return Arguments.of(name, script.replace(" ", ""), e);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepting")
    void accepts(String name, String script, String expected) throws ScriptException {
        List<byte[]> st = ScriptInterpreter.execute(Script.fromHex(script), List.of(), null);
        List<String> got = new ArrayList<>();
        for (byte[] b : st) got.add(b.length == 0 ? "_" : HexFormat.of().formatHex(b));
        assertThat(String.join(",", got)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejecting")
    void rejects(String name, String script, ScriptError expected) {
        try {
            ScriptInterpreter.execute(Script.fromHex(script), List.of(), null);
            fail("accepted " + script);
        } catch (ScriptException e) {
            assertThat(e.error()).isEqualTo(expected);
        }
    }

    @Test
    void opCountLimit() throws ScriptException {
        assertThat(ScriptInterpreter.execute(Script.fromHex("61".repeat(201)), List.of(), null)).isEmpty();
        assertThatThrownBy(() -> ScriptInterpreter.execute(Script.fromHex("61".repeat(202)), List.of(), null))
                .isInstanceOf(ScriptException.class).extracting(e -> ((ScriptException) e).error()).isEqualTo(ScriptError.OP_COUNT);
        // Pushes do not count.
        assertThat(ScriptInterpreter.execute(Script.fromHex("51".repeat(500) + "61".repeat(201)), List.of(), null)).hasSize(500);
    }

    @Test
    void stackSizeLimitCountsBothStacks() throws ScriptException {
        assertThat(ScriptInterpreter.execute(Script.fromHex("51".repeat(1000)), List.of(), null)).hasSize(1000);
        assertThatThrownBy(() -> ScriptInterpreter.execute(Script.fromHex("51".repeat(1001)), List.of(), null))
                .extracting(e -> ((ScriptException) e).error()).isEqualTo(ScriptError.STACK_SIZE);
        assertThatThrownBy(() -> ScriptInterpreter.execute(Script.fromHex("51".repeat(999) + "6b" + "5151"), List.of(), null))
                .extracting(e -> ((ScriptException) e).error()).isEqualTo(ScriptError.STACK_SIZE);
    }

    @Test
    void scriptSizeLimit() throws ScriptException {
        // 19 x (PUSHDATA2 of 520 bytes, DROP) = 9,956 bytes, plus 44 NOPs: exactly 10,000 bytes.
        String s = ("4d0802" + "00".repeat(520) + "75").repeat(19) + "61".repeat(44);
        assertThat(s.length() / 2).isEqualTo(10_000);
        assertThat(ScriptInterpreter.execute(Script.fromHex(s), List.of(), null)).isEmpty();
        assertThatThrownBy(() -> ScriptInterpreter.execute(Script.fromHex(s + "61"), List.of(), null))
                .extracting(e -> ((ScriptException) e).error()).isEqualTo(ScriptError.SCRIPT_SIZE);
    }

    @Test
    void scriptNumbers() throws ScriptException {
        long[] values = {0, 1, -1, 127, -127, 128, -128, 255, 256, 32767, -32768, 0x7fffffffL, -0x7fffffffL, 0x7fffffffffL};
        for (long v : values) assertThat(ScriptNum.decode(ScriptNum.encode(v), 5)).isEqualTo(v);
        assertThat(HexFormat.of().formatHex(ScriptNum.encode(128))).isEqualTo("8000");
        assertThat(HexFormat.of().formatHex(ScriptNum.encode(-128))).isEqualTo("8080");
        assertThat(HexFormat.of().formatHex(ScriptNum.encode(1000))).isEqualTo("e803");
        assertThatThrownBy(() -> ScriptNum.decode(new byte[] {0}, 4)).extracting(e -> ((ScriptException) e).error()).isEqualTo(ScriptError.MINIMALDATA);
        assertThatThrownBy(() -> ScriptNum.decode(new byte[] {(byte) 0x80}, 4)).isInstanceOf(ScriptException.class);
        assertThat(ScriptNum.toBool(new byte[] {0, (byte) 0x80})).isFalse();
        assertThat(ScriptNum.toBool(new byte[] {(byte) 0x80, 0})).isTrue();
    }
}
