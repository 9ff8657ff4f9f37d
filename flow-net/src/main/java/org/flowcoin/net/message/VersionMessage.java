package org.flowcoin.net.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.flowcoin.net.Command;
import org.flowcoin.net.Limits;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.internal.Wire;

/**
 * {@code version}: protocol version (u32), services (u64), timestamp (i64 Unix seconds), receiver and
 * sender {@link NetAddress} (26 bytes each), nonce (u64, detects self-connections), user agent
 * (CompactSize length &le; 256, printable ASCII 0x20-0x7e), start height (u64).
 *
 * <pre>{@code
 * VersionMessage v = new VersionMessage(VersionMessage.PROTOCOL_VERSION, Services.NODE_NETWORK,
 *         Instant.now().getEpochSecond(), NetAddress.UNSPECIFIED, NetAddress.UNSPECIFIED,
 *         nonce, "/flowcoin-sdk:0.1.0/", tipHeight);
 * }</pre>
 */
public record VersionMessage(int protocolVersion, long services, long timestamp, NetAddress receiver,
                             NetAddress sender, long nonce, String userAgent, long startHeight) implements Message {
    /** The protocol version this implementation speaks. */
    public static final int PROTOCOL_VERSION = 1;

    public VersionMessage {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(userAgent, "userAgent");
        if (!validUserAgent(userAgent)) throw new IllegalArgumentException("user agent must be <= 256 printable ASCII characters");
    }

    private static boolean validUserAgent(String s) {
        if (s.length() > Limits.MAX_USER_AGENT) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) return false;
        }
        return true;
    }

    public static VersionMessage read(ByteBuffer in) throws NetDecodeException {
        int pv = Wire.u32(in, "protocol version");
        long services = Wire.u64(in, "services");
        long ts = Wire.u64(in, "timestamp");
        NetAddress recv = NetAddress.read(in);
        NetAddress from = NetAddress.read(in);
        long nonce = Wire.u64(in, "nonce");
        int n = Wire.compactSize(in, Limits.MAX_USER_AGENT, 1, "user agent length");
        byte[] ua = Wire.bytes(in, n, "user agent");
        for (byte b : ua) {
            if (b < 0x20 || b > 0x7e) throw new NetDecodeException(NetDecodeException.Reason.INVALID_VALUE, "user agent is not printable ASCII");
        }
        long height = Wire.u64(in, "start height");
        return new VersionMessage(pv, services, ts, recv, from, nonce, new String(ua, StandardCharsets.US_ASCII), height);
    }

    public Command command() {
        return Command.VERSION;
    }

    public int serializedSize() {
        return 4 + 8 + 8 + 2 * NetAddress.SIZE + 8 + Wire.compactSizeLength(userAgent.length()) + userAgent.length() + 8;
    }

    public void write(ByteBuffer out) {
        Wire.writeU32(out, protocolVersion);
        Wire.writeU64(out, services);
        Wire.writeU64(out, timestamp);
        receiver.write(out);
        sender.write(out);
        Wire.writeU64(out, nonce);
        Wire.writeCompactSize(out, userAgent.length());
        out.put(userAgent.getBytes(StandardCharsets.US_ASCII));
        Wire.writeU64(out, startHeight);
    }
}
