package org.flowcoin.net.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.flowcoin.net.Limits;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.NetDecodeException.Reason;
import org.flowcoin.net.Samples;
import org.flowcoin.primitives.Hash256;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    static void rejects(String command, byte[] payload, Reason reason) {
        assertThatThrownBy(() -> MessageCodec.decode(command, payload))
                .as(command + " " + HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 64)))
                .isInstanceOf(NetDecodeException.class)
                .extracting(e -> ((NetDecodeException) e).reason()).isEqualTo(reason);
    }

    static byte[] payload(Message m) {
        return m.toPayload();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    @Test
    void everySampleRoundTripsAndRejectsEveryTruncationAndTrailingByte() throws Exception {
        for (Message m : Samples.all().values()) {
            byte[] p = payload(m);
            assertThat(p).hasSize(m.serializedSize());
            assertThat(MessageCodec.decode(m.command().wireName(), p)).isEqualTo(m);
            if (!(m instanceof BlockMessage || m instanceof TxMessage)) { // their tail is opaque
                rejects(m.command().wireName(), concat(p, new byte[1]),
                        p.length + 1 > m.command().maxPayload() ? Reason.OVERSIZED : Reason.TRAILING_BYTES);
            }
            for (int cut = 0; cut < p.length; cut++) {
                if (m instanceof BlockMessage && cut >= 308 || m instanceof TxMessage && cut >= 1) continue; // opaque tail
                byte[] t = Arrays.copyOf(p, cut);
                assertThatThrownBy(() -> MessageCodec.decode(m.command().wireName(), t)).as(m.command() + " cut " + cut)
                        .isInstanceOf(NetDecodeException.class);
            }
        }
    }

    @Test
    void unknownCommandIsTyped() {
        rejects("getblocks", new byte[0], Reason.UNKNOWN_COMMAND);
    }

    @Test
    void compactSizeMustBeMinimal() {
        rejects("inv", hex("fd0000"), Reason.NON_CANONICAL);
        rejects("inv", hex("fdfc00"), Reason.NON_CANONICAL);
        rejects("inv", hex("fe01000000"), Reason.NON_CANONICAL);
        rejects("inv", hex("ff0100000000000000"), Reason.NON_CANONICAL);
    }

    @Test
    void countsAreBoundedBeforeAllocation() {
        rejects("inv", hex("fd51c3"), Reason.OVERSIZED); // 50,001
        rejects("addr", hex("fde903"), Reason.OVERSIZED); // 1001
        rejects("headers", hex("fdd107"), Reason.OVERSIZED); // 2001
        rejects("getheaders", hex("0100000066"), Reason.OVERSIZED); // 102 locators
        rejects("inv", hex("ffffffffffffffffff"), Reason.OVERSIZED);
        // a count within bounds but not backed by the input
        rejects("inv", hex("fd0001"), Reason.TRUNCATED);
        rejects("headers", hex("fdd007"), Reason.TRUNCATED);
    }

    @Test
    void invTypesAreStrict() {
        byte[] item = concat(hex("01"), hex("05000000"), new byte[32]);
        rejects("inv", item, Reason.INVALID_VALUE);
        rejects("getchunk", concat(hex("02000000"), new byte[32], new byte[4]), Reason.INVALID_VALUE); // BLOCK not chunked
        rejects("getchunk", concat(hex("03000000"), new byte[32], hex("00000001")), Reason.INVALID_VALUE); // index 2^24
    }

    @Test
    void userAgentIsBoundedAndPrintable() {
        VersionMessage v = (VersionMessage) Samples.all().get("version");
        byte[] p = payload(v);
        int uaAt = 4 + 8 + 8 + 26 + 26 + 8;
        byte[] ctl = p.clone();
        ctl[uaAt + 1] = 0x0a;
        rejects("version", ctl, Reason.INVALID_VALUE);
        byte[] big = concat(Arrays.copyOf(p, uaAt), hex("fd0101"), new byte[257], new byte[8]);
        rejects("version", big, Reason.OVERSIZED);
        assertThatThrownBy(() -> new VersionMessage(1, 0, 0, NetAddress.UNSPECIFIED, NetAddress.UNSPECIFIED, 0, "x".repeat(257), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deltaAnnouncementMustAgreeWithItsHeader() {
        byte[] p = payload(Samples.all().get("cmpctdelta"));
        byte[] wrongHash = p.clone();
        wrongHash[308] ^= 1;
        rejects("cmpctdelta", wrongHash, Reason.INVALID_VALUE);
        byte[] wrongCount = p.clone();
        wrongCount[308 + 32 + 8] = 2; // 100 bytes is 1 chunk
        rejects("cmpctdelta", wrongCount, Reason.INVALID_VALUE);
        byte[] zeroSize = p.clone();
        Arrays.fill(zeroSize, 308 + 32, 308 + 40, (byte) 0);
        rejects("cmpctdelta", zeroSize, Reason.INVALID_VALUE);
    }

    @Test
    void chunkStructureIsStrict() {
        Hash256 h = Samples.hash(9);
        List<Hash256> leaves = new ArrayList<>();
        for (int i = 0; i < 3; i++) leaves.add(Samples.hash(20 + i));
        // index 2 of 3 (last): branch length 1, any length 1..1 MiB
        ChunkMessage ok = ChunkMessage.of(InvType.DELTA, h, 2, 3, ChunkTree.branch(leaves, 2), new byte[10]);
        assertThat(ok.branch()).hasSize(1);
        // a non-last chunk must be exactly 1 MiB
        assertThatThrownBy(() -> ChunkMessage.of(InvType.DELTA, h, 0, 3, ChunkTree.branch(leaves, 0), new byte[10]))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] p = payload(ok);
        byte[] idx = p.clone();
        idx[36] = 3; // index == total
        rejects("chunk", idx, Reason.INVALID_VALUE);
        byte[] tot = p.clone();
        tot[40] = 0;
        rejects("chunk", tot, Reason.INVALID_VALUE); // total 0
        byte[] brl = p.clone();
        brl[44] = 2; // branch count 2 but 1 expected; then data shifts
        assertThatThrownBy(() -> MessageCodec.decode("chunk", brl)).isInstanceOf(NetDecodeException.class);
        byte[] deep = concat(Arrays.copyOf(p, 44), hex("19"));
        rejects("chunk", deep, Reason.OVERSIZED); // 25 > max depth
        byte[] empty = concat(Arrays.copyOf(p, 44 + 33), hex("00"));
        rejects("chunk", empty, Reason.INVALID_VALUE); // empty last chunk
        byte[] huge = concat(Arrays.copyOf(p, 44 + 33), hex("fe01001000"));
        rejects("chunk", huge, Reason.OVERSIZED); // > 1 MiB
    }

    @Test
    void addressesRoundTripIpv4AndIpv6() throws Exception {
        AddrMessage a = (AddrMessage) Samples.all().get("addr");
        assertThat(a.entries().get(0).address().isIpv4()).isTrue();
        assertThat(a.entries().get(0).address().inetAddress().getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(a.entries().get(1).address().isIpv4()).isFalse();
        assertThat(a.entries().get(1).address().inetAddress().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
        byte[] p = payload(a);
        // port big-endian: 9555 = 0x2553
        assertThat(Arrays.copyOfRange(p, 1 + 4 + 8 + 16, 1 + 4 + 8 + 18)).isEqualTo(hex("2553"));
        assertThat(MessageCodec.decode("addr", p)).isEqualTo(a);
    }

    @Test
    void servicesFlags() {
        long s = Services.NODE_NETWORK | Services.NODE_TRAINING;
        assertThat(Services.has(s, Services.NODE_TRAINING)).isTrue();
        assertThat(Services.has(s, Services.NODE_CHECKPOINTS)).isFalse();
        assertThat(Limits.CHUNK_SIZE).isEqualTo(1 << 20);
    }
}
