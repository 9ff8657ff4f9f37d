package org.flowcoin.net.message;

import org.flowcoin.primitives.Hash256;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flowcoin.net.Command;
import org.flowcoin.net.Limits;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.internal.Wire;

/**
 * {@code getheaders}: protocol version (u32), CompactSize locator count (&le; 101), locator hashes
 * (newest first), stop hash (all zero: as many as allowed). The answer is a {@link HeadersMessage}
 * with up to 2000 headers following the first locator hash the peer knows.
 *
 * <pre>{@code
 * GetHeadersMessage m = new GetHeadersMessage(VersionMessage.PROTOCOL_VERSION, List.of(tip), Hash256.ZERO);
 * }</pre>
 */
public record GetHeadersMessage(int version, List<Hash256> locator, Hash256 stop) implements Message {
    public GetHeadersMessage {
        locator = List.copyOf(locator);
        if (locator.size() > Limits.MAX_LOCATOR) throw new IllegalArgumentException("more than " + Limits.MAX_LOCATOR + " locator hashes");
        Objects.requireNonNull(stop, "stop");
    }

    public static GetHeadersMessage read(ByteBuffer in) throws NetDecodeException {
        int v = Wire.u32(in, "version");
        int n = Wire.compactSize(in, Limits.MAX_LOCATOR, Hash256.SIZE, "locator count");
        List<Hash256> loc = new ArrayList<>(n);
        for (int i = 0; i < n; i++) loc.add(Wire.hash(in));
        return new GetHeadersMessage(v, loc, Wire.hash(in));
    }

    public Command command() {
        return Command.GETHEADERS;
    }

    public int serializedSize() {
        return 4 + Wire.compactSizeLength(locator.size()) + locator.size() * Hash256.SIZE + Hash256.SIZE;
    }

    public void write(ByteBuffer out) {
        Wire.writeU32(out, version);
        Wire.writeCompactSize(out, locator.size());
        for (Hash256 h : locator) h.write(out);
        stop.write(out);
    }
}
