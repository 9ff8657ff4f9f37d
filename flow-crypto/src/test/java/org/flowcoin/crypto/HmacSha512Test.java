package org.flowcoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HmacSha512Test {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 4231 section 4, test cases 1-7 (HMAC-SHA-512 lines; case 5 is truncated to 128 bits; "xx*n" = n bytes xx). */
    @ParameterizedTest(name = "RFC 4231 test case {0}")
    @CsvSource({
        "1,0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b,4869205468657265,"
                + "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
        "2,4a656665,7768617420646f2079612077616e7420666f72206e6f7468696e673f,"
                + "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
        "3,aa*20,dd*50,"
                + "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb",
        "4,0102030405060708090a0b0c0d0e0f10111213141516171819,cd*50,"
                + "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd",
        "5,0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c,546573742057697468205472756e636174696f6e,415fad6271580a531d4179bc891d87a6",
        "6,aa*131,"
                + "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374,"
                + "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
        "7,aa*131,"
                + "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e,"
                + "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58",
    })
    void rfc4231(int tc, String key, String data, String expected) {
        byte[] mac = HmacSha512.mac(HEX.parseHex(expand(key)), HEX.parseHex(expand(data)));
        assertThat(HEX.formatHex(Arrays.copyOf(mac, expected.length() / 2))).isEqualTo(expected);
    }

    /** "aa*131" is the RFC's "131 bytes of 0xaa". */
    private static String expand(String s) {
        int star = s.indexOf('*');
        return star < 0 ? s : s.substring(0, star).repeat(Integer.parseInt(s.substring(star + 1)));
    }

    @Test
    void agreesWithBouncyCastleIncludingEmptyKeys() {
        SplittableRandom rnd = new SplittableRandom(4231);
        for (int i = 0; i < 300; i++) {
            byte[] key = new byte[i % 7 == 0 ? 0 : rnd.nextInt(300)];
            byte[] data = new byte[rnd.nextInt(400)];
            rnd.nextBytes(key);
            rnd.nextBytes(data);
            HMac bc = new HMac(new SHA512Digest());
            bc.init(new KeyParameter(key));
            bc.update(data, 0, data.length);
            byte[] want = new byte[64];
            bc.doFinal(want, 0);
            assertThat(HmacSha512.mac(key, data)).isEqualTo(want);
            HmacSha512 h = HmacSha512.withKey(key);
            int split = data.length / 3;
            byte[] out = new byte[70];
            h.update(data, 0, split).update(data, split, data.length - split).doFinal(out, 3);
            assertThat(Arrays.copyOfRange(out, 3, 67)).isEqualTo(want);
            assertThat(h.update(data).doFinal()).as("reusable after doFinal").isEqualTo(want);
        }
    }

    @Test
    void pbkdf2AgreesWithTheJdk() throws Exception {
        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512");
        String[] passwords = {"password", "abandon abandon about", "p\u00e4ssw\u00f6rd", "x"};
        for (String pw : passwords) {
            for (int[] p : new int[][] {{1, 64}, {2, 20}, {2048, 64}, {3, 130}}) {
                byte[] salt = ("mnemonic" + pw.length()).getBytes(StandardCharsets.UTF_8);
                byte[] jdk = f.generateSecret(new PBEKeySpec(pw.toCharArray(), salt, p[0], p[1] * 8)).getEncoded();
                assertThat(HmacSha512.pbkdf2(pw.getBytes(StandardCharsets.UTF_8), salt, p[0], p[1]))
                        .as("%s %d %d", pw, p[0], p[1])
                        .isEqualTo(jdk);
            }
        }
    }

    @Test
    void toStringHidesKey() {
        assertThat(HmacSha512.withKey(new byte[] {0x42}).toString()).doesNotContain("42");
    }
}
