package org.flowcoin.primitives.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.primitives.DecodeException;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.ModelDims;
import org.flowcoin.primitives.TestVectors;
import org.junit.jupiter.api.Test;

class BlockHeaderTest {
    @Test
    void fieldsSitAtTheProtocolOffsets() {
        BlockHeader h = TestVectors.header();
        byte[] b = h.toByteArray();
        assertThat(b).hasSize(308);
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(Arrays.copyOfRange(b, 0, 32)).isEqualTo(Keccak.keccak256(TestVectors.ascii("prev")));
        assertThat(Arrays.copyOfRange(b, 32, 64)).isEqualTo(Keccak.keccak256(TestVectors.ascii("merkle")));
        assertThat(Arrays.copyOfRange(b, 64, 96)).isEqualTo(Keccak.keccak256(TestVectors.ascii("delta")));
        assertThat(Arrays.copyOfRange(b, 96, 128)).isEqualTo(Keccak.keccak256(TestVectors.ascii("dataset")));
        assertThat(le.getLong(128)).isEqualTo(1000);
        assertThat(le.getLong(136)).isEqualTo(1_767_300_000L);
        assertThat(le.getInt(144)).isEqualTo(0x1f00ffff);
        assertThat(le.getFloat(148)).isEqualTo(5.25f);
        assertThat(le.getFloat(152)).isEqualTo(5.5f);
        ModelDims d = TestVectors.MAIN.growthSchedule().dimsAt(1000);
        int[] dims = {d.dModel(), d.nLayers(), d.dFf(), d.nHeads(), d.nKvHeads(), d.nExperts()};
        for (int i = 0; i < 6; i++) assertThat(le.getInt(156 + 4 * i)).isEqualTo(dims[i]);
        assertThat(le.getInt(180)).isZero();
        assertThat(le.getInt(184)).isEqualTo(3);
        assertThat(le.getInt(188)).isEqualTo(200);
        assertThat(le.getInt(192)).isEqualTo(4096);
        assertThat(le.getInt(196)).isEqualTo(1000);
        assertThat(le.getFloat(200)).isEqualTo(0.001f);
        assertThat(le.getInt(204)).isEqualTo(0x01020304);
        assertThat(le.getInt(208)).isEqualTo(1);
        assertThat(Arrays.copyOfRange(b, 212, 244)).isEqualTo(TestVectors.pub(1));
        assertThat(h.hash().toByteArray()).isEqualTo(Keccak.keccak256d(Arrays.copyOf(b, 244)));
        assertThat(org.flowcoin.crypto.Ed25519.verify(TestVectors.pub(1), Arrays.copyOf(b, 244), Arrays.copyOfRange(b, 244, 308))).isTrue();
    }

    @Test
    void roundTripsAndExposesFields() {
        BlockHeader h = TestVectors.header();
        BlockHeader back = BlockHeader.fromBytes(h.toByteArray());
        assertThat(back).isEqualTo(h);
        assertThat(back.height()).isEqualTo(1000);
        assertThat(back.prevHash()).isEqualTo(Hash256.keccak256(TestVectors.ascii("prev")));
        assertThat(back.valLossBits()).isEqualTo(Float.floatToRawIntBits(5.25f));
        assertThat(back.verifySignature()).isTrue();
        assertThat(back.toBuilder().build()).isEqualTo(h);
    }

    @Test
    void signatureCoversEveryHashedByte() {
        byte[] b = TestVectors.header().toByteArray();
        for (int i = 0; i < 244; i += 7) {
            byte[] m = b.clone();
            m[i] ^= 1;
            try {
                assertThat(BlockHeader.fromBytes(m).verifySignature()).as("byte %d", i).isFalse();
            } catch (DecodeException e) {
                // flipping a dims or reserved byte may make the header undecodable: also a rejection
            }
        }
        byte[] s = b.clone();
        s[300] ^= 1;
        assertThat(BlockHeader.fromBytes(s).verifySignature()).isFalse();
    }

    @Test
    void nonceGrindingBufferGivesTheBlockHash() {
        HeaderBuilder hb = TestVectors.header().toBuilder();
        byte[] buf = hb.unsignedBuffer();
        assertThat(buf).hasSize(244);
        for (int n = 0; n < 5; n++) {
            HeaderBuilder.setNonce(buf, n);
            assertThat(Hash256.of(HeaderBuilder.hashOf(buf))).isEqualTo(hb.nonce(n).sign(TestVectors.key(1)).hash());
        }
        assertThatThrownBy(() -> hb.sign(TestVectors.key(2))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsMalformedHeaders() {
        byte[] b = TestVectors.header().toByteArray();
        assertThatThrownBy(() -> BlockHeader.fromBytes(Arrays.copyOf(b, 307))).isInstanceOf(DecodeException.class).hasMessageContaining("header");
        assertThatThrownBy(() -> BlockHeader.fromBytes(Arrays.copyOf(b, 309))).isInstanceOf(DecodeException.class).hasMessageContaining("header");
        assertThatThrownBy(() -> BlockHeader.read(ByteBuffer.wrap(b, 0, 100))).isInstanceOf(DecodeException.class).hasMessageContaining("truncated");
        byte[] reserved = b.clone();
        reserved[181] = 1;
        assertThatThrownBy(() -> BlockHeader.fromBytes(reserved)).isInstanceOf(DecodeException.class).hasMessageContaining("reserved");
        byte[] height = b.clone();
        height[135] = (byte) 0x80;
        assertThatThrownBy(() -> BlockHeader.fromBytes(height)).isInstanceOf(DecodeException.class).hasMessageContaining("height");
        byte[] dims = b.clone();
        dims[156] = 1; // d_model no longer n_heads * 64
        assertThatThrownBy(() -> BlockHeader.fromBytes(dims)).isInstanceOf(DecodeException.class).hasMessageContaining("model dims");
        byte[] zeroExperts = b.clone();
        Arrays.fill(zeroExperts, 176, 180, (byte) 0);
        assertThatThrownBy(() -> BlockHeader.fromBytes(zeroExperts)).isInstanceOf(DecodeException.class).hasMessageContaining("model dims");
        assertThatThrownBy(() -> BlockHeader.fromHex("xy")).isInstanceOf(DecodeException.class);
    }
}
