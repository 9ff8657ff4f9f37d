package org.flowcoin.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

class FrameTest {
    static final NetworkMagic MAGIC = Samples.MAGIC;

    /** Keccak-256d by Bouncy Castle directly: an implementation independent of flow-crypto's. */
    static byte[] bcKeccak256d(byte[] data) {
        KeccakDigest d = new KeccakDigest(256);
        byte[] h = new byte[32];
        d.update(data, 0, data.length);
        d.doFinal(h, 0);
        d.update(h, 0, 32);
        d.doFinal(h, 0);
        return h;
    }

    static byte[] frame(String command, byte[] payload) {
        return Frame.of(MAGIC, command, payload).toByteArray();
    }

    @Test
    void layoutAndChecksumMatchIndependentKeccak() {
        byte[] payload = Samples.pattern(8, 3);
        byte[] f = frame("ping", payload);
        assertThat(f).hasSize(24 + 8);
        assertThat(Arrays.copyOfRange(f, 0, 4)).isEqualTo(HexFormat.of().parseHex("f1c04e67"));
        assertThat(Arrays.copyOfRange(f, 4, 16)).isEqualTo("ping\0\0\0\0\0\0\0\0".getBytes());
        assertThat(Arrays.copyOfRange(f, 16, 20)).isEqualTo(new byte[] {8, 0, 0, 0});
        assertThat(Arrays.copyOfRange(f, 20, 24)).isEqualTo(Arrays.copyOf(bcKeccak256d(payload), 4));
        assertThat(Arrays.copyOfRange(f, 24, 32)).isEqualTo(payload);
    }

    @Test
    void emptyPayloadChecksumIsKeccak256dOfEmpty() {
        // Keccak-256("") = c5d24601...; the checksum is the first 4 bytes of Keccak-256 of that digest.
        byte[] k = HexFormat.of().parseHex("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        KeccakDigest d = new KeccakDigest(256);
        byte[] kk = new byte[32];
        d.update(k, 0, 32);
        d.doFinal(kk, 0);
        assertThat(Frame.checksum(new byte[0], 0, 0)).isEqualTo(Arrays.copyOf(kk, 4));
    }

    @Test
    void roundTripsThroughStrictRead() throws Exception {
        Frame f = Frame.of(MAGIC, "block", Samples.pattern(500, 9));
        ByteBuffer b = ByteBuffer.wrap(f.toByteArray());
        assertThat(Frame.read(b, MAGIC)).isEqualTo(f);
        assertThat(b.hasRemaining()).isFalse();
    }

    @Test
    void rejectsNonCanonicalCommands() {
        for (String bad : new String[] {"ping\0x", "\0ping", "", "pi ng", "ping\u0080"}) {
            byte[] f = frame("ping", new byte[8]);
            Arrays.fill(f, 4, 16, (byte) 0);
            byte[] c = bad.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            System.arraycopy(c, 0, f, 4, c.length);
            assertThatThrownBy(() -> Frame.read(ByteBuffer.wrap(f), MAGIC))
                    .isInstanceOf(NetDecodeException.class)
                    .extracting(e -> ((NetDecodeException) e).reason())
                    .isEqualTo(NetDecodeException.Reason.BAD_COMMAND);
        }
        assertThatThrownBy(() -> Frame.of(MAGIC, "thirteen_char", new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsLengthsOverGlobalAndPerCommandMaximumWithoutAllocating() {
        byte[] f = frame("block", new byte[0]);
        f[16] = f[17] = f[18] = f[19] = (byte) 0xff; // 4 GiB
        FrameDecoder dec = new FrameDecoder(MAGIC);
        dec.feed(f);
        assertThatThrownBy(dec::next).isInstanceOf(NetDecodeException.class)
                .extracting(e -> ((NetDecodeException) e).reason()).isEqualTo(NetDecodeException.Reason.OVERSIZED);
        assertThat(dec.bufferedBytes()).isLessThan(24);

        byte[] p = frame("ping", new byte[8]);
        p[16] = 9; // ping allows 8
        assertThatThrownBy(() -> Frame.read(ByteBuffer.wrap(p), MAGIC)).isInstanceOf(NetDecodeException.class)
                .extracting(e -> ((NetDecodeException) e).reason()).isEqualTo(NetDecodeException.Reason.OVERSIZED);

        byte[] u = frame("zzz", new byte[0]);
        int over = Limits.MAX_UNKNOWN_PAYLOAD + 1;
        u[16] = (byte) over;
        u[17] = (byte) (over >>> 8);
        u[18] = (byte) (over >>> 16);
        assertThatThrownBy(() -> Frame.read(ByteBuffer.wrap(u), MAGIC)).isInstanceOf(NetDecodeException.class);
    }

    @Test
    void wrongChecksumIsRejectedAndDecoderContinues() throws Exception {
        byte[] bad = frame("ping", Samples.pattern(8, 1));
        bad[20] ^= 1;
        byte[] good = frame("pong", Samples.pattern(8, 2));
        FrameDecoder dec = new FrameDecoder(MAGIC);
        dec.feed(bad);
        dec.feed(good);
        assertThatThrownBy(dec::next).isInstanceOf(NetDecodeException.class)
                .extracting(e -> ((NetDecodeException) e).reason()).isEqualTo(NetDecodeException.Reason.BAD_CHECKSUM);
        Frame f = dec.next();
        assertThat(f.command()).isEqualTo("pong");
        assertThat(dec.discardedBytes()).isEqualTo(bad.length);
        assertThatThrownBy(() -> Frame.read(ByteBuffer.wrap(bad), MAGIC)).isInstanceOf(NetDecodeException.class);
    }

    @Test
    void resynchronisesOnGarbageAndHandlesAnySplit() throws Exception {
        byte[] f1 = frame("ping", Samples.pattern(8, 5));
        byte[] f2 = frame("headers", Samples.pattern(3 + 308, 6));
        byte[] garbage1 = Samples.pattern(37, 0xf1); // contains the magic's first byte
        byte[] garbage2 = {(byte) 0xf1, (byte) 0xc0, 0x4e, 0x00, 0x13};
        ByteBuffer all = ByteBuffer.allocate(garbage1.length + f1.length + garbage2.length + f2.length);
        all.put(garbage1).put(f1).put(garbage2).put(f2);
        byte[] stream = all.array();
        for (int step : new int[] {1, 2, 3, 7, 24, 100, stream.length}) {
            FrameDecoder dec = new FrameDecoder(MAGIC);
            List<Frame> out = new ArrayList<>();
            for (int off = 0; off < stream.length; off += step) {
                dec.feed(stream, off, Math.min(step, stream.length - off));
                for (Frame f; (f = dec.next()) != null; ) out.add(f);
            }
            assertThat(out).extracting(Frame::command).containsExactly("ping", "headers");
            assertThat(out.get(1).payload()).isEqualTo(Samples.pattern(3 + 308, 6));
            assertThat(dec.discardedBytes()).isEqualTo(garbage1.length + garbage2.length);
        }
    }

    @Test
    void theLargestBlockOfEveryNetworkFitsInABlockFrame() {
        for (String n : new String[] {"main", "test", "regtest"}) {
            assertThat((long) Command.BLOCK.maxPayload()).as(n)
                    .isGreaterThanOrEqualTo(org.flowcoin.primitives.ChainParams.forName(n).maxBlockSize());
        }
    }

    @Test
    void magicFromChainParams() {
        assertThat(NetworkMagic.of(org.flowcoin.primitives.ChainParams.regtest())).isEqualTo(MAGIC);
    }
}
