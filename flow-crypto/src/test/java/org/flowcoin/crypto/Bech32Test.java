package org.flowcoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowcoin.crypto.Bech32.Encoding;
import org.flowcoin.crypto.Bech32Exception.Reason;
import org.junit.jupiter.api.Test;

/** BIP-173 and BIP-350 test vectors, parsed from the checked-in BIP text. */
class Bech32Test {
    private static final HexFormat HEX = HexFormat.of();

    /** One bullet line of a BIP vector list: the string (with 0xNN prefixes/suffixes applied) and the rest. */
    record Item(String value, String rest) {}

    private static final Pattern ITEM =
            Pattern.compile("^\\* (?:0x([0-9A-F]{2}) \\+ )?<tt>([^<]*)</tt>(?: \\+ 0x([0-9A-F]{2}))?(.*)$");

    /** Parses the list that follows the line starting with {@code heading} up to the next blank line. */
    static List<Item> section(String resource, String heading) throws IOException {
        List<Item> items = new ArrayList<>();
        try (InputStream in = Bech32Test.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            int i = 0;
            while (i < lines.length && !lines[i].startsWith(heading)) i++;
            assertThat(i).as("heading %s", heading).isLessThan(lines.length);
            i++;
            while (i < lines.length && !lines[i].startsWith("*")) i++;
            for (; i < lines.length && lines[i].startsWith("*"); i++) {
                Matcher m = ITEM.matcher(lines[i]);
                assertThat(m.matches()).as(lines[i]).isTrue();
                String v = m.group(2);
                if (m.group(1) != null) v = (char) Integer.parseInt(m.group(1), 16) + v;
                if (m.group(3) != null) v = v + (char) Integer.parseInt(m.group(3), 16);
                items.add(new Item(v, m.group(4)));
            }
        }
        assertThat(items).isNotEmpty();
        return items;
    }

    private static final String BIP173 = "/vectors/bech32/bip-0173-test-vectors.mediawiki";
    private static final String BIP350 = "/vectors/bech32/bip-0350-test-vectors.mediawiki";

    @Test
    void bip173ValidStrings() throws IOException {
        for (Item it : section(BIP173, "The following strings are valid Bech32:")) {
            Bech32.Decoded d = Bech32.decode(it.value());
            assertThat(d.encoding()).as(it.value()).isEqualTo(Encoding.BECH32);
            // Round trip (lower-case) and no cross-acceptance as Bech32m.
            assertThat(Bech32.encode(d.hrp(), d.data(), Encoding.BECH32)).isEqualTo(it.value().toLowerCase(Locale.ROOT));
            assertThat(Bech32.encode(d.hrp(), d.data(), Encoding.BECH32M)).isNotEqualTo(it.value().toLowerCase(Locale.ROOT));
            assertFlipsAreRejected(it.value());
        }
    }

    @Test
    void bip350ValidStrings() throws IOException {
        List<Item> items = section(BIP350, "The following strings are valid Bech32m:");
        assertThat(items).hasSize(7);
        for (Item it : items) {
            Bech32.Decoded d = Bech32.decode(it.value());
            assertThat(d.encoding()).as(it.value()).isEqualTo(Encoding.BECH32M);
            assertThat(Bech32.encode(d.hrp(), d.data(), Encoding.BECH32M)).isEqualTo(it.value().toLowerCase(Locale.ROOT));
            assertFlipsAreRejected(it.value());
        }
    }

    /** Any single-character substitution in the data part of a valid string is detected. */
    private static void assertFlipsAreRejected(String valid) {
        String s = valid.toLowerCase(Locale.ROOT);
        int sep = s.lastIndexOf('1');
        for (int i = sep + 1; i < s.length(); i++) {
            char c = s.charAt(i) == 'q' ? 'p' : 'q';
            String bad = s.substring(0, i) + c + s.substring(i + 1);
            assertThatThrownBy(() -> Bech32.decode(bad)).isInstanceOf(Bech32Exception.class);
        }
    }

    @Test
    void bip173InvalidStrings() throws IOException {
        List<Item> items = section(BIP173, "The following string are not valid Bech32");
        assertThat(items).hasSize(12);
        for (Item it : items) {
            Bech32Exception e = catchThrowableOfType(Bech32Exception.class, () -> Bech32.decode(it.value()));
            assertThat(e).as(it.value() + it.rest()).isNotNull();
            assertThat(e.reason()).as(it.rest()).isEqualTo(expectedReason(it));
        }
    }

