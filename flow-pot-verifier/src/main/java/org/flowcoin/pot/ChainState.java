package org.flowcoin.pot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.delta.Delta;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.DecodeException;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.block.Genesis;
import org.flowcoin.primitives.consensus.ChainWork;
import org.flowcoin.primitives.consensus.HeaderValidator;
import org.flowcoin.primitives.consensus.Rule;
import org.flowcoin.primitives.consensus.Verdict;

/**
 * A full node's chain state in a data directory: every stored block, the block index with
 * cumulative work, and for the best valid chain the UTXO set, the Bloom filter of training-data
 * chunks and the model weights (a memory-mapped file). Validation itself is {@link BlockValidator}'s
 * (pure); this class does storage, fork choice and the durable application of what the validator
 * returns.
 *
 * <p>Fork choice: most cumulative work ({@link ChainWork}), then first seen. Reorganisations use
 * exact undo data, so the model, the UTXO set and the Bloom filter return bit for bit to their
 * earlier state. Durability: a block is reported {@link Status#CONNECTED} only after its state is
 * committed with fsync and an atomic rename; a crash at any point (kill -9) restarts at the last
 * committed tip (docs/spec/validation.md §6).
 *
 * <p>Thread safety: every method is synchronized, so a reader never sees a half-applied block, and
 * the model that readers see ({@link #weightsCopy}) only ever holds validated deltas (a block's
 * delta is evaluated on a copy). A data directory is opened by one writer at a time (a file lock);
 * {@link #openReadOnly} gives a view for inspection that never writes.
 *
 * <pre>{@code
 * try (ChainState cs = ChainState.open(dir, PotParams.forChain(ChainParams.regtest()), Evaluators.best(4), InstantSource.system())) {
 *     ChainState.Result r = cs.submit(block);
 *     if (r.status() == ChainState.Status.CONNECTED) System.out.println(cs.tipHeight());
 * }
 * }</pre>
 */
public final class ChainState implements AutoCloseable {
    /** What became of a submitted block. */
    public enum Status {
        /** Fully validated and on the best chain (durable). Every rule ran. */
        CONNECTED,
        /**
         * Header and body rules hold (header context, signature, proof of work, commitments, context-free
         * body rules) and the block is stored, but its branch has less work than the best chain, so the
         * contextual rules (spends, training data, losses) have not run; they run if the branch ever
         * becomes the best. Not a statement of validity.
         */
        SIDE_BRANCH,
        /**
         * The header, or the body it commits to, breaks a rule (the verdict names it), or an ancestor is
         * invalid. A stored block found invalid is recorded so, durably, with all its descendants.
         */
        INVALID,
        /**
         * The body does not match the header's commitments (merkle or witness root, delta or training-data
         * hash, or it does not decode): a damaged or malleated copy. Not stored, and the block hash is not
         * judged: the genuine body may still arrive.
         */
        MUTATED,
        /** Parent unknown; not stored. */
        ORPHAN,
        /** The identical block is already stored; nothing was checked again (the verdict says if it was found invalid). */
        DUPLICATE,
        /**
         * A side-branch block refused by the storage policy (the side-branch budget is full and the
         * block has no more work than any evictable side block). Not judged; it may be sent again once
         * its branch has more work.
         */
        REFUSED
    }

    /** The outcome of {@link #submit}. */
    public record Result(Status status, Verdict verdict) {}

    /** Points of a block connection at which a crash test may stop the process. */
    public enum CrashPoint {
        /** The model file has the new weights; the state file still names the parent. */
        MODEL_WRITTEN,
        /** The state file names the new tip; the journal is not yet removed. */
        STATE_COMMITTED
    }

    /** Called at each {@link CrashPoint}; tests use it to kill the process there. */
    @FunctionalInterface
    public interface CrashHook {
        void reached(CrashPoint point);

        static CrashHook none() {
            return p -> {};
        }
    }

    /**
     * How a chain state runs.
     *
     * @param clock the local clock for HDR-7 (timestamps at most 2 hours ahead)
     * @param crashHook called at each crash point of a block connection
     * @param sideBranchBudget the most stored blocks off the best chain (docs/spec/validation.md §6)
     */
    public record Options(InstantSource clock, CrashHook crashHook, int sideBranchBudget) {
        public static final int DEFAULT_SIDE_BRANCH_BUDGET = 256;

