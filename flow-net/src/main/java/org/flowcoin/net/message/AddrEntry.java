package org.flowcoin.net.message;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.internal.Wire;

/**
 * One {@code addr} entry: last-seen time (u32 LE, Unix seconds) and a {@link NetAddress}. 30 bytes.
 *
 * <pre>{@code
 * AddrEntry e = new AddrEntry(Instant.now().getEpochSecond(), address);
 * }</pre>
 */
public record AddrEntry(long time, NetAddress address) {
    /** Size on the wire. */
    public static final int SIZE = 30;

    public AddrEntry {
        if (time < 0 || time > 0xffffffffL) throw new IllegalArgumentException("time must fit u32");
        Objects.requireNonNull(address, "address");
    }

    public static AddrEntry read(ByteBuffer in) throws NetDecodeException {
        long t = Wire.u32(in, "addr time") & 0xffffffffL;
        return new AddrEntry(t, NetAddress.read(in));
    }

    public void write(ByteBuffer out) {
        Wire.writeU32(out, (int) time);
        address.write(out);
    }
}
