package org.flowcoin.primitives.tx;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.flowcoin.primitives.internal.Reader;
import org.flowcoin.primitives.internal.Writer;

/**
 * The witness stack of one input: CompactSize item count (at most {@link #MAX_ITEMS}), then each item
 * as CompactSize length (at most {@link #MAX_ITEM_SIZE}) and bytes. Items are copied in and out.
 *
 * <pre>{@code
 * Witness w = Witness.of(signature, pubkey);
 * }</pre>
 */
public final class Witness {
    public static final int MAX_ITEMS = 1_000;
    /** Large enough for a witness script of {@link org.flowcoin.primitives.script.Script#MAX_SIZE}. */
    public static final int MAX_ITEM_SIZE = 10_000;
    public static final Witness EMPTY = new Witness(List.of());

    private final List<byte[]> items;

    private Witness(List<byte[]> items) {
        this.items = items;
    }

    public static Witness of(byte[]... items) {
        return of(List.of(items));
    }

    public static Witness of(List<byte[]> items) {
        if (items.size() > MAX_ITEMS) throw new IllegalArgumentException("too many witness items");
        List<byte[]> copy = new ArrayList<>(items.size());
        for (byte[] b : items) {
            if (b.length > MAX_ITEM_SIZE) throw new IllegalArgumentException("witness item too large");
            copy.add(b.clone());
        }
        return new Witness(List.copyOf(copy));
    }

    public int size() {
        return items.size();
    }

    public byte[] item(int i) {
        return items.get(i).clone();
    }

    /** Copies of all items. */
    public List<byte[]> items() {
        List<byte[]> out = new ArrayList<>(items.size());
        for (byte[] b : items) out.add(b.clone());
        return out;
    }

    int itemLength(int i) {
        return items.get(i).length;
    }

    public static Witness read(ByteBuffer buf) {
        int n = Reader.count(buf, "witness item count", MAX_ITEMS, 1);
        List<byte[]> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(Reader.varBytes(buf, "witness item", MAX_ITEM_SIZE));
        return new Witness(List.copyOf(list));
    }

    public void write(ByteBuffer buf) {
        Writer.compactSize(buf, items.size());
        for (byte[] b : items) Writer.varBytes(buf, b);
    }

    public int serializedSize() {
        int s = Writer.compactSizeSize(items.size());
        for (byte[] b : items) s += Writer.varBytesSize(b.length);
        return s;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Witness w) || w.items.size() != items.size()) return false;
        for (int i = 0; i < items.size(); i++) if (!java.util.Arrays.equals(items.get(i), w.items.get(i))) return false;
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (byte[] b : items) h = 31 * h + java.util.Arrays.hashCode(b);
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Witness[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(java.util.HexFormat.of().formatHex(items.get(i)));
        }
        return sb.append(']').toString();
    }
}
