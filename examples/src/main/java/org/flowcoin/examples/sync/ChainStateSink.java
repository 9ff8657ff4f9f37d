package org.flowcoin.examples.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flowcoin.net.message.RawHeader;
import org.flowcoin.net.peer.ChainSink;
import org.flowcoin.net.peer.ChunkStore;
import org.flowcoin.net.peer.MemoryChunkStore;
import org.flowcoin.pot.ChainState;
import org.flowcoin.primitives.Hash256;

/**
 * Feeds blocks from the network into a verifier's {@link ChainState}: headers are held until their
 * block arrives, and every block is fully validated (proof, both losses recomputed, transactions)
 * by {@link ChainState#submit(byte[])}; a block it does not connect is a rejection that drops the
 * peer.
 *
 * <pre>{@code
 * SyncClient.Result r = new SyncClient(config, new ChainStateSink(chainState)).sync(peerAddress);
 * }</pre>
 */
public final class ChainStateSink implements ChainSink {
    private final ChainState chain;
    private final List<RawHeader> pending = new ArrayList<>();
    private final ChunkStore chunks = new MemoryChunkStore();

    public ChainStateSink(ChainState chain) {
        this.chain = Objects.requireNonNull(chain, "chain");
    }

    @Override
    public synchronized List<Hash256> locator() {
        List<Hash256> main = chain.mainChain();
        List<Hash256> out = new ArrayList<>();
        long step = 1;
        for (long i = main.size() - 1; i > 0 && out.size() < 100; i -= step) {
            out.add(main.get((int) i));
            if (out.size() >= 10) step *= 2;
        }
        out.add(main.get(0));
        return out;
    }

    @Override
    public synchronized void acceptHeaders(List<RawHeader> headers) throws ChainRejection {
        for (RawHeader h : headers) {
            Hash256 prev = h.prevHash();
            boolean linked = pending.isEmpty() ? chain.contains(prev) : pending.get(pending.size() - 1).hash().equals(prev);
            if (!linked) throw new ChainRejection("header " + h.hash() + " does not extend the chain");
            if (!chain.contains(h.hash())) pending.add(h);
        }
    }

    @Override
    public synchronized List<Hash256> missingBlocks() {
        List<Hash256> out = new ArrayList<>();
        for (RawHeader h : pending) if (!chain.contains(h.hash())) out.add(h.hash());
        return out;
    }

    @Override
    public synchronized void acceptBlock(Hash256 blockHash, byte[] block) throws ChainRejection {
        ChainState.Result r;
        try {
            r = chain.submit(block);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (r.status() != ChainState.Status.CONNECTED && r.status() != ChainState.Status.DUPLICATE) {
            throw new ChainRejection("block " + blockHash + ": " + r.status() + " " + r.verdict());
        }
        pending.removeIf(h -> h.hash().equals(blockHash));
    }

    @Override
    public List<RawHeader> missingDeltas() {
        return List.of();
    }

    @Override
    public void acceptDelta(RawHeader header, byte[] delta) throws ChainRejection {
        throw new ChainRejection("deltas travel inside blocks; none was requested");
    }

    @Override
    public ChunkStore chunkStore() {
        return chunks;
    }
}
