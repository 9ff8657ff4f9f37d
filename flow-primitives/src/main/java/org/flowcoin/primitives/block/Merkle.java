package org.flowcoin.primitives.block;

import java.util.ArrayList;
import java.util.List;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.primitives.Hash256;

/**
 * Bitcoin's merkle tree over txids with Keccak-256d: each level pairs neighbours,
 * parent = Keccak-256d(left | right), an odd last node is paired with itself. {@link Result#mutated()}
 * reports two identical siblings anywhere (Bitcoin's CVE-2012-2459 detector); blocks additionally
 * reject duplicate txids outright.
 *
 * <pre>{@code
 * Hash256 root = Merkle.root(txids);
 * }</pre>
 */
public final class Merkle {
    private Merkle() {}

    public record Result(Hash256 root, boolean mutated) {}

    /** The root of the leaves; the zero hash for no leaves. */
    public static Hash256 root(List<Hash256> leaves) {
        return compute(leaves).root();
    }

    public static Result compute(List<Hash256> leaves) {
        if (leaves.isEmpty()) return new Result(Hash256.ZERO, false);
        List<byte[]> level = new ArrayList<>(leaves.size());
        for (Hash256 h : leaves) level.add(h.toByteArray());
        boolean mutated = false;
        byte[] pair = new byte[64];
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                byte[] l = level.get(i);
                byte[] r = i + 1 < level.size() ? level.get(i + 1) : l;
                if (i + 1 < level.size() && java.util.Arrays.equals(l, r)) mutated = true;
                System.arraycopy(l, 0, pair, 0, 32);
                System.arraycopy(r, 0, pair, 32, 32);
                next.add(Keccak.keccak256d(pair));
            }
            level = next;
        }
        return new Result(Hash256.of(level.get(0)), mutated);
    }
}