        public Options {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(crashHook, "crashHook");
            if (sideBranchBudget < 1) throw new IllegalArgumentException("sideBranchBudget must be positive");
        }

        public static Options of(InstantSource clock) {
            return new Options(clock, CrashHook.none(), DEFAULT_SIDE_BRANCH_BUDGET);
        }

        public Options withCrashHook(CrashHook hook) {
            return new Options(clock, hook, sideBranchBudget);
        }

        public Options withSideBranchBudget(int budget) {
            return new Options(clock, crashHook, budget);
        }
    }

    private final DataDirectory dataDir;
    private final Path dir;
    private final PotParams params;
    private final ChainParams chain;
    private final LossEvaluator evaluator;
    private final Options options;
    private final boolean readOnly;
    private final BlockStore blocks;
    private final ModelStore models;
    private final BlockIndex index = new BlockIndex();
    /** Stored blocks off the best chain (invalid ones included): what the side-branch budget counts. */
    private final Set<BlockIndex.Entry> offMain = new HashSet<>();
    private final Map<Hash256, Verdict> invalidReasons = new HashMap<>();
    private final Map<Hash256, byte[]> dataCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash256, byte[]> e) {
            return size() > 2 * params.vhWindow() + 16;
        }
    };
    /** LOSS-1 is the same for every child of one parent: recomputed once per parent. */
    private final Map<Hash256, Integer> parentLossCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash256, Integer> e) {
            return size() > 64;
        }
    };
    private BlockIndex.Entry tip;
    private UtxoSet utxos;
    private BloomFilter bloom;
    private String modelFile;
    private ModelWeights weights; // the memory-mapped model file (durable state)
    private ModelWeights work; // a native copy of it for evaluation and readers
    private ModelRoot tree;
    private boolean broken;

    private ChainState(DataDirectory dataDir, PotParams params, LossEvaluator evaluator, Options options) {
        this.dataDir = dataDir;
        this.dir = dataDir.path();
        this.params = params;
        this.chain = params.chain();
        this.evaluator = evaluator;
        this.options = options;
        this.readOnly = dataDir.isReadOnly();
        this.blocks = new BlockStore(dir);
        this.models = new ModelStore(dir, readOnly);
    }

    /** Opens (or creates) the chain state in {@code dir} for writing; see {@link #open(Path, PotParams, LossEvaluator, Options)}. */
    public static ChainState open(Path dir, PotParams params, LossEvaluator evaluator, InstantSource clock) throws IOException {
        return open(dir, params, evaluator, Options.of(clock));
    }

    /**
     * Opens (or creates) the chain state in {@code dir} for writing, recovering from an interrupted
     * block connection if needed.
     *
     * @param evaluator must be canonical ({@link LossEvaluator#canonical()})
     * @throws DataDirectoryException if the directory belongs to another network, is locked by
     *     another process, or has an unsupported layout
     * @throws IOException if the directory cannot be read or is damaged
     */
    public static ChainState open(Path dir, PotParams params, LossEvaluator evaluator, Options options) throws IOException {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(options, "options");
        if (!evaluator.canonical()) throw new IllegalArgumentException("consensus needs a canonical evaluator, got " + evaluator.name());
        DataDirectory dd = DataDirectory.open(dir, params.chain(), DataDirectory.Mode.WRITE);
        return start(dd, params, evaluator, options);
    }

    /**
     * Opens an existing chain state without writing anything (a shared lock, a pending recovery
     * applied in memory only); {@link #submit} is refused, {@link #validateChild} allowed. A writer
     * cannot open the directory while this view is open.
     *
     * @param clock the local clock for HDR-7 in {@link #validateChild}
     */
    public static ChainState openReadOnly(Path dir, PotParams params, LossEvaluator evaluator, InstantSource clock) throws IOException {
        Objects.requireNonNull(params, "params");
        if (!evaluator.canonical()) throw new IllegalArgumentException("consensus needs a canonical evaluator, got " + evaluator.name());
        DataDirectory dd = DataDirectory.open(dir, params.chain(), DataDirectory.Mode.READ_ONLY);
        return start(dd, params, evaluator, Options.of(clock));
    }

    /** {@link #openReadOnly(Path, PotParams, LossEvaluator, InstantSource)} for pure inspection: reading the clock (HDR-7) throws. */
    public static ChainState openReadOnly(Path dir, PotParams params, LossEvaluator evaluator) throws IOException {
        return openReadOnly(dir, params, evaluator, NO_CLOCK);
    }

    private static final InstantSource NO_CLOCK = () -> {
        throw new IllegalStateException("this chain state was opened without a clock");
    };

    private static ChainState start(DataDirectory dd, PotParams params, LossEvaluator evaluator, Options options) throws IOException {
        ChainState cs = new ChainState(dd, params, evaluator, options);
        try {
            if (StateFile.exists(dd.path())) {
                cs.load();
            } else if (cs.readOnly) {
                throw new IOException("data directory " + dd.path() + " holds no chain state");
            } else {
                cs.init();
            }
            return cs;
        } catch (IOException | RuntimeException e) {
            cs.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------- opening

    private void init() throws IOException {
        blocks.createDirectories();
        models.createDirectories();
        Block g = Genesis.block(chain);
        blocks.writeBlock(g.hash(), g.toByteArray());
        blocks.resetLog();
        blocks.record(g.hash(), BlockStore.STORED);
        tip = index.add(g.header(), ChainWork.blockWork(chain, g.header()));
        models.write("genesis.bin", ModelTransition.genesisModel(chain));
        utxos = new UtxoSet(); // the genesis coinbase is not spendable
        bloom = BloomFilter.empty(params);
        modelFile = "genesis.bin";
        commitState();
        mapModel();
    }

    private void load() throws IOException {
        Hash256 genesisHash = Genesis.block(chain).hash();
        List<BlockStore.LogRecord> log = blocks.readLog();
        if (log.isEmpty() || !log.get(0).hash().equals(genesisHash)) {
            throw new IOException("data directory " + dir + ": the stored genesis is not the genesis of " + chain.name());
        }
        for (BlockStore.LogRecord r : log) {
            Hash256 h = r.hash();
            switch (r.status()) {
                case BlockStore.INVALID -> {
                    BlockIndex.Entry e = index.get(h);
                    if (e != null) index.markInvalid(e);
                }
                case BlockStore.EVICTED -> {
                    BlockIndex.Entry e = index.get(h);
                    if (e != null) index.remove(e);
                }
                default -> {
                    if (index.get(h) != null || !blocks.hasBlock(h)) continue;
                    BlockHeader hdr = blocks.readHeader(h);
                    if (index.size() == 0 || index.get(hdr.prevHash()) != null) index.add(hdr, ChainWork.blockWork(chain, hdr));
                }
            }
        }
        if (index.genesis() == null || !index.genesis().hash.equals(genesisHash)) {
            throw new IOException("data directory " + dir + ": the genesis block file is missing");
        }
        StateFile.Snapshot s = StateFile.read(dir, params);
        tip = index.get(s.tip());
        if (tip == null) throw new IOException("chain state tip " + s.tip() + " is not in the block index");
        modelFile = s.modelFile();
        bloom = s.bloom();
        utxos = s.utxos();
        mapModel();
        recover();
        for (BlockIndex.Entry e : index.entries()) if (!onMainChain(e)) offMain.add(e);
        // A crash between storing a block and committing its connection leaves a stored block with
        // more work than the tip: connect it now, as a running node would have (Core's startup step).
        if (!readOnly) activateBestChain();
    }

    /** Finishes or rolls back an in-place model change interrupted by a crash (journal). */
    private void recover() throws IOException {
        Optional<ModelStore.Journal> j = models.readJournal();
        if (j.isPresent()) {
            Hash256 b = j.get().block();
            BlockIndex.Entry e = index.get(b);
            if (e != null) {
                BlockUndo u = blocks.readUndo(b);
                if (!u.grew()) {
                    Delta d = Delta.decode(readBlock(b).deltaPayload(), work.layout().parameterCount());
                    // The committed tip decides: B is the tip -> its post-state, else its pre-state. Both idempotent.
                    ModelWeights target = readOnly ? work : weights;
                    if (tip.hash.equals(b)) d.redo(target, u.deltaPrevious()); else d.revert(target, u.deltaPrevious());
                    if (!readOnly) {
                        ModelStore.force(weights);
                        work = weights.copy();
                    }
                    tree = ModelRoot.of(work);
                }
            }
        }
        if (!readOnly && models.hasJournal()) models.clearJournal();
    }

    private void mapModel() throws IOException {
        ModelConfig cfg = new ModelConfig(tip.height() == 0 ? chain.growthSchedule().genesis() : tip.header.dims());
        weights = models.map(modelFile, cfg);
        work = weights.copy();
        tree = ModelRoot.of(work);
    }

    private void commitState() throws IOException {
        StateFile.write(dir, new StateFile.Snapshot(tip.hash, modelFile, bloom, utxos));
    }

    // ---------------------------------------------------------------- queries

    public PotParams params() {
        return params;
    }

    /** Whether this state was opened with {@link #openReadOnly}. */
    public boolean isReadOnly() {
        return readOnly;
    }

    public synchronized Hash256 tipHash() {
        return tip.hash;
    }

    public synchronized long tipHeight() {
        return tip.height();
    }

    public synchronized BlockHeader tipHeader() {
        return tip.header;
    }

    /** Cumulative work of the tip. */
    public synchronized BigInteger tipWork() {
        return tip.work;
    }

    /** The root of the current model (what the tip's coinbase commits to; genesis: computed). */
    public synchronized Hash256 modelRoot() {
        return tree.root();
    }

    /** An independent copy of the current model weights. */
    public synchronized ModelWeights weightsCopy() {
        return work.copy();
    }

    /** A copy of the UTXO set of the tip. */
    public synchronized UtxoSet utxos() {
        return utxos.copy();
    }

    /** A copy of the Bloom filter of the tip. */
    public synchronized BloomFilter bloomCopy() {
        return bloom.copy();
    }

    /** Hashes of the best chain, genesis first. */
    public synchronized List<Hash256> mainChain() {
        List<Hash256> out = new ArrayList<>();
        for (BlockIndex.Entry e = tip; e != null; e = e.parent) out.add(e.hash);
        Collections.reverse(out);
        return out;
    }

    /** The hash of the best-chain block at {@code height}, if the chain is that long. */
    public synchronized Optional<Hash256> mainChainHash(long height) {
        BlockIndex.Entry e = tip.ancestor(height);
        return e == null ? Optional.empty() : Optional.of(e.hash);
    }

    /** Whether a block is stored (valid, side-branch or found invalid). */
    public synchronized boolean contains(Hash256 h) {
        return index.get(h) != null;
    }

    /** Whether a stored block was found invalid (itself or an ancestor). */
    public synchronized boolean isInvalid(Hash256 h) {
        BlockIndex.Entry e = index.get(h);
        return e != null && e.invalid;
    }

    /** The header of a stored block. */
    public synchronized Optional<BlockHeader> header(Hash256 h) {
        BlockIndex.Entry e = index.get(h);
        return e == null ? Optional.empty() : Optional.of(e.header);
    }

    /** The header context (median time past, expected nbits) of a child of {@code parent}. */
    public synchronized HeaderValidator.Context headerContext(Hash256 parent) {
        BlockIndex.Entry p = index.get(parent);
        if (p == null) throw new IllegalArgumentException("unknown block " + parent);
        return contextOf(p);
    }

    private HeaderValidator.Context contextOf(BlockIndex.Entry p) {
        return HeaderValidator.context(chain, p.header, height -> {
            BlockIndex.Entry a = p.ancestor(height);
            if (a == null) throw new IllegalArgumentException("no ancestor at height " + height);
            return a.header;
        });
    }

    /** The stored block with hash {@code h}. */
    public synchronized Block readBlock(Hash256 h) {
        try {
            return Block.fromBytes(blocks.readBlockBytes(h), chain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] trainingData(Hash256 h) {
        return dataCache.computeIfAbsent(h, k -> readBlock(k).trainingData());
    }

    /** Training data of the up to vhWindow ancestors of a child of {@code parent}, oldest first. */
    public synchronized List<byte[]> windowPayloads(Hash256 parent) {
        BlockIndex.Entry p = index.get(parent);
        if (p == null) throw new IllegalArgumentException("unknown block " + parent);
        return windowOf(p);
    }

    private List<byte[]> windowOf(BlockIndex.Entry p) {
        List<byte[]> out = new ArrayList<>();
        long from = Math.max(1, p.height() + 1 - params.vhWindow());
        for (BlockIndex.Entry e = p; e != null && e.height() >= from; e = e.parent) out.add(trainingData(e.hash));
        Collections.reverse(out);
        return out;
    }

    /** V_h of a child of {@code parent} (what a miner trains against and the header commits to). */
    public synchronized ValidationSet validationSet(Hash256 parent) {
        BlockIndex.Entry p = index.get(parent);
        if (p == null) throw new IllegalArgumentException("unknown block " + parent);
        return ValidationSet.derive(params, parent, windowOf(p));
    }

    // ---------------------------------------------------------------- submission and fork choice

    /**
     * Checks the header and body, stores the block, and moves to the best valid chain. See
     * {@link Status} for what each outcome promises.
     *
     * @throws IllegalStateException on a read-only state, or after an I/O failure left it to be reopened
     */
    public synchronized Result submit(Block block) throws IOException {
        requireWritable();
        Hash256 h = block.hash();
        BlockIndex.Entry known = index.get(h);
        if (known != null) return resubmitted(known, block);
        BlockIndex.Entry parent = index.get(block.header().prevHash());
        if (parent == null) return new Result(Status.ORPHAN, Verdict.reject(Rule.HDR_PREV, "unknown parent " + block.header().prevHash()));
        if (parent.invalid) return new Result(Status.INVALID, Verdict.reject(Rule.HDR_PREV, "parent is invalid"));
        Verdict hv = HeaderValidator.check(chain, block.header(), contextOf(parent), options.clock().instant().getEpochSecond(), true);
        if (!hv.accepted()) return new Result(Status.INVALID, hv);
        Verdict bv = BlockValidator.checkBody(block, chain);
        if (bv.mutated()) return new Result(Status.MUTATED, bv);
        if (!bv.accepted()) return new Result(Status.INVALID, bv);
        BigInteger work = parent.work.add(ChainWork.blockWork(chain, block.header()));
        if (work.compareTo(tip.work) <= 0 && !makeRoomForSideBlock(parent, work)) {
            return new Result(Status.REFUSED, Verdict.reject(Rule.HDR_PREV, "side-branch budget of " + options.sideBranchBudget() + " blocks is full"));
        }
        blocks.writeBlock(h, block.toByteArray());
        blocks.record(h, BlockStore.STORED);
        BlockIndex.Entry e = index.add(block.header(), ChainWork.blockWork(chain, block.header()));
        offMain.add(e);
        activateBestChain();
        if (e.invalid) {
            Verdict why = invalidReasons.get(h);
            return new Result(Status.INVALID, why != null ? why : Verdict.reject(Rule.HDR_PREV, "an ancestor is invalid"));
        }
        if (onMainChain(e)) return new Result(Status.CONNECTED, Verdict.accept());
        return new Result(Status.SIDE_BRANCH, Verdict.accept());
    }

    /**
     * Fully validates {@code block} as a child of the current tip (every header, body and contextual
     * rule, both losses recomputed) without storing or applying anything. Accepted means every rule
     * ran and held; {@link Verdict#mutated()} means the body does not match its header.
     *
     * @throws IllegalArgumentException if the block's parent is not the tip
     */
    public synchronized Verdict validateChild(Block block) {
        if (broken) throw new IllegalStateException("chain state " + dir + " must be reopened");
        if (!block.header().prevHash().equals(tip.hash)) throw new IllegalArgumentException("block " + block.hash() + " is not a child of the tip " + tip.hash);
        Verdict hv = HeaderValidator.check(chain, block.header(), contextOf(tip), options.clock().instant().getEpochSecond(), true);
        if (!hv.accepted()) return hv;
        Verdict bv = BlockValidator.checkBody(block, chain);
        if (!bv.accepted()) return bv;
        BlockValidator.Connection c = BlockValidator.connect(block, parentContext(tip));
        if (c.parentLossBits() != null) parentLossCache.put(tip.hash, c.parentLossBits());
        return c.verdict();
    }

    /**
     * Makes the stored block {@code h} the tip, validating the blocks of its branch that are not
     * connected, regardless of fork choice (for tools that inspect a side branch on a scratch copy:
     * the next {@link #submit} returns to the best chain).
     *
     * @return accepted, or the verdict of the first block of the branch that failed (it is then
     *     recorded invalid and the state returns to the best valid chain)
     * @throws IllegalArgumentException if {@code h} is not stored
     */
    public synchronized Verdict moveTipTo(Hash256 h) throws IOException {
        requireWritable();
        BlockIndex.Entry target = index.get(h);
        if (target == null) throw new IllegalArgumentException("unknown block " + h);
        if (target.invalid) {
            Verdict why = invalidReasons.get(h);
            return why != null ? why : Verdict.reject(Rule.HDR_PREV, "block " + h + " or an ancestor is invalid");
        }
        BlockIndex.Entry fork = BlockIndex.fork(tip, target);
        while (tip != fork) disconnectTip();
        List<BlockIndex.Entry> path = new ArrayList<>();
        for (BlockIndex.Entry e = target; e != fork; e = e.parent) path.add(e);
        Collections.reverse(path);
        for (BlockIndex.Entry e : path) {
            Verdict v = connect(e);
            if (!v.accepted()) {
                recordInvalid(e, v);
                activateBestChain();
                return v;
            }
        }
        return Verdict.accept();
    }

    /**
     * Submits raw block bytes: a block that does not decode is rejected as HDR-1/HDR-3 (header) or
     * {@link Status#MUTATED} with BLK-1 (body).
     */
    public Result submit(byte[] blockBytes) throws IOException {
        if (blockBytes.length < BlockHeader.SIZE) return new Result(Status.INVALID, Verdict.reject(Rule.HDR_STRUCTURE, "shorter than a header"));
        Verdict raw = HeaderValidator.checkRaw(Arrays.copyOf(blockBytes, BlockHeader.SIZE));
        if (!raw.accepted()) return new Result(Status.INVALID, raw);
        Block b;
        try {
            b = Block.fromBytes(blockBytes, chain);
        } catch (DecodeException | IllegalArgumentException e) {
            return new Result(Status.MUTATED, Verdict.reject(Rule.BLK_DECODE, String.valueOf(e.getMessage())));
        }
        return submit(b);
    }

    /** A block whose hash is stored: the same bytes are a duplicate, other bytes a mutated copy. */
    private Result resubmitted(BlockIndex.Entry known, Block block) throws IOException {
        if (!Arrays.equals(blocks.readBlockBytes(known.hash), block.toByteArray())) {
            Verdict bv = BlockValidator.checkBody(block, chain);
            return new Result(Status.MUTATED, bv.mutated() ? bv : Verdict.reject(Rule.BLK_DECODE, "differs from the stored body of this block"));
        }
        if (known.invalid) {
            Verdict why = invalidReasons.get(known.hash);
            return new Result(Status.DUPLICATE, why != null ? why : Verdict.reject(Rule.HDR_PREV, "block was found invalid before"));
        }
        return new Result(Status.DUPLICATE, Verdict.accept());
    }

    private void requireWritable() {
        if (readOnly) throw new IllegalStateException("chain state " + dir + " is open read-only");
        if (broken) throw new IllegalStateException("an I/O failure interrupted a change of chain state " + dir + "; reopen it to recover");
    }

    /**
     * The side-branch storage policy: below the budget, store; at the budget, evict an invalid leaf,
     * else the side leaf with the least work if the new block has more. Blocks with more work than
     * the tip never get here (they are validated at once).
     */
    private boolean makeRoomForSideBlock(BlockIndex.Entry parent, BigInteger newWork) throws IOException {
        if (offMain.size() < options.sideBranchBudget()) return true;
        BlockIndex.Entry victim = null;
        for (BlockIndex.Entry e : offMain) {
            if (!e.children.isEmpty() || e == parent) continue; // the only leaf that can be an ancestor of the new block
            if (e.invalid) {
                if (victim == null || !victim.invalid || e.work.compareTo(victim.work) < 0) victim = e;
            } else if ((victim == null || (!victim.invalid && e.work.compareTo(victim.work) < 0)) && e.work.compareTo(newWork) < 0) {
                victim = e;
            }
        }
        if (victim == null) return false;
        blocks.record(victim.hash, BlockStore.EVICTED);
        blocks.delete(victim.hash);
        index.remove(victim);
        offMain.remove(victim);
        invalidReasons.remove(victim.hash);
        return true;
    }

    private boolean onMainChain(BlockIndex.Entry e) {
        return tip.ancestor(e.height()) == e;
    }

    private void activateBestChain() throws IOException {
        while (true) {
            BlockIndex.Entry best = index.best();
            if (best == tip) return;
            BlockIndex.Entry fork = BlockIndex.fork(tip, best);
            while (tip != fork) disconnectTip();
            List<BlockIndex.Entry> path = new ArrayList<>();
            for (BlockIndex.Entry e = best; e != fork; e = e.parent) path.add(e);
            Collections.reverse(path);
            for (BlockIndex.Entry e : path) {
                Verdict v = connect(e);
                if (!v.accepted()) {
                    recordInvalid(e, v);
                    break;
                }
            }
        }
    }

    private void recordInvalid(BlockIndex.Entry e, Verdict v) throws IOException {
        blocks.record(e.hash, BlockStore.INVALID);
        index.markInvalid(e);
        invalidReasons.put(e.hash, v);
    }

    private BlockValidator.ParentContext parentContext(BlockIndex.Entry parent) {
        return new BlockValidator.ParentContext(params, contextOf(parent).medianTimePast(), utxos, bloom, work, tree,
                ValidationSet.derive(params, parent.hash, windowOf(parent)), parentLossCache.get(parent.hash), evaluator);
    }

    // ---------------------------------------------------------------- connect / disconnect

    /** Validates the block of {@code e} (a child of the tip) and, when valid, applies it durably. */
    private Verdict connect(BlockIndex.Entry e) throws IOException {
        Block b = readBlock(e.hash);
        Verdict body = BlockValidator.checkBody(b, chain);
        if (!body.accepted()) return body; // a stored file no longer matching: should not happen
        BlockIndex.Entry parent = e.parent;
        BlockValidator.Connection c = BlockValidator.connect(b, parentContext(parent));
        if (c.parentLossBits() != null) parentLossCache.put(parent.hash, c.parentLossBits());
        if (!c.verdict().accepted()) return c.verdict();

        broken = true; // until the commit below completes; an I/O failure leaves recovery to the next open
        BlockUndo undo = new BlockUndo(c.utxo(), c.bloomBits(), c.grew() ? new float[0] : c.previous(), c.grew(), modelFile);
        blocks.writeUndo(e.hash, undo);
        String newModelFile = modelFile;
        if (c.grew()) {
            newModelFile = e.hash.toHex() + ".bin";
            models.write(newModelFile, c.model());
        } else {
            models.writeJournal(ModelStore.JOURNAL_CONNECT, e.hash);
            c.delta().redo(weights, c.previous());
            ModelStore.force(weights);
        }
        options.crashHook().reached(CrashPoint.MODEL_WRITTEN);
        utxos.apply(c.utxo());
        bloom.set(c.bloomBits());
        tip = e;
        modelFile = newModelFile;
        commitState();
        options.crashHook().reached(CrashPoint.STATE_COMMITTED);
        models.clearJournal();
        if (c.grew()) weights = models.map(modelFile, c.model().config());
        work = c.model();
        tree = c.root();
        offMain.remove(e);
        broken = false;
        return Verdict.accept();
    }

    private void disconnectTip() throws IOException {
        BlockIndex.Entry e = tip;
        if (e.parent == null) throw new IllegalStateException("cannot disconnect genesis");
        Block b = readBlock(e.hash);
        BlockUndo u = blocks.readUndo(e.hash);
        broken = true;
        if (!u.grew()) {
            models.writeJournal(ModelStore.JOURNAL_DISCONNECT, e.hash);
            Delta d = Delta.decode(b.deltaPayload(), weights.layout().parameterCount());
            d.revert(weights, u.deltaPrevious());
            d.revert(work, u.deltaPrevious());
            tree.update(work, d);
            ModelStore.force(weights);
        }
        bloom.clear(u.bloomBits());
        utxos.revert(u.utxo());
        tip = e.parent;
        modelFile = u.parentModelFile();
        commitState();
        models.clearJournal();
        if (u.grew()) mapModel();
        offMain.add(e);
        broken = false;
    }

    @Override
    public synchronized void close() {
        models.close();
        dataDir.close();
    }
}