    @Test
    void bip350InvalidStrings() throws IOException {
        List<Item> items = section(BIP350, "The following string are not valid Bech32m");
        assertThat(items).hasSize(14);
        for (Item it : items) {
            Bech32Exception e = catchThrowableOfType(Bech32Exception.class, () -> Bech32.decode(it.value()));
            assertThat(e).as(it.value() + it.rest()).isNotNull();
            assertThat(e.reason()).as(it.value() + it.rest()).isEqualTo(expectedReason(it));
        }
    }

    /** Maps the BIP's stated reason to ours. */
    private static Reason expectedReason(Item it) {
        String r = it.rest().toLowerCase(Locale.ROOT);
        if (r.contains("hrp character out of range")) return Reason.CHARACTER_OUT_OF_RANGE;
        if (r.contains("max length")) return Reason.TOO_LONG;
        if (r.contains("no separator")) return Reason.NO_SEPARATOR;
        if (r.contains("empty hrp")) return Reason.EMPTY_HRP;
        if (r.contains("invalid data character")) return Reason.INVALID_DATA_CHARACTER;
        if (r.contains("too short checksum")) return Reason.TOO_SHORT_CHECKSUM;
        // "de1lg7wt" + 0xFF: the 0xFF is outside 33..126, which is checked before the alphabet.
        if (r.contains("invalid character in checksum")) {
            return it.value().chars().anyMatch(c -> c > 126) ? Reason.CHARACTER_OUT_OF_RANGE : Reason.INVALID_DATA_CHARACTER;
        }
        if (r.contains("uppercase form of hrp")) return Reason.INVALID_CHECKSUM;
        throw new AssertionError("unmapped reason: " + it.rest());
    }

    /**
     * The BIP segwit address rules (HRP given, version 0..16, program 2..40 bytes, v0 only 20 or 32
     * and Bech32, v1+ Bech32m), written here on top of our Bech32 to run the BIPs' address lists.
     * FlowCoin addresses use stricter rules ({@link Address}).
     */
    static byte[] segwitScriptPubKey(String hrp, String addr, boolean bip350) {
        Bech32.Decoded d = Bech32.decode(addr);
        if (!d.hrp().equals(hrp)) throw new IllegalArgumentException("hrp");
        byte[] v = d.data();
        if (v.length < 1 || v[0] > 16) throw new IllegalArgumentException("version");
        byte[] prog = Bech32.fromWords(v, 1, v.length - 1);
        if (prog.length < 2 || prog.length > 40) throw new IllegalArgumentException("length");
        if (v[0] == 0 && prog.length != 20 && prog.length != 32) throw new IllegalArgumentException("v0 length");
        Encoding want = !bip350 || v[0] == 0 ? Encoding.BECH32 : Encoding.BECH32M;
        if (d.encoding() != want) throw new IllegalArgumentException("encoding");
        byte[] spk = new byte[prog.length + 2];
        spk[0] = (byte) (v[0] == 0 ? 0 : 0x50 + v[0]);
        spk[1] = (byte) prog.length;
        System.arraycopy(prog, 0, spk, 2, prog.length);
        return spk;
    }

    @Test
    void segwitAddressVectors() throws IOException {
        for (String[] f : new String[][] {{BIP173, "false"}, {BIP350, "true"}}) {
            boolean bip350 = Boolean.parseBoolean(f[1]);
            List<Item> valid = section(f[0], "The following list gives valid segwit addresses");
            for (Item it : valid) {
                String hex = it.rest().replaceAll("^: <tt>([0-9a-f]+)</tt>$", "$1");
                String hrp = it.value().toLowerCase(Locale.ROOT).startsWith("bc") ? "bc" : "tb";
                if (!bip350 && !it.value().toLowerCase(Locale.ROOT).matches("^(bc|tb)1q.*")) {
                    // BIP-173's v1+ examples are Bech32, superseded by BIP-350; BIP-350 re-lists them.
                    assertThatThrownBy(() -> segwitScriptPubKey(hrp, it.value(), true));
                    continue;
                }
                assertThat(HEX.formatHex(segwitScriptPubKey(hrp, it.value(), bip350))).as(it.value()).isEqualTo(hex);
            }
            List<Item> invalid = section(f[0], "The following list gives invalid segwit addresses");
            for (Item it : invalid) {
                for (String hrp : new String[] {"bc", "tb"}) {
                    assertThatThrownBy(() -> segwitScriptPubKey(hrp, it.value(), bip350))
                            .as(it.value() + it.rest())
                            .isInstanceOf(IllegalArgumentException.class);
                }
            }
        }
    }

