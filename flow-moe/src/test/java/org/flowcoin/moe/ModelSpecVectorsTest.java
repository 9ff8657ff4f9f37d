package org.flowcoin.moe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The test vectors of docs/spec/model.md section 7. */
class ModelSpecVectorsTest {
    static final byte[] T1 = "FlowCoin: Proof-of-Training. Every node computes the same loss, bit for bit."
            .getBytes(StandardCharsets.US_ASCII);
    static final byte[] SEED = "test".getBytes(StandardCharsets.UTF_8);

    static String hex(float f) {
        return String.format(Locale.ROOT, "%08x", Float.floatToRawIntBits(f));
    }

    @Test
    void initStream() {
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), SEED);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) sb.append(hex(w.get(0, i))).append(' ');
        sb.append(hex(w.get(w.layout().indexOf("blk.1.ffn_down_exps.weight"), 17))).append(' ');
        sb.append(hex(ModelInit.uniform(SEED, "token_embd.weight", 0))).append(' ');
        sb.append(hex(ModelInit.scale(ModelConfig.tiny(), "token_embd.weight")));
        assertThat(sb.toString()).isEqualTo("bc8e6838 3d3e741c 3d2df028 bd174c80 3d2f5780 be0e6838 3e000000");
    }

    @Test
    void tinyLossOnT1() {
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), SEED);
        LossResult r = Evaluators.reference(1).evaluate(w, List.of(T1));
        float[] z = Evaluators.reference(1).logits(w, T1);
        String s = r.lossBitsHex() + " " + r.tokens() + " " + hex(z[0]) + " " + hex(z[74 * 256 + 255]) + " " + r.loss();
        assertThat(s).isEqualTo("40afd7d3 75 3ee0fad2 bf387b50 5.4950957");
    }

    @Test
    void streamFollowsTheSpecByteLayout() {
        // Key = "flowcoin/moe/init/v1" 00 seed 00 name 00, then u64le(block); word i%16, bits 31..8.
        byte[] key = "flowcoin/moe/init/v1\0test\0token_embd.weight\0".getBytes(StandardCharsets.UTF_8);
        byte[] msg = java.util.Arrays.copyOf(key, key.length + 8);
        msg[key.length] = 1; // block 1
        byte[] h = org.flowcoin.crypto.Keccak.keccak512(msg);
        int word = java.nio.ByteBuffer.wrap(h, 4 * 3, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        float u = (float) (((word >>> 8) - 8388608) / 8388608.0);
        assertThat(ModelInit.uniform(SEED, "token_embd.weight", 16 + 3)).isEqualTo(u);
    }

    @Test
    void genesisSeedFirstValues() {
        // Only the init stream of the real genesis seed (the full genesis model is 213 MiB).
        byte[] g = ModelInit.GENESIS_SEED.getBytes(StandardCharsets.UTF_8);
        String s = hex(ModelInit.uniform(g, "token_embd.weight", 0)) + " " + hex(ModelInit.uniform(g, "blk.7.ffn_up_exps.weight", 1_000_000));
        assertThat(s).isEqualTo("3f4b672a 3ec8a238");
    }
}
