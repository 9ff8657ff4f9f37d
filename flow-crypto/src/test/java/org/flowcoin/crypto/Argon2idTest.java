package org.flowcoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Argon2idTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 7693 Appendix A: BLAKE2b-512("abc"). */
    @Test
    void blake2bRfc7693AppendixA() {
        assertThat(HEX.formatHex(Blake2b.hash(64, ascii("abc")))).isEqualTo(
                "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                        + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
    }

    /** Every digest length, message lengths around the block boundaries, split updates: against Bouncy Castle. */
    @Test
    void blake2bMatchesBouncyCastle() {
        SplittableRandom random = new SplittableRandom(7);
        int[] lengths = {0, 1, 63, 64, 65, 127, 128, 129, 255, 256, 257, 1000, 1024, 1025};
        for (int digestLength = 1; digestLength <= 64; digestLength++) {
            for (int length : lengths) {
                byte[] message = new byte[length];
                random.nextBytes(message);
                Blake2bDigest bc = new Blake2bDigest(digestLength * 8);
                bc.update(message, 0, length);
                byte[] expected = new byte[digestLength];
                bc.doFinal(expected, 0);

                Blake2b ours = new Blake2b(digestLength);
                int split = length == 0 ? 0 : random.nextInt(length + 1);
                ours.update(message, 0, split).update(message, split, length - split);
                assertThat(ours.digest()).as("digest %d, message %d", digestLength, length).isEqualTo(expected);
            }
        }
    }

    @Test
    void blake2bRefusesBadLengthsAndReuse() {
        assertThatThrownBy(() -> new Blake2b(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Blake2b(65)).isInstanceOf(IllegalArgumentException.class);
        Blake2b b = new Blake2b(32);
        b.digest();
        assertThatThrownBy(b::digest).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.update(new byte[1])).isInstanceOf(IllegalStateException.class);
    }

    /** RFC 9106 section 5.3: Argon2id with a secret and associated data. */
    @Test
    void rfc9106Section53() {
        byte[] tag = Argon2id.hash(filled(32, 1), filled(16, 2), filled(8, 3), filled(12, 4), 32, 3, 4, 32);
        assertThat(HEX.formatHex(tag)).isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    /** phc-winner-argon2 src/test.c, Argon2id version 0x13 (memory as log2 KiB there). */
    @ParameterizedTest(name = "t={0} m={1} KiB p={2} {3}/{4}")
    @CsvSource({
        "2, 65536, 1, password, somesalt, 09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7",
        "2, 256, 1, password, somesalt, 9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe",
        "2, 256, 2, password, somesalt, 6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037",
        "1, 65536, 1, password, somesalt, f6a5adc1ba723dddef9b5ac1d464e180fcd9dffc9d1cbf76cca2fed795d9ca98",
        "4, 65536, 1, password, somesalt, 9025d48e68ef7395cca9079da4c4ec3affb3c8911fe4f86d1a2520856f63172c",
    })
    void referenceImplementationVectors(int t, int m, int p, String password, String salt, String expected) {
        assertThat(HEX.formatHex(Argon2id.hash(ascii(password), ascii(salt), m, t, p, 32))).isEqualTo(expected);
    }

    /**
     * Odd shapes against Bouncy Castle: memory not a multiple of 4p, segments shorter and longer
     * than one address block (128 references), 1-7 lanes, several passes, tags of 4..1100 bytes.
     */
    @Test
    void matchesBouncyCastleOnOddParameters() {
        SplittableRandom random = new SplittableRandom(9106);
        int[][] shapes = {
            {8, 1, 1, 4}, {9, 2, 1, 32}, {16, 1, 2, 64}, {24, 3, 3, 65}, {37, 2, 4, 96},
            {64, 1, 7, 97}, {600, 2, 1, 1024}, {1030, 3, 2, 1100}, {2048, 1, 4, 33}, {515, 4, 5, 16},
        };
        for (int[] s : shapes) {
            byte[] password = new byte[random.nextInt(0, 80)];
            byte[] salt = new byte[random.nextInt(8, 40)];
            random.nextBytes(password);
            random.nextBytes(salt);
            Argon2BytesGenerator bc = new Argon2BytesGenerator();
            bc.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withSalt(salt).withMemoryAsKB(s[0]).withIterations(s[1]).withParallelism(s[2]).build());
            byte[] expected = new byte[s[3]];
            bc.generateBytes(password, expected);
            assertThat(Argon2id.hash(password, salt, s[0], s[1], s[2], s[3]))
                    .as("m=%d t=%d p=%d tag=%d", s[0], s[1], s[2], s[3]).isEqualTo(expected);
        }
    }

    @Test
    void everyInputChangesTheTag() {
        byte[] base = Argon2id.hash(filled(8, 1), filled(16, 2), filled(4, 3), filled(4, 4), 32, 1, 1, 32);
        assertThat(Argon2id.hash(filled(8, 9), filled(16, 2), filled(4, 3), filled(4, 4), 32, 1, 1, 32)).isNotEqualTo(base);
        assertThat(Argon2id.hash(filled(8, 1), filled(16, 9), filled(4, 3), filled(4, 4), 32, 1, 1, 32)).isNotEqualTo(base);
        assertThat(Argon2id.hash(filled(8, 1), filled(16, 2), filled(4, 9), filled(4, 4), 32, 1, 1, 32)).isNotEqualTo(base);
        assertThat(Argon2id.hash(filled(8, 1), filled(16, 2), filled(4, 3), filled(4, 9), 32, 1, 1, 32)).isNotEqualTo(base);
        assertThat(Argon2id.hash(filled(8, 1), filled(16, 2), filled(4, 3), filled(4, 4), 40, 1, 1, 32)).isNotEqualTo(base);
        assertThat(Argon2id.hash(filled(8, 1), filled(16, 2), filled(4, 3), filled(4, 4), 32, 2, 1, 32)).isNotEqualTo(base);
        assertThat(Argon2id.hash(filled(8, 1), filled(16, 2), filled(4, 3), filled(4, 4), 32, 1, 2, 32)).isNotEqualTo(base);
        // The tag length is hashed into H0, so a shorter tag is not a prefix of a longer one.
        byte[] shorter = Argon2id.hash(filled(8, 1), filled(16, 2), filled(4, 3), filled(4, 4), 32, 1, 1, 16);
        assertThat(shorter).isNotEqualTo(Arrays.copyOf(base, 16));
    }

    @Test
    void refusesParametersOutsideRfc9106() {
        byte[] pw = new byte[4];
        byte[] salt = new byte[16];
        assertThatThrownBy(() -> Argon2id.hash(pw, new byte[7], 64, 1, 1, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("salt");
        assertThatThrownBy(() -> Argon2id.hash(pw, salt, 64, 1, 1, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tag");
        assertThatThrownBy(() -> Argon2id.hash(pw, salt, 64, 1, 1, Argon2id.MAX_TAG_LENGTH + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tag");
        assertThatThrownBy(() -> Argon2id.hash(pw, salt, 64, 0, 1, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iterations");
        assertThatThrownBy(() -> Argon2id.hash(pw, salt, 64, 1, 0, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
        assertThatThrownBy(() -> Argon2id.hash(pw, salt, 64, 1, Argon2id.MAX_PARALLELISM + 1, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
        assertThatThrownBy(() -> Argon2id.hash(pw, salt, 15, 1, 2, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory");
        assertThatThrownBy(() -> Argon2id.hash(pw, salt, Argon2id.MAX_MEMORY_KIB + 1, 1, 1, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory");
        assertThatThrownBy(() -> Argon2id.hash(null, salt, 64, 1, 1, 32)).isInstanceOf(NullPointerException.class);
    }

    /** The password never appears in what a failure reports. */
    @Test
    void failuresDoNotEchoInputs() {
        byte[] secretPassword = ascii("correct horse battery staple");
        assertThatThrownBy(() -> Argon2id.hash(secretPassword, new byte[2], 64, 1, 1, 32))
                .hasMessageNotContaining("horse");
    }
}
