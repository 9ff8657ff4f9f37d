package org.flowcoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BIP-39 against Trezor's official vectors (passphrase "TREZOR") and the official English list. */
class MnemonicTest {
    private static final HexFormat HEX = HexFormat.of();

    record Vector(String entropy, String mnemonic, String seed) {}

    static List<Vector> vectors() throws IOException {
        try (InputStream in = MnemonicTest.class.getResourceAsStream("/vectors/bip39/vectors.json")) {
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // The "english" array only: from its '[' to the matching ']' (its strings hold no brackets).
            int start = all.indexOf('[', all.indexOf("\"english\""));
            int depth = 0, end = start;
            do {
                char c = all.charAt(end++);
                if (c == '[') depth++;
                if (c == ']') depth--;
            } while (depth > 0);
            String json = all.substring(start, end);
            Matcher m = Pattern.compile("\\[\\s*\"([0-9a-f]+)\",\\s*\"([a-z ]+)\",\\s*\"([0-9a-f]{128})\",\\s*\"xprv[1-9A-HJ-NP-Za-km-z]+\"\\s*\\]")
                    .matcher(json);
            List<Vector> out = new ArrayList<>();
            while (m.find()) out.add(new Vector(m.group(1), m.group(2), m.group(3)));
            return out;
        }
    }

    @Test
    void officialVectors() throws IOException {
        List<Vector> vs = vectors();
        assertThat(vs).hasSize(24);
        for (Vector v : vs) {
            Mnemonic fromEntropy = Mnemonic.fromEntropy(HEX.parseHex(v.entropy()));
            assertThat(fromEntropy.phrase()).isEqualTo(v.mnemonic());
            Mnemonic parsed = Mnemonic.parse(v.mnemonic());
            assertThat(parsed).isEqualTo(fromEntropy);
            assertThat(HEX.formatHex(parsed.entropy())).isEqualTo(v.entropy());
            assertThat(HEX.formatHex(parsed.toSeed("TREZOR").bytes())).as(v.mnemonic()).isEqualTo(v.seed());
        }
    }

    @Test
    void wordListIsTheOfficialFile() throws IOException {
        try (InputStream in = MnemonicTest.class.getResourceAsStream("/vectors/bip39/english.txt")) {
            List<String> official = Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
            assertThat(Mnemonic.englishWordList()).isEqualTo(official).hasSize(2048);
        }
        assertThat(Mnemonic.englishWordList()).isSorted();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "abandon",
        // 11 and 13 words.
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
        // Checksum mismatch (last word should be "about").
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon",
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon zoo",
        // Not in the list; upper case is not folded.
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abou",
        "Abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about!",
    })
    void rejectsInvalidMnemonics(String phrase) {
        assertThatThrownBy(() -> Mnemonic.parse(phrase)).isInstanceOf(MnemonicException.class);
    }

    @Test
    void errorMessagesNameNoWords() {
        assertThatThrownBy(() -> Mnemonic.parse("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon secretword about"))
                .isInstanceOf(MnemonicException.class)
                .hasMessageNotContaining("secretword")
                .hasMessageContaining("word 11");
    }

    @Test
    void whitespaceAndNormalisation() {
        String canonical = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
        Mnemonic m = Mnemonic.parse("  " + canonical.replace(" ", " \t\u3000") + "\n");
        assertThat(m.phrase()).isEqualTo(canonical);
        // NFKD of the passphrase: precomposed and decomposed forms give one seed.
        assertThat(m.toSeed("caf\u00e9")).isEqualTo(m.toSeed("cafe\u0301"));
        assertThat(m.toSeed("caf\u00e9")).isNotEqualTo(m.toSeed("cafe"));
        // Fullwidth letters normalise (NFKD) to ASCII words.
        assertThat(Mnemonic.parse(canonical.replace("about", "\uff41bout"))).isEqualTo(m);
    }

    @Test
    void generateAndRoundTrip() {
        SecureRandom rnd = new SecureRandom();
        for (int words : new int[] {12, 15, 18, 21, 24}) {
            Mnemonic m = Mnemonic.generate(rnd, words);
            assertThat(m.wordCount()).isEqualTo(words);
            assertThat(Mnemonic.parse(m.phrase())).isEqualTo(m);
            assertThat(Mnemonic.fromWords(m.words())).isEqualTo(m);
        }
        assertThatThrownBy(() -> Mnemonic.generate(rnd, 13)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mnemonic.fromEntropy(new byte[17])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mnemonic.fromEntropy(new byte[36])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everySingleWordSubstitutionIsCheckedOrAccepted() {
        // Random entropy; replacing one word keeps the mnemonic valid only if the checksum still matches.
        SplittableRandom rnd = new SplittableRandom(39);
        int n = Math.min(3000, Integer.getInteger("flow.fuzz.iterations", 3000));
        List<String> list = Mnemonic.englishWordList();
        int accepted = 0;
        for (int i = 0; i < n; i++) {
            byte[] e = new byte[16 + 4 * rnd.nextInt(5)];
            rnd.nextBytes(e);
            List<String> w = new ArrayList<>(Mnemonic.fromEntropy(e).words());
            w.set(rnd.nextInt(w.size()), list.get(rnd.nextInt(2048)));
            try {
                Mnemonic m = Mnemonic.fromWords(w);
                assertThat(m.words()).isEqualTo(w);
                accepted++;
            } catch (MnemonicException expected) {
                // checksum mismatch
            }
        }
        // With 4..8 checksum bits, at most about 1/16 of substitutions survive.
        assertThat(accepted).isLessThan(n / 8);
    }

    @Test
    void secretHandling() {
        Mnemonic m = Mnemonic.fromEntropy(new byte[16]);
        assertThat(m.toString()).doesNotContain("abandon").contains("redacted");
        HdSeed s = m.toSeed("");
        assertThat(s.toString()).doesNotContain(HEX.formatHex(s.bytes()));
        m.destroy();
        assertThatThrownBy(m::phrase).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> m.toSeed("")).isInstanceOf(IllegalStateException.class);
    }
}
