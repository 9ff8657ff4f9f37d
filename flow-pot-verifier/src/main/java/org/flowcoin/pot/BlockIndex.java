package org.flowcoin.pot;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.BlockHeader;

/**
 * The in-memory tree of stored blocks and the fork-choice rule over it (docs/spec/validation.md §6):
 * most cumulative work ({@link ChainWork}), then first seen. Every valid entry sits in a set
 * ordered by that rule, so the best candidate is found in O(log n); marking an entry invalid
 * removes it and its whole subtree. Ancestor lookups use skip pointers (as Bitcoin Core's
 * {@code pskip}), O(log height) per lookup.
 *
 * <p>Not thread-safe; {@link ChainState} guards it.
 */
final class BlockIndex {
    /** One stored block. */
    static final class Entry {
        final Hash256 hash;
        final BlockHeader header;
        final Entry parent;
        final Entry skip;
        final BigInteger work;
        final long seq;
        final List<Entry> children = new ArrayList<>(1);
        /** The block or one of its ancestors broke a rule. */
        boolean invalid;

        private Entry(BlockHeader header, Entry parent, BigInteger blockWork, long seq) {
            this.hash = header.hash();
            this.header = header;
            this.parent = parent;
            this.work = parent == null ? blockWork : parent.work.add(blockWork);
            this.seq = seq;
            this.invalid = parent != null && parent.invalid;
            this.skip = parent == null ? null : parent.ancestor(skipHeight(header.height()));
        }

        long height() {
            return header.height();
        }

        /** The ancestor at {@code h} (this entry itself when h is its height), or null when h is out of range. */
        Entry ancestor(long h) {
            if (h > height() || h < 0) return null;
            Entry e = this;
            while (e.height() > h) {
                long sh = skipHeight(e.height());
                long shPrev = skipHeight(e.height() - 1);
                // Take the skip pointer unless it overshoots, or the parent's pointer lands closer.
                if (e.skip != null && (sh == h || (sh > h && !(shPrev < sh - 2 && shPrev >= h)))) {
                    e = e.skip;
                } else {
                    e = e.parent;
                }
            }
            return e;
        }
    }

    private static final Comparator<Entry> FORK_CHOICE = Comparator.<Entry, BigInteger>comparing(e -> e.work).reversed()
            .thenComparingLong(e -> e.seq);

    private final Map<Hash256, Entry> byHash = new HashMap<>();
    private final TreeSet<Entry> candidates = new TreeSet<>(FORK_CHOICE);
    private long nextSeq;
    private Entry genesis;

    /** Height the skip pointer of a block at {@code height} points to (Bitcoin Core's GetSkipHeight). */
    static long skipHeight(long height) {
        if (height < 2) return 0;
        return (height & 1) != 0 ? invertLowestOne(invertLowestOne(height - 1)) + 1 : invertLowestOne(height);
    }

    private static long invertLowestOne(long n) {
        return n & (n - 1);
    }

    /** Adds a block whose parent is known (or the genesis when the index is empty). */
    Entry add(BlockHeader header, BigInteger blockWork) {
        Entry parent = genesis == null ? null : byHash.get(header.prevHash());
        if (genesis != null && parent == null) throw new IllegalArgumentException("unknown parent " + header.prevHash());
        Entry e = new Entry(header, parent, blockWork, nextSeq++);
        if (byHash.putIfAbsent(e.hash, e) != null) throw new IllegalArgumentException("block " + e.hash + " is already indexed");
        if (parent == null) genesis = e; else parent.children.add(e);
        if (!e.invalid) candidates.add(e);
        return e;
    }

    /** Removes a leaf (eviction of a side-branch block). */
    void remove(Entry e) {
        if (!e.children.isEmpty()) throw new IllegalArgumentException("only a leaf can be removed");
        if (e.parent == null) throw new IllegalArgumentException("the genesis cannot be removed");
        byHash.remove(e.hash);
        candidates.remove(e);
        e.parent.children.remove(e);
    }

    /** Every entry (no particular order). */
    Iterable<Entry> entries() {
        return byHash.values();
    }

    Entry get(Hash256 h) {
        return byHash.get(h);
    }

    Entry genesis() {
        return genesis;
    }

    int size() {
        return byHash.size();
    }

    /** The valid entry with the most work (first seen among equals). */
    Entry best() {
        return candidates.first();
    }

    /** Marks {@code e} and every descendant invalid and removes them from fork choice. */
    void markInvalid(Entry e) {
        ArrayDeque<Entry> todo = new ArrayDeque<>();
        todo.push(e);
        while (!todo.isEmpty()) {
            Entry x = todo.pop();
            if (x.invalid && x != e) continue; // its subtree was marked already
            x.invalid = true;
            candidates.remove(x);
            for (Entry c : x.children) todo.push(c);
        }
    }

    /** The last common ancestor of two entries. */
    static Entry fork(Entry a, Entry b) {
        if (a.height() > b.height()) a = a.ancestor(b.height()); else b = b.ancestor(a.height());
        while (a != b) {
            a = a.parent;
            b = b.parent;
        }
        return a;
    }
}
