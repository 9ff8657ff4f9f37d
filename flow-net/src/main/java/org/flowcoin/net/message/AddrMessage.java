package org.flowcoin.net.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.flowcoin.net.Command;
import org.flowcoin.net.Limits;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.internal.Wire;

/**
 * {@code addr}: CompactSize count (&le; 1000), then that many 30-byte {@link AddrEntry} values.
 *
 * <pre>{@code
 * AddrMessage m = new AddrMessage(List.of(new AddrEntry(now, address)));
 * }</pre>
 */
public record AddrMessage(List<AddrEntry> entries) implements Message {
    public AddrMessage {
        entries = List.copyOf(entries);
        if (entries.size() > Limits.MAX_ADDR) throw new IllegalArgumentException("more than " + Limits.MAX_ADDR + " addresses");
    }

    public static AddrMessage read(ByteBuffer in) throws NetDecodeException {
        int n = Wire.compactSize(in, Limits.MAX_ADDR, AddrEntry.SIZE, "addr count");
        List<AddrEntry> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(AddrEntry.read(in));
        return new AddrMessage(list);
    }

    public Command command() {
        return Command.ADDR;
    }

    public int serializedSize() {
        return Wire.compactSizeLength(entries.size()) + entries.size() * AddrEntry.SIZE;
    }

    public void write(ByteBuffer out) {
        Wire.writeCompactSize(out, entries.size());
        for (AddrEntry e : entries) e.write(out);
    }
}
