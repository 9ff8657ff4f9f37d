package org.flowcoin.channels.wire;

import org.flowcoin.channels.ChannelException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowcoin.channels.Fixtures.filled;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.Templates;
import org.junit.jupiter.api.Test;

/** Round trips of every message, its exact byte layout, and a fuzzed decoder that only ever refuses with a typed error. */
class ChannelMessageTest {
    private static final byte[] ID = filled(0xc1);

    private static List<ChannelMessage> samples() {
        return List.of(
                new ChannelMessage.OpenChannel(filled(0xc0), ID, 10_000_000L, 1000, 546, 10_000, 1, 2500, 144, 30,
                        filled(1), filled(2), filled(3), filled(4), filled(5)),
                new ChannelMessage.AcceptChannel(ID, 546, 10_000, 1, 3, 144, 30, filled(6), filled(7), filled(8), filled(9), filled(10)),
                new ChannelMessage.FundingCreated(ID, filled(0xf0), 1, filled64(3)),
                new ChannelMessage.FundingSigned(ID, filled64(4)),
                new ChannelMessage.ChannelReady(ID, filled(0x12)),
                new ChannelMessage.Shutdown(ID, Templates.payToKeyHash(filled(0x44))),
                new ChannelMessage.ClosingSigned(ID, 1234, new byte[64]),
                new ChannelMessage.UpdateFulfillHtlc(ID, 7, filled(0x11)),
                new ChannelMessage.UpdateFailHtlc(ID, 8, new byte[] {9, 9, 9}),
                new ChannelMessage.CommitmentSigned(ID, new byte[64], List.of(filled64(1), filled64(2))),
                new ChannelMessage.CommitmentSigned(ID, new byte[64], List.of()),
                new ChannelMessage.RevokeAndAck(ID, filled(0x22), filled(0x33)));
    }

    private static byte[] filled64(int v) {
        byte[] b = new byte[64];
        Arrays.fill(b, (byte) v);
        return b;
    }

    @Test
    void everyMessageRoundTripsToTheSameBytes() throws Exception {
        for (ChannelMessage m : samples()) {
            byte[] wire = ChannelMessage.encode(m);
            assertThat(ChannelMessage.encode(ChannelMessage.decode(wire))).as(m.getClass().getSimpleName()).isEqualTo(wire);
            assertThat((((wire[0] & 0xff) << 8) | (wire[1] & 0xff))).isEqualTo(ChannelMessage.type(m));
        }
        // Layout pinned: revoke_and_ack is type 133, channel id, secret, next revocation hash.
        byte[] r = ChannelMessage.encode(samples().get(11));
        assertThat(r).hasSize(2 + 32 * 3);
        assertThat(r[0]).isEqualTo((byte) 0);
        assertThat(r[1]).isEqualTo((byte) 133);
        assertThat(Arrays.copyOfRange(r, 34, 66)).isEqualTo(filled(0x22));
        assertThat(samples().get(11).toString()).doesNotContain("22222222");
    }

