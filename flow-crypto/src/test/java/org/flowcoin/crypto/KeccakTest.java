package org.flowcoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

class KeccakTest {
    @org.junit.jupiter.api.BeforeAll
    static void forceTheRunsKernel() {
        org.flowcoin.crypto.ForcedKeccakKernel.apply();
    }

    private static final HexFormat HEX = HexFormat.of();

    record Kat(int bits, byte[] msg, byte[] md) {}

    /** Parses the Keccak team's ShortMsgKAT format (Len / Msg / MD triples). */
    static List<Kat> loadKat(String resource) throws IOException {
        List<Kat> out = new ArrayList<>();
        try (InputStream in = KeccakTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\r?\n");
            Integer len = null;
            byte[] msg = null;
            for (String line : lines) {
                if (line.startsWith("Len = ")) {
                    len = Integer.parseInt(line.substring(6).trim());
                } else if (line.startsWith("Msg = ")) {
                    msg = HEX.parseHex(line.substring(6).trim());
                } else if (line.startsWith("MD = ")) {
                    byte[] md = HEX.parseHex(line.substring(5).trim().toLowerCase());
                    // Len = 0 is written as "Msg = 00".
                    byte[] m = len == 0 ? new byte[0] : msg;
                    assertThat(m.length * 8).isEqualTo(len);
                    out.add(new Kat(len, m, md));
                }
            }
        }
        return out;
    }

    @Test
    void officialShortMsgKat256() throws IOException {
        List<Kat> kats = loadKat("/vectors/keccak/ShortMsgKAT_256.txt");
        assertThat(kats).hasSizeGreaterThan(250);
        for (Kat k : kats) {
            assertThat(Keccak.keccak256(k.msg())).as("Len=%d", k.bits()).isEqualTo(k.md());
            Keccak.Digest d = Keccak.newKeccak256();
            for (byte b : k.msg()) d.update(b);
            assertThat(d.digest()).as("bytewise Len=%d", k.bits()).isEqualTo(k.md());
        }
    }

    @Test
    void officialShortMsgKat512() throws IOException {
        List<Kat> kats = loadKat("/vectors/keccak/ShortMsgKAT_512.txt");
        assertThat(kats).hasSizeGreaterThan(250);
        for (Kat k : kats) {
            assertThat(Keccak.keccak512(k.msg())).as("Len=%d", k.bits()).isEqualTo(k.md());
            assertThat(Keccak.newKeccak512().update(k.msg()).digest()).isEqualTo(k.md());
        }
    }

    /** The table of docs/spec/crypto.md (derived rows computed with Bouncy Castle's KeccakDigest). */
    @Test
    void specTable() {
        assertThat(HEX.formatHex(Keccak.keccak256(new byte[0])))
                .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(HEX.formatHex(Keccak.keccak256(new byte[] {(byte) 0xcc})))
                .isEqualTo("eead6dbfc7340a56caedc044696a168870549a6a7f6f56961e84a54bd9970b8a");
        assertThat(HEX.formatHex(Keccak.keccak256(HEX.parseHex("616263"))))
                .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
        assertThat(HEX.formatHex(Keccak.keccak256d(new byte[0])))
                .isEqualTo("10ca3eff73ebec87d2394fc58560afeab86dac7a21f5e402ea0a55e5c8a6758f");
        assertThat(HEX.formatHex(Keccak.keccak256d(HEX.parseHex("616263"))))
                .isEqualTo("b8e12eedbb60e5321db47f5a3bfeb8ec0ff6ae9af10020cc61bb8c82ae0b7b66");
        assertThat(HEX.formatHex(Keccak.keccak256d(new byte[244])))
                .isEqualTo("aef2d6bdf9f82060c9edc1c35d78cec8df17dddd9e0b4ba1f680365b7357383f");
        assertThat(HEX.formatHex(Keccak.keccak512(new byte[0])))
                .isEqualTo("0eab42de4c3ceb9235fc91acffe746b29c29a8c366b7c60e4e67c466f36a4304"
                        + "c00fa9caf9d87976ba469bcbe06713b435f091ef2769fb160cdab33d3670680e");
    }

