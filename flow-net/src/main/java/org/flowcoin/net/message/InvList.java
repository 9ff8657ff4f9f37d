package org.flowcoin.net.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.flowcoin.net.Limits;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.internal.Wire;

/** The shared body of {@code inv}, {@code getdata} and {@code notfound}. */
final class InvList {
    private InvList() {}

    static List<InvItem> check(List<InvItem> items) {
        List<InvItem> copy = List.copyOf(items);
        if (copy.size() > Limits.MAX_INV) throw new IllegalArgumentException("more than " + Limits.MAX_INV + " inventory items");
        return copy;
    }

    static List<InvItem> read(ByteBuffer in) throws NetDecodeException {
        int n = Wire.compactSize(in, Limits.MAX_INV, InvItem.SIZE, "inventory count");
        List<InvItem> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(InvItem.read(in));
        return list;
    }

    static int size(List<InvItem> items) {
        return Wire.compactSizeLength(items.size()) + items.size() * InvItem.SIZE;
    }

    static void write(ByteBuffer out, List<InvItem> items) {
        Wire.writeCompactSize(out, items.size());
        for (InvItem i : items) i.write(out);
    }
}