    @Test
    void refusesTruncationTrailingBytesUnknownTypesAndRanges() {
        for (ChannelMessage m : samples()) {
            byte[] wire = ChannelMessage.encode(m);
            for (int len = 0; len < wire.length; len++) {
                byte[] cut = Arrays.copyOf(wire, len);
                assertThatThrownBy(() -> ChannelMessage.decode(cut)).isInstanceOf(ChannelException.class);
            }
            byte[] longer = Arrays.copyOf(wire, wire.length + 1);
            assertThatThrownBy(() -> ChannelMessage.decode(longer)).isInstanceOf(ChannelException.class);
        }
        byte[] unknown = ChannelMessage.encode(samples().get(11));
        unknown[1] = (byte) 200;
        assertThatThrownBy(() -> ChannelMessage.decode(unknown)).isInstanceOf(ChannelException.class);
        byte[] negativeId = ChannelMessage.encode(samples().get(7));
        negativeId[34] = (byte) 0x80;
        assertThatThrownBy(() -> ChannelMessage.decode(negativeId)).isInstanceOf(ChannelException.class);
        // A shutdown script that is not a standard output, and one longer than a script may be.
        assertThatThrownBy(() -> ChannelMessage.decode(withScript(Script.of(new byte[] {0x6a}))))
                .isInstanceOf(ChannelException.class);
        byte[] big = new byte[2 + 32 + 2 + 20_000];
        big[1] = 38;
        big[34] = (byte) (20_000 >>> 8);
        big[35] = (byte) 20_000;
        assertThatThrownBy(() -> ChannelMessage.decode(big)).isInstanceOf(ChannelException.class);
        // An HTLC signature count the bytes cannot hold is refused before allocating.
        byte[] count = Arrays.copyOf(ChannelMessage.encode(samples().get(10)), 2 + 32 + 64 + 2);
        count[98] = (byte) 0x03;
        count[99] = (byte) 0xc6; // 966
        assertThatThrownBy(() -> ChannelMessage.decode(count)).isInstanceOf(ChannelException.class);
        assertThatThrownBy(() -> ChannelMessage.decode(new byte[ChannelMessage.MAX_BYTES + 1])).isInstanceOf(ChannelException.class);
        // open_channel: a push above the funding, a zero to_self_delay, too many HTLCs.
        byte[] open = ChannelMessage.encode(samples().get(0));
        byte[] push = open.clone();
        push[2 + 64 + 8] = 0x7f; // push_haruki high byte
        assertThatThrownBy(() -> ChannelMessage.decode(push)).isInstanceOf(ChannelException.class);
        int delayAt = 2 + 64 + 5 * 8 + 4;
        byte[] delay = open.clone();
        delay[delayAt] = 0;
        delay[delayAt + 1] = 0;
        assertThatThrownBy(() -> ChannelMessage.decode(delay)).isInstanceOf(ChannelException.class);
        byte[] htlcs = open.clone();
        htlcs[delayAt + 2] = (byte) 0x01;
        htlcs[delayAt + 3] = (byte) 0xe4; // 484
        assertThatThrownBy(() -> ChannelMessage.decode(htlcs)).isInstanceOf(ChannelException.class);
    }

    @Test
    void fuzzedInputNeverEscapesTheTypedError() {
        SplittableRandom rnd = new SplittableRandom(2026);
        int n = Math.max(2000, Integer.getInteger("flow.fuzz.iterations", 20000));
        List<ChannelMessage> seeds = samples();
        for (int i = 0; i < n; i++) {
            byte[] wire = ChannelMessage.encode(seeds.get(rnd.nextInt(seeds.size())));
            byte[] in;
            switch (rnd.nextInt(3)) {
                case 0 -> { // flip bytes
                    in = wire.clone();
                    for (int k = 0, flips = 1 + rnd.nextInt(4); k < flips; k++) in[rnd.nextInt(in.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
                case 1 -> in = Arrays.copyOf(wire, rnd.nextInt(wire.length + 8)); // cut or extend
                default -> { // random bytes under a valid type
                    in = new byte[rnd.nextInt(300)];
                    rnd.nextBytes(in);
                    if (in.length >= 2) System.arraycopy(wire, 0, in, 0, 2);
                }
            }
            try {
                ChannelMessage m = ChannelMessage.decode(in);
                assertThat(ChannelMessage.encode(m)).as("accepted input must be canonical").isEqualTo(in);
            } catch (ChannelException expected) {
                // refused, as it should be
            }
        }
    }

    private static byte[] withScript(Script script) {
        byte[] head = Arrays.copyOf(ChannelMessage.encode(samples().get(5)), 2 + 32);
        byte[] out = Arrays.copyOf(head, head.length + 2 + script.size());
        out[34] = (byte) (script.size() >>> 8);
        out[35] = (byte) script.size();
        System.arraycopy(script.toByteArray(), 0, out, 36, script.size());
        return out;
    }
}