    @Test
    void paddingRulesOfConversion() {
        // 5 -> 8: one value = 5 leftover bits (> 4) is rejected; non-zero leftovers are rejected.
        assertThat(catchThrowableOfType(Bech32Exception.class, () -> Bech32.fromWords(new byte[] {0})).reason())
                .isEqualTo(Reason.INVALID_PADDING);
        assertThat(Bech32.fromWords(new byte[] {0x1f, 0x1c})).containsExactly((byte) 0xff);
        assertThat(catchThrowableOfType(Bech32Exception.class, () -> Bech32.fromWords(new byte[] {0x1f, 0x1d})).reason())
                .isEqualTo(Reason.INVALID_PADDING);
        assertThat(catchThrowableOfType(Bech32Exception.class, () -> Bech32.fromWords(new byte[] {32, 0})).reason())
                .isEqualTo(Reason.INVALID_PADDING);
        assertThat(Bech32.toWords(new byte[] {(byte) 0xff})).containsExactly(0x1f, 0x1c);
        assertThat(Bech32.toWords(new byte[0])).isEmpty();
    }

    @Test
    void randomRoundTrips() {
        SplittableRandom rnd = new SplittableRandom(173);
        int n = Math.min(5000, Integer.getInteger("flow.fuzz.iterations", 5000));
        for (int i = 0; i < n; i++) {
            byte[] bytes = new byte[rnd.nextInt(50)];
            rnd.nextBytes(bytes);
            byte[] words = Bech32.toWords(bytes);
            assertThat(Bech32.fromWords(words)).isEqualTo(bytes);
            Encoding enc = rnd.nextBoolean() ? Encoding.BECH32 : Encoding.BECH32M;
            String s = Bech32.encode("fl", words, enc);
            Bech32.Decoded d = Bech32.decode(s);
            assertThat(d.hrp()).isEqualTo("fl");
            assertThat(d.data()).isEqualTo(words);
            assertThat(d.encoding()).isEqualTo(enc);
            assertThat(Bech32.decode(s.toUpperCase(Locale.ROOT))).isEqualTo(d);
        }
    }

    @Test
    void arbitraryStringsFailOnlyWithBech32Exception() {
        SplittableRandom rnd = new SplittableRandom(350);
        int n = Integer.getInteger("flow.fuzz.iterations", 20000);
        String alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7lQPZ1bio1 \u0080\u00ff\u4e00!~";
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(100);
            for (int j = 0; j < len; j++) sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            try {
                Bech32.decode(sb.toString());
            } catch (Bech32Exception expected) {
                assertThat(expected.reason()).isNotNull();
            }
        }
    }

    @Test
    void encoderRejectsBadInput() {
        assertThat(catchThrowableOfType(Bech32Exception.class, () -> Bech32.encode("", new byte[0], Encoding.BECH32M)).reason())
                .isEqualTo(Reason.EMPTY_HRP);
        assertThat(catchThrowableOfType(Bech32Exception.class, () -> Bech32.encode("a", new byte[] {32}, Encoding.BECH32M)).reason())
                .isEqualTo(Reason.INVALID_DATA_CHARACTER);
        assertThat(catchThrowableOfType(Bech32Exception.class, () -> Bech32.encode("a b", new byte[0], Encoding.BECH32M)).reason())
                .isEqualTo(Reason.CHARACTER_OUT_OF_RANGE);
        assertThat(catchThrowableOfType(Bech32Exception.class, () -> Bech32.encode("a", new byte[83], Encoding.BECH32M)).reason())
                .isEqualTo(Reason.TOO_LONG);
        assertThat(Bech32.encode("a", new byte[82], Encoding.BECH32M)).hasSize(90);
    }

    @Test
    void longerLimitForInvoiceStylePayloads() {
        byte[] values = new byte[500];
        for (int i = 0; i < values.length; i++) values[i] = (byte) (i % 32);
        String s = Bech32.encode("lnfl", values, Encoding.BECH32, 1000);
        assertThat(s).hasSize(4 + 1 + 500 + 6);
        assertThat(Bech32.decode(s, 1000).data()).isEqualTo(values);
        assertThat(catchThrowableOfType(Bech32Exception.class, () -> Bech32.decode(s)).reason()).isEqualTo(Reason.TOO_LONG);
        assertThat(catchThrowableOfType(Bech32Exception.class, () -> Bech32.encode("lnfl", values, Encoding.BECH32, 510)).reason())
                .isEqualTo(Reason.TOO_LONG);
    }
}
