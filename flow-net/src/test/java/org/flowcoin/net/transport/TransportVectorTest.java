package org.flowcoin.net.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.flowcoin.net.Samples;
import org.junit.jupiter.api.Test;

/**
 * A fixed-key handshake (docs/spec/p2p.md §5): the bytes on the wire are the vectors, and every step
 * is recomputed with the JDK's own X25519, HKDF and ChaCha20-Poly1305 and Bouncy Castle's Keccak.
 */
class TransportVectorTest {
    /** A "random" source that returns a fixed byte pattern: fixed ephemeral keys. */
    static SecureRandom fixed(int fill) {
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) fill);
            }
        };
    }

    static final HexFormat HEX = HexFormat.of();

    Map<String, String> run() throws Exception {
        Pipe i2r = new Pipe();
        Pipe r2i = new Pipe();
        List<byte[]> sentByInitiator = new ArrayList<>();
        List<byte[]> sentByResponder = new ArrayList<>();
        i2r.interceptor = b -> {
            sentByInitiator.add(b.clone());
            return b;
        };
        r2i.interceptor = b -> {
            sentByResponder.add(b.clone());
            return b;
        };
        var resp = CompletableFuture.supplyAsync(() -> {
            try {
                return SecureChannel.accept(i2r.in, r2i.out, Samples.MAGIC, SecureChannel.Options.anonymous(), fixed(0x22));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        SecureChannel init = SecureChannel.initiate(r2i.in, i2r.out, Samples.MAGIC, SecureChannel.Options.anonymous(), fixed(0x11));
        resp.get(10, TimeUnit.SECONDS);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("hello_i", HEX.formatHex(sentByInitiator.get(0)));
        v.put("hello_r", HEX.formatHex(sentByResponder.get(0)));
        v.put("th", HEX.formatHex(init.transcriptHash()));
        v.put("finished_i", HEX.formatHex(sentByInitiator.get(1)));
        v.put("finished_r", HEX.formatHex(sentByResponder.get(1)));
        init.output().write("ping".getBytes(StandardCharsets.US_ASCII));
        init.output().flush();
        v.put("record_i1", HEX.formatHex(sentByInitiator.get(2)));
        return v;
    }

    static Map<String, String> expected() throws IOException {
        Map<String, String> v = new LinkedHashMap<>();
        try (InputStream in = TransportVectorTest.class.getResourceAsStream("/transport-vector.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] p = line.trim().split(" ");
                v.put(p[0], p[1]);
            }
        }
        return v;
    }

    @Test
    void fixedKeyHandshakeMatchesTheVectorsAndAnIndependentRecomputation() throws Exception {
        Map<String, String> v = run();
        String out = System.getProperty("flow.net.writeTransportVector");
        if (out != null) {
            StringBuilder sb = new StringBuilder("# Encrypted transport vector, docs/spec/p2p.md section 5 (ephemeral private keys 11..11 and 22..22)\n");
            v.forEach((k, val) -> sb.append(k).append(' ').append(val).append('\n'));
            Files.writeString(Path.of(out), sb.toString());
        }
        assertThat(v).isEqualTo(expected());
        String doc = Files.readString(Path.of(System.getProperty("user.dir")).resolve("../docs/spec/p2p.md")).replaceAll("\\s+", "");
        v.forEach((k, val) -> assertThat(doc).as(k).contains(k + ":" + val));

        // independent recomputation
        byte[] helloI = HEX.parseHex(v.get("hello_i"));
        byte[] helloR = HEX.parseHex(v.get("hello_r"));
        byte[] privI = new byte[32];
        Arrays.fill(privI, (byte) 0x11);
        KeyFactory kf = KeyFactory.getInstance("XDH");
        KeyAgreement ka = KeyAgreement.getInstance("X25519");
        ka.init(kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privI)));
        byte[] u = Arrays.copyOfRange(helloR, 5, 37);
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) be[i] = u[31 - i];
        ka.doPhase(kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be))), true);
        byte[] shared = ka.generateSecret();

        KeccakDigest kd = new KeccakDigest(256);
        byte[] label = "flowcoin-p2p-transport-v1".getBytes(StandardCharsets.US_ASCII);
        kd.update(label, 0, label.length);
        kd.update(helloI, 0, helloI.length);
        kd.update(helloR, 0, helloR.length);
        byte[] th = new byte[32];
        kd.doFinal(th, 0);
        assertThat(HEX.formatHex(th)).isEqualTo(v.get("th"));

        KDF hkdf = KDF.getInstance("HKDF-SHA256");
        byte[] kI2R = hkdf.deriveData(HKDFParameterSpec.ofExtract().addIKM(shared).addSalt(th)
                .thenExpand("flowcoin i2r".getBytes(StandardCharsets.US_ASCII), 32));
        byte[] kR2I = hkdf.deriveData(HKDFParameterSpec.ofExtract().addIKM(shared).addSalt(th)
                .thenExpand("flowcoin r2i".getBytes(StandardCharsets.US_ASCII), 32));

        byte[] finI = open(kI2R, 0, HEX.parseHex(v.get("finished_i")));
        assertThat(HEX.formatHex(finI)).isEqualTo("01" + v.get("th") + "00");
        byte[] finR = open(kR2I, 0, HEX.parseHex(v.get("finished_r")));
        assertThat(HEX.formatHex(finR)).isEqualTo("02" + v.get("th") + "00");
        assertThat(open(kI2R, 1, HEX.parseHex(v.get("record_i1")))).isEqualTo("ping".getBytes(StandardCharsets.US_ASCII));
    }

    /** JDK ChaCha20-Poly1305: nonce 00000000 || counter LE, AAD = the length field. */
    static byte[] open(byte[] key, long counter, byte[] record) throws Exception {
        byte[] nonce = new byte[12];
        for (int i = 0; i < 8; i++) nonce[4 + i] = (byte) (counter >>> (8 * i));
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        c.updateAAD(record, 0, 4);
        return c.doFinal(record, 4, record.length - 4);
    }
}
