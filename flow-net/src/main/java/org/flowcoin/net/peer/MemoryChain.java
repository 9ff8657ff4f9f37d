package org.flowcoin.net.peer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.net.message.ChunkedObject;
import org.flowcoin.net.message.InvType;
import org.flowcoin.net.message.RawHeader;
import org.flowcoin.primitives.Hash256;

/**
 * An in-memory chain that can both serve ({@link ChainSource}) and sync ({@link ChainSink}). It checks
 * what the wire layer can check on its own: header linkage and heights, that a block starts with its
 * header, and that a delta hashes to the header's delta hash. Consensus validation (proof, losses,
 * transactions) belongs to the verifier, which a node plugs in as its own {@link ChainSink}.
 *
 * <pre>{@code
 * MemoryChain chain = new MemoryChain(genesisHeader, genesisBlock);
 * chain.append(header1, block1, delta1);
 * }</pre>
 */
public final class MemoryChain implements ChainSource, ChainSink {
    private final List<RawHeader> headers = new ArrayList<>();
    private final Map<Hash256, Integer> byHash = new HashMap<>();
    private final Map<Hash256, byte[]> blocks = new HashMap<>();
    private final Map<Hash256, ChunkedObject> deltas = new HashMap<>();
    private final Map<Hash256, RawHeader> headerByDelta = new HashMap<>();
    private final Map<Hash256, Checkpoint> checkpoints = new HashMap<>();
    private final ChunkStore chunkStore;

    /** A chain holding only its genesis block (height 0), with its own in-memory chunk store. */
    public MemoryChain(RawHeader genesis, byte[] genesisBlock) {
        this(genesis, genesisBlock, new MemoryChunkStore());
    }

    public MemoryChain(RawHeader genesis, byte[] genesisBlock, ChunkStore chunkStore) {
        if (genesis.height() != 0) throw new IllegalArgumentException("genesis height must be 0");
        this.chunkStore = chunkStore;
        addHeader(genesis);
        putBlock(genesis.hash(), genesisBlock);
    }

    /** Appends a block (and its delta, if its header names one) on top of the tip. */
    public synchronized void append(RawHeader header, byte[] block, byte[] delta) throws ChainRejection {
        acceptHeaders(List.of(header));
        acceptBlock(header.hash(), block);
        if (delta != null) acceptDelta(header, delta);
    }

    /** Registers a checkpoint to serve. */
    public synchronized void addCheckpoint(Checkpoint c) {
        checkpoints.put(c.file().info().hash(), c);
    }

    private void addHeader(RawHeader h) {
        byHash.put(h.hash(), headers.size());
        headers.add(h);
    }

    private void putBlock(Hash256 hash, byte[] block) {
        blocks.put(hash, block.clone());
    }

    static boolean needsDelta(RawHeader h) {
        return !h.deltaHash().isZero();
    }

    public synchronized Hash256 tipHash() {
        return headers.getLast().hash();
    }

    public synchronized List<RawHeader> headers() {
        return List.copyOf(headers);
    }

    /** True when every header has its block and, where it names one, its delta. */
    public synchronized boolean isComplete() {
        return missingBlocks().isEmpty() && missingDeltas().isEmpty();
    }

    // ---- ChainSource

    @Override
    public synchronized long height() {
        return headers.getLast().height();
    }

    @Override
    public synchronized List<RawHeader> headersAfter(List<Hash256> locator, Hash256 stop, int max) {
        int start = 0;
        for (Hash256 h : locator) {
            Integer i = byHash.get(h);
            if (i != null) {
                start = i + 1;
                break;
            }
        }
        List<RawHeader> out = new ArrayList<>();
        for (int i = start; i < headers.size() && out.size() < max; i++) {
            out.add(headers.get(i));
            if (!stop.isZero() && headers.get(i).hash().equals(stop)) break;
        }
        return out;
    }

    @Override
    public synchronized Optional<byte[]> block(Hash256 blockHash) {
        return Optional.ofNullable(blocks.get(blockHash)).map(byte[]::clone);
    }

    @Override
    public synchronized Optional<RawHeader> headerOfDelta(Hash256 deltaHash) {
        return Optional.ofNullable(headerByDelta.get(deltaHash));
    }

    @Override
    public synchronized Optional<ChunkedObject> delta(Hash256 deltaHash) {
        return Optional.ofNullable(deltas.get(deltaHash));
    }

    @Override
    public synchronized Optional<Checkpoint> checkpoint(Hash256 fileHash) {
        return Optional.ofNullable(checkpoints.get(fileHash));
    }

    // ---- ChainSink

    @Override
    public synchronized List<Hash256> locator() {
        List<Hash256> loc = new ArrayList<>();
        long step = 1;
        for (int i = headers.size() - 1; i > 0 && loc.size() < 100; i -= (int) Math.min(step, i)) {
            loc.add(headers.get(i).hash());
            if (loc.size() >= 10) step *= 2;
        }
        loc.add(headers.getFirst().hash());
        return loc;
    }

    @Override
    public synchronized void acceptHeaders(List<RawHeader> incoming) throws ChainRejection {
        for (RawHeader h : incoming) {
            Integer known = byHash.get(h.hash());
            if (known != null) continue;
            RawHeader tip = headers.getLast();
            if (!h.prevHash().equals(tip.hash())) throw new ChainRejection("header does not extend the tip");
            if (h.height() != tip.height() + 1) throw new ChainRejection("header height is not tip + 1");
            addHeader(h);
        }
    }

    @Override
    public synchronized List<Hash256> missingBlocks() {
        List<Hash256> out = new ArrayList<>();
        for (RawHeader h : headers) if (!blocks.containsKey(h.hash())) out.add(h.hash());
        return out;
    }

    @Override
    public synchronized void acceptBlock(Hash256 blockHash, byte[] block) throws ChainRejection {
        Integer i = byHash.get(blockHash);
        if (i == null) throw new ChainRejection("block without an accepted header");
        RawHeader h = headers.get(i);
        if (block.length < RawHeader.SIZE || !Arrays.equals(block, 0, RawHeader.SIZE, h.toByteArray(), 0, RawHeader.SIZE)) {
            throw new ChainRejection("block does not start with its header");
        }
        putBlock(blockHash, block);
    }

    @Override
    public synchronized List<RawHeader> missingDeltas() {
        List<RawHeader> out = new ArrayList<>();
        for (RawHeader h : headers) if (needsDelta(h) && !deltas.containsKey(h.deltaHash())) out.add(h);
        return out;
    }

    @Override
    public synchronized void acceptDelta(RawHeader header, byte[] delta) throws ChainRejection {
        if (!byHash.containsKey(header.hash())) throw new ChainRejection("delta without an accepted header");
        if (!Hash256.of(Keccak.keccak256(delta)).equals(header.deltaHash())) throw new ChainRejection("delta does not match its header");
        deltas.put(header.deltaHash(), ChunkedObject.of(InvType.DELTA, delta));
        headerByDelta.put(header.deltaHash(), header);
    }

    @Override
    public ChunkStore chunkStore() {
        return chunkStore;
    }
}
