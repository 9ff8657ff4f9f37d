package org.flowcoin.net.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowcoin.net.Frame;
import org.flowcoin.net.Samples;
import org.junit.jupiter.api.Test;

/**
 * Every message has a hex vector (a whole frame, regtest magic) in src/test/resources/p2p-vectors.txt;
 * the same lines appear in docs/spec/p2p.md. Encoding the samples must give the vectors, and decoding
 * the vectors must give the samples.
 */
class MessageVectorsTest {
    static Map<String, String> vectors() throws IOException {
        Map<String, String> v = new LinkedHashMap<>();
        try (InputStream in = MessageVectorsTest.class.getResourceAsStream("/p2p-vectors.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] p = line.trim().split(" ");
                v.put(p[0], p[1]);
            }
        }
        return v;
    }

    @Test
    void everyMessageHasAVectorAndMatchesIt() throws Exception {
        Map<String, Message> samples = Samples.all();
        Map<String, String> vectors = vectors();
        assertThat(vectors.keySet()).containsExactlyElementsOf(samples.keySet());
        for (var e : samples.entrySet()) {
            byte[] expected = HexFormat.of().parseHex(vectors.get(e.getKey()));
            assertThat(HexFormat.of().formatHex(MessageCodec.encode(Samples.MAGIC, e.getValue())))
                    .as(e.getKey()).isEqualTo(vectors.get(e.getKey()));
            Frame f = Frame.read(ByteBuffer.wrap(expected), Samples.MAGIC);
            assertThat(f.command()).isEqualTo(e.getKey());
            assertThat(MessageCodec.decode(f)).as(e.getKey()).isEqualTo(e.getValue());
        }
        // every Command has a sample
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(org.flowcoin.net.Command.values()).map(org.flowcoin.net.Command::wireName).toList());
    }

    @Test
    void specDocumentCarriesTheSameVectors() throws Exception {
        Path spec = Path.of(System.getProperty("user.dir")).resolve("../docs/spec/p2p.md").normalize();
        String doc = Files.readString(spec);
        for (var e : vectors().entrySet()) {
            // the spec wraps long vectors; compare with whitespace removed
            assertThat(doc.replaceAll("\\s+", "")).as(e.getKey()).contains(e.getKey() + ":" + e.getValue());
        }
    }

    /** Regenerates the vector file: -Dflow.net.writeVectors=path. */
    @Test
    void writeVectorsWhenAsked() throws Exception {
        String out = System.getProperty("flow.net.writeVectors");
        if (out == null) return;
        StringBuilder sb = new StringBuilder("# P2P message vectors: whole frames, magic f1c04e67 (docs/spec/p2p.md)\n");
        for (var e : Samples.all().entrySet()) {
            sb.append(e.getKey()).append(' ').append(HexFormat.of().formatHex(MessageCodec.encode(Samples.MAGIC, e.getValue()))).append('\n');
        }
        Files.writeString(Path.of(out), sb.toString());
    }
}
