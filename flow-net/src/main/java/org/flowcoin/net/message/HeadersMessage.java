package org.flowcoin.net.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.flowcoin.net.Command;
import org.flowcoin.net.Limits;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.internal.Wire;

/**
 * {@code headers}: CompactSize count (&le; 2000), then that many 308-byte headers (no per-header
 * transaction count, unlike Bitcoin).
 *
 * <pre>{@code
 * HeadersMessage m = new HeadersMessage(List.of(RawHeader.of(bytes)));
 * }</pre>
 */
public record HeadersMessage(List<RawHeader> headers) implements Message {
    public HeadersMessage {
        headers = List.copyOf(headers);
        if (headers.size() > Limits.MAX_HEADERS) throw new IllegalArgumentException("more than " + Limits.MAX_HEADERS + " headers");
    }

    public static HeadersMessage read(ByteBuffer in) throws NetDecodeException {
        int n = Wire.compactSize(in, Limits.MAX_HEADERS, RawHeader.SIZE, "header count");
        List<RawHeader> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(RawHeader.read(in));
        return new HeadersMessage(list);
    }

    public Command command() {
        return Command.HEADERS;
    }

    public int serializedSize() {
        return Wire.compactSizeLength(headers.size()) + headers.size() * RawHeader.SIZE;
    }

    public void write(ByteBuffer out) {
        Wire.writeCompactSize(out, headers.size());
        for (RawHeader h : headers) h.write(out);
    }
}