    private static byte[] bc(int bits, byte[] data) {
        KeccakDigest d = new KeccakDigest(bits);
        d.update(data, 0, data.length);
        byte[] out = new byte[bits / 8];
        d.doFinal(out, 0);
        return out;
    }

    @Test
    void agreesWithBouncyCastleOnEveryLengthUpTo1000() {
        SplittableRandom rnd = new SplittableRandom(20260101);
        for (int len = 0; len <= 1000; len++) {
            byte[] m = new byte[len];
            rnd.nextBytes(m);
            byte[] ref256 = bc(256, m);
            assertThat(Keccak.keccak256(m)).as("len %d", len).isEqualTo(ref256);
            assertThat(Keccak.keccak256d(m)).as("256d len %d", len).isEqualTo(bc(256, ref256));
            assertThat(Keccak.keccak512(m)).as("512 len %d", len).isEqualTo(bc(512, m));
            // Offsets into a larger array.
            byte[] padded = new byte[len + 7];
            System.arraycopy(m, 0, padded, 3, len);
            assertThat(Keccak.keccak256(padded, 3, len)).isEqualTo(ref256);
            assertThat(Keccak.keccak256d(padded, 3, len)).isEqualTo(bc(256, ref256));
            assertThat(Keccak.keccak512(padded, 3, len)).isEqualTo(bc(512, m));
        }
    }

    @Test
    void streamingAgreesForEverySplitPoint() {
        SplittableRandom rnd = new SplittableRandom(7);
        Keccak.Digest d256 = Keccak.newKeccak256();
        Keccak.Digest d512 = Keccak.newKeccak512();
        for (int len : new int[] {0, 1, 71, 72, 73, 135, 136, 137, 143, 144, 271, 272, 273, 500}) {
            byte[] m = new byte[len];
            rnd.nextBytes(m);
            byte[] r256 = bc(256, m);
            byte[] r512 = bc(512, m);
            for (int a = 0; a <= len; a++) {
                int b = a + rnd.nextInt(len - a + 1);
                d256.update(m, 0, a).update(m, a, b - a).update(m, b, len - b);
                assertThat(d256.digest()).as("len %d split %d/%d", len, a, b).isEqualTo(r256);
                d512.update(m, 0, a).update(m, a, b - a).update(m, b, len - b);
                assertThat(d512.digest()).isEqualTo(r512);
            }
        }
    }

    @Test
    void randomChunkedStreamsAgree() {
        SplittableRandom rnd = new SplittableRandom(99);
        int n = Math.min(2000, Integer.getInteger("flow.fuzz.iterations", 2000));
        Keccak.Digest d = Keccak.newKeccak256();
        for (int i = 0; i < n; i++) {
            byte[] m = new byte[rnd.nextInt(3000)];
            rnd.nextBytes(m);
            int off = 0;
            while (off < m.length) {
                int take = Math.min(m.length - off, rnd.nextInt(300));
                if (take == 1) d.update(m[off]);
                else d.update(m, off, take);
                off += take;
            }
            byte[] out = new byte[40];
            d.digest(out, 5);
            byte[] want = bc(256, m);
            for (int j = 0; j < 32; j++) assertThat(out[5 + j]).isEqualTo(want[j]);
        }
    }

    @Test
    void resetDiscardsInput() {
        Keccak.Digest d = Keccak.newKeccak256();
        d.update(new byte[] {1, 2, 3});
        d.reset();
        assertThat(d.digest()).isEqualTo(Keccak.keccak256(new byte[0]));
        assertThat(d.digestLength()).isEqualTo(32);
        assertThat(Keccak.newKeccak512().digestLength()).isEqualTo(64);
    }

    @Test
    void rejectsBadRanges() {
        assertThatThrownBy(() -> Keccak.keccak256(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Keccak.newKeccak256().update(new byte[4], -1, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Keccak.newKeccak256().digest(new byte[31], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
