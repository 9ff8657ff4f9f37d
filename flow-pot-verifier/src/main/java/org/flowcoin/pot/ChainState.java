package org.flowcoin.pot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
import org.flowcoin.moe.TensorInfo;
import org.flowcoin.moe.delta.Delta;
import org.flowcoin.moe.delta.DeltaApplyException;
import org.flowcoin.moe.delta.DeltaFormatException;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.DecodeException;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.ModelDims;
import org.flowcoin.primitives.ValidationResult;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.block.Coinbase;
import org.flowcoin.primitives.block.Genesis;
import org.flowcoin.primitives.block.Merkle;
import org.flowcoin.primitives.pow.CompactTarget;
import org.flowcoin.primitives.pow.Difficulty;
import org.flowcoin.primitives.script.ScriptException;
import org.flowcoin.primitives.script.ScriptInterpreter;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.TxRules;

/**
 * A full node's chain state in a data directory: every block seen, the block index with cumulative
 * work, and for the best valid chain the UTXO set, the Bloom filter of training-data chunks and the
 * model weights (a memory-mapped file). Blocks are fully validated (docs/spec/validation.md) when
 * they join the best chain, including both losses recomputed with the canonical evaluator.
 *
 * <p>Fork choice: most cumulative work, then first seen. Reorganisations use exact undo data, so
 * the model and the UTXO set return bit for bit to their earlier state. Durability: a block is
 * reported {@link Status#CONNECTED} only after its state is committed with fsync and an atomic
 * rename; a crash at any point (kill -9) restarts at the last committed tip (see
 * docs/spec/validation.md, "Chain state on disk").
 *
 * <pre>{@code
 * try (ChainState cs = ChainState.open(dir, PotParams.forChain(ChainParams.regtest()), Evaluators.best(4))) {
 *     ChainState.Result r = cs.submit(block);
 *     if (r.status() == ChainState.Status.CONNECTED) System.out.println(cs.tipHeight());
 * }
 * }</pre>
 */
public final class ChainState implements AutoCloseable {
    /** What became of a submitted block. */
    public enum Status {
        /** Fully validated and on the best chain (durable). */
        CONNECTED,
        /** Header valid and stored, on a branch with less work (body checked if it ever wins). */
        SIDE_BRANCH,
        /** Rejected; the verdict names the rule. */
        INVALID,
        /** Parent unknown; not stored. */
        ORPHAN,
        /** Already known. */
        DUPLICATE
    }

    /** The outcome of {@link #submit}. */
    public record Result(Status status, Verdict verdict) {}

    private static final int STATE_MAGIC = 0x464c4353; // "FLCS"
    private static final byte REC_STORED = 1, REC_INVALID = 2;
    private static final byte JOURNAL_CONNECT = 1, JOURNAL_DISCONNECT = 2;

    private final Path dir;
    private final PotParams params;
    private final ChainParams chain;
    private final LossEvaluator evaluator;
    private final Map<Hash256, Entry> index = new HashMap<>();
    private final Map<Hash256, byte[]> dataCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash256, byte[]> e) {
            return size() > 2 * params.vhWindow() + 16;
        }
    };
    private long nextSeq;
    private Entry genesis;
    private Entry tip;
    private UtxoSet utxos;
    private BloomFilter bloom;
    private String modelFile;
    private Arena modelArena;
    private ModelWeights weights; // the memory-mapped model file (durable state)
    private ModelWeights work; // a native copy of it for evaluation (the kernels run fastest on native segments)
    private ModelRoot tree;

    private static final class Entry {
        final Hash256 hash;
        final BlockHeader header;
        final Entry parent;
        final BigInteger work;
        final long seq;
        boolean invalid;

        Entry(BlockHeader header, Entry parent, long seq) {
            this.hash = header.hash();
            this.header = header;
            this.parent = parent;
            BigInteger w = Difficulty.work(CompactTarget.toTarget(header.nbits()));
            this.work = parent == null ? w : parent.work.add(w);
            this.seq = seq;
        }

        long height() {
            return header.height();
        }
    }

    private ChainState(Path dir, PotParams params, LossEvaluator evaluator) {
        this.dir = dir;
        this.params = params;
        this.chain = params.chain();
        this.evaluator = evaluator;
    }

    /**
     * Opens (or creates) the chain state in {@code dir}, recovering from an interrupted block
     * connection if needed.
     *
     * @param evaluator must be canonical ({@link LossEvaluator#canonical()})
     */
    public static ChainState open(Path dir, PotParams params, LossEvaluator evaluator) throws IOException {
        Objects.requireNonNull(params, "params");
        if (!evaluator.canonical()) throw new IllegalArgumentException("consensus needs a canonical evaluator, got " + evaluator.name());
        ChainState cs = new ChainState(dir, params, evaluator);
        Files.createDirectories(dir.resolve("blocks"));
        Files.createDirectories(dir.resolve("undo"));
        Files.createDirectories(dir.resolve("models"));
        if (Files.exists(dir.resolve("chainstate.bin"))) cs.load(); else cs.init();
        return cs;
    }

    // ---------------------------------------------------------------- files

    private Path blockPath(Hash256 h) {
        return dir.resolve("blocks").resolve(h.toHex() + ".blk");
    }

    private Path undoPath(Hash256 h) {
        return dir.resolve("undo").resolve(h.toHex() + ".undo");
    }

    private Path modelPath(String name) {
        return dir.resolve("models").resolve(name);
    }

    private void init() throws IOException {
        Block g = Genesis.block(chain);
        Durable.write(blockPath(g.hash()), g.toByteArray());
        Files.deleteIfExists(dir.resolve("index.log"));
        Durable.append(dir.resolve("index.log"), record(g.hash(), REC_STORED));
        genesis = new Entry(g.header(), null, nextSeq++);
        index.put(genesis.hash, genesis);
        writeModelFile("genesis.bin", ModelTransition.genesisModel(chain));
        tip = genesis;
        utxos = new UtxoSet(); // the genesis coinbase is not spendable
        bloom = BloomFilter.empty(params);
        modelFile = "genesis.bin";
        commit();
        mapModel();
    }

    private static byte[] record(Hash256 h, byte status) {
        byte[] r = new byte[33];
        System.arraycopy(h.toByteArray(), 0, r, 0, 32);
        r[32] = status;
        return r;
    }

    private void load() throws IOException {
        byte[] log = Files.readAllBytes(dir.resolve("index.log"));
        int n = log.length / 33; // a torn final record is ignored
        for (int i = 0; i < n; i++) {
            Hash256 h = Hash256.of(java.util.Arrays.copyOfRange(log, 33 * i, 33 * i + 32));
            byte st = log[33 * i + 32];
            if (st == REC_INVALID) {
                Entry e = index.get(h);
                if (e != null) e.invalid = true;
                continue;
            }
            if (index.containsKey(h) || !Files.exists(blockPath(h))) continue;
            BlockHeader hdr = readHeader(h);
            Entry parent = index.get(hdr.prevHash());
            if (genesis == null) {
                genesis = new Entry(hdr, null, nextSeq++);
                index.put(h, genesis);
            } else if (parent != null) {
                index.put(h, new Entry(hdr, parent, nextSeq++));
            }
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("chainstate.bin"))));
        if (in.readInt() != STATE_MAGIC || in.readInt() != 1) throw new IOException("not a chain state file");
        Hash256 tipHash = Hash256.of(in.readNBytes(32));
        modelFile = in.readUTF();
        byte[] bloomBytes = in.readNBytes(BloomFilter.empty(params).serializedSize());
        bloom = BloomFilter.read(java.nio.ByteBuffer.wrap(bloomBytes), params);
        utxos = UtxoSet.read(in);
        tip = index.get(tipHash);
        if (tip == null) throw new IOException("chain state tip " + tipHash + " is not in the block index");
        mapModel();
        if (recover()) mapModel();
    }

    private BlockHeader readHeader(Hash256 h) throws IOException {
        try (var ch = FileChannel.open(blockPath(h), StandardOpenOption.READ)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(BlockHeader.SIZE);
            while (b.hasRemaining() && ch.read(b) >= 0) {}
            b.flip();
            return BlockHeader.read(b);
        }
    }

    /** The stored block with hash {@code h}. */
    public Block readBlock(Hash256 h) {
        try {
            return Block.fromBytes(Files.readAllBytes(blockPath(h)), chain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] trainingData(Hash256 h) {
        return dataCache.computeIfAbsent(h, k -> readBlock(k).trainingData());
    }

    /** Finishes or rolls back an in-place model change interrupted by a crash (journal). */
    private boolean recover() throws IOException {
        Path j = dir.resolve("journal");
        if (!Files.exists(j)) return false;
        byte[] jb = Files.readAllBytes(j);
        if (jb.length == 33 && Files.exists(undoPath(Hash256.of(java.util.Arrays.copyOfRange(jb, 1, 33))))) {
            Hash256 b = Hash256.of(java.util.Arrays.copyOfRange(jb, 1, 33));
            BlockUndo u = BlockUndo.fromBytes(Files.readAllBytes(undoPath(b)));
            if (!u.grew()) {
                Delta d = Delta.decode(readBlock(b).deltaPayload(), weights.layout().parameterCount());
                if (tip.hash.equals(b)) d.redo(weights, u.deltaPrevious()); else d.revert(weights, u.deltaPrevious());
                forceModel();
            }
        }
        Durable.delete(j);
        return true;
    }

    private void writeModelFile(String name, ModelWeights w) throws IOException {
        Path p = modelPath(name);
        Path tmp = p.resolveSibling(name + ".tmp");
        long size = w.layout().parameterCount() * 4;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                Arena a = Arena.ofConfined()) {
            MemorySegment m = ch.map(FileChannel.MapMode.READ_WRITE, 0, size, a);
            for (TensorInfo t : w.layout().tensors()) MemorySegment.copy(w.tensor(t.name()), 0, m, 4 * t.offset(), t.byteSize());
            m.force();
            ch.force(true);
        }
        Files.move(tmp, p, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Durable.syncDir(p.getParent());
    }

    private void mapModel() throws IOException {
        if (modelArena != null) modelArena.close();
        modelArena = Arena.ofShared();
        ModelConfig cfg = new ModelConfig(tip.header.height() == 0 ? chain.growthSchedule().genesis() : tip.header.dims());
        try (FileChannel ch = FileChannel.open(modelPath(modelFile), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = cfg.layout().parameterCount() * 4;
            if (ch.size() != size) throw new IOException("model file " + modelFile + " has " + ch.size() + " bytes, expected " + size);
            MemorySegment m = ch.map(FileChannel.MapMode.READ_WRITE, 0, size, modelArena);
            List<MemorySegment> segs = new ArrayList<>();
            for (TensorInfo t : cfg.layout().tensors()) segs.add(m.asSlice(4 * t.offset(), t.byteSize()));
            weights = ModelWeights.of(cfg, segs);
        }
        work = weights.copy();
        tree = ModelRoot.of(work);
    }

    private void forceModel() {
        weights.tensor(0).force(); // all tensors are slices of one mapping; force flushes the whole file
        for (MemorySegment s : weights.tensors()) s.force();
    }

    /** Writes the chain state (tip, model file, Bloom filter, UTXO set) atomically. */
    private void commit() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(b);
        o.writeInt(STATE_MAGIC);
        o.writeInt(1);
        o.write(tip.hash.toByteArray());
        o.writeUTF(modelFile);
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(bloom.serializedSize());
        bloom.write(bb);
        o.write(bb.array());
        utxos.write(o);
        o.flush();
        Durable.write(dir.resolve("chainstate.bin"), b.toByteArray());
    }

    private void journal(byte op, Hash256 h) throws IOException {
        byte[] r = new byte[33];
        r[0] = op;
        System.arraycopy(h.toByteArray(), 0, r, 1, 32);
        Durable.write(dir.resolve("journal"), r);
    }

    // ---------------------------------------------------------------- queries

    public PotParams params() {
        return params;
    }

    public Hash256 tipHash() {
        return tip.hash;
    }

    public long tipHeight() {
        return tip.height();
    }

    public BlockHeader tipHeader() {
        return tip.header;
    }

    /** Cumulative work of the tip. */
    public BigInteger tipWork() {
        return tip.work;
    }

    /** The root of the current model (what the tip's coinbase commits to; genesis: computed). */
    public Hash256 modelRoot() {
        return tree.root();
    }

    /** An independent copy of the current model weights. */
    public ModelWeights weightsCopy() {
        return work.copy();
    }

    /** The UTXO set of the tip (read-only use). */
    public UtxoSet utxos() {
        return utxos;
    }

    /** A copy of the Bloom filter of the tip. */
    public BloomFilter bloomCopy() {
        return bloom.copy();
    }

    /** Hashes of the best chain, genesis first. */
    public List<Hash256> mainChain() {
        List<Hash256> out = new ArrayList<>();
        for (Entry e = tip; e != null; e = e.parent) out.add(e.hash);
        Collections.reverse(out);
        return out;
    }

    /** Whether a block is known (stored or rejected after storing). */
    public boolean contains(Hash256 h) {
        return index.containsKey(h);
    }

    /** The header of a known block. */
    public Optional<BlockHeader> header(Hash256 h) {
        Entry e = index.get(h);
        return e == null ? Optional.empty() : Optional.of(e.header);
    }

    /** The header context (median time past, expected nbits) of a child of {@code parent}. */
    public HeaderValidator.Context headerContext(Hash256 parent) {
        Entry p = index.get(parent);
        if (p == null) throw new IllegalArgumentException("unknown block " + parent);
        return HeaderValidator.context(chain, p.header, height -> ancestor(p, height).header, params.medianTimeSpan());
    }

    private static Entry ancestor(Entry e, long height) {
        while (e != null && e.height() > height) e = e.parent;
        if (e == null || e.height() != height) throw new IllegalArgumentException("no ancestor at height " + height);
        return e;
    }

    /** Training data of the up to vhWindow ancestors of a child of {@code parent}, oldest first. */
    public List<byte[]> windowPayloads(Hash256 parent) {
        Entry p = index.get(parent);
        if (p == null) throw new IllegalArgumentException("unknown block " + parent);
        List<byte[]> out = new ArrayList<>();
        long from = Math.max(1, p.height() + 1 - params.vhWindow());
        for (Entry e = p; e != null && e.height() >= from; e = e.parent) out.add(trainingData(e.hash));
        Collections.reverse(out);
        return out;
    }

    /** V_h of a child of {@code parent} (what a miner trains against and the header commits to). */
    public ValidationSet validationSet(Hash256 parent) {
        return ValidationSet.derive(params, parent, windowPayloads(parent));
    }

    // ---------------------------------------------------------------- submission and fork choice

    /** Checks the header, stores the block, and moves to the best valid chain. */
    public synchronized Result submit(Block block) throws IOException {
        Hash256 h = block.hash();
        Entry known = index.get(h);
        if (known != null) return new Result(known.invalid ? Status.INVALID : Status.DUPLICATE, known.invalid ? Verdict.reject(Rule.HDR_PREV, "block was rejected before") : Verdict.accept());
        Entry parent = index.get(block.header().prevHash());
        if (parent == null) return new Result(Status.ORPHAN, Verdict.reject(Rule.HDR_PREV, "unknown parent " + block.header().prevHash()));
        if (isInvalid(parent)) return new Result(Status.INVALID, Verdict.reject(Rule.HDR_PREV, "parent is invalid"));
        Verdict hv = HeaderValidator.check(params, block.header(), headerContext(parent.hash), System.currentTimeMillis() / 1000, true);
        if (!hv.accepted()) return new Result(Status.INVALID, hv);
        // A body that does not match its header is not stored and does not taint the block hash.
        Verdict bv = checkBody(block, chain);
        if (!bv.accepted()) return new Result(Status.INVALID, bv);
        Durable.write(blockPath(h), block.toByteArray());
        Durable.append(dir.resolve("index.log"), record(h, REC_STORED));
        Entry e = new Entry(block.header(), parent, nextSeq++);
        index.put(h, e);
        Map<Hash256, Verdict> failures = activateBestChain();
        if (failures.containsKey(h)) return new Result(Status.INVALID, failures.get(h));
        if (onMainChain(e)) return new Result(Status.CONNECTED, Verdict.accept());
        if (isInvalid(e)) return new Result(Status.INVALID, Verdict.reject(Rule.HDR_PREV, "an ancestor is invalid"));
        return new Result(Status.SIDE_BRANCH, Verdict.accept());
    }

    /**
     * Submits raw block bytes: a block that does not decode is rejected as HDR-1/HDR-3 (header) or
     * BLK-1 (body).
     */
    public Result submit(byte[] blockBytes) throws IOException {
        if (blockBytes.length < BlockHeader.SIZE) return new Result(Status.INVALID, Verdict.reject(Rule.HDR_STRUCTURE, "shorter than a header"));
        Verdict raw = HeaderValidator.checkRaw(java.util.Arrays.copyOf(blockBytes, BlockHeader.SIZE));
        if (!raw.accepted()) return new Result(Status.INVALID, raw);
        Block b;
        try {
            b = Block.fromBytes(blockBytes, chain);
        } catch (DecodeException | IllegalArgumentException e) {
            return new Result(Status.INVALID, Verdict.reject(Rule.BLK_DECODE, String.valueOf(e.getMessage())));
        }
        return submit(b);
    }

    private boolean onMainChain(Entry e) {
        if (e.height() > tip.height()) return false;
        return ancestor(tip, e.height()) == e;
    }

    private static boolean isInvalid(Entry e) {
        for (Entry x = e; x != null; x = x.parent) if (x.invalid) return true;
        return false;
    }

    private Entry bestCandidate() {
        Entry best = tip;
        for (Entry e : index.values()) {
            if (isInvalid(e)) continue;
            int c = e.work.compareTo(best.work);
            if (c > 0 || (c == 0 && e.seq < best.seq)) best = e;
        }
        return best;
    }

    private Map<Hash256, Verdict> activateBestChain() throws IOException {
        Map<Hash256, Verdict> failures = new HashMap<>();
        while (true) {
            Entry best = bestCandidate();
            if (best == tip) return failures;
            Entry fork = best;
            Set<Entry> tipAncestors = new HashSet<>();
            for (Entry e = tip; e != null; e = e.parent) tipAncestors.add(e);
            while (!tipAncestors.contains(fork)) fork = fork.parent;
            while (tip != fork) disconnectTip();
            List<Entry> path = new ArrayList<>();
            for (Entry e = best; e != fork; e = e.parent) path.add(e);
            Collections.reverse(path);
            for (Entry e : path) {
                Verdict v = connect(e);
                if (!v.accepted()) {
                    e.invalid = true;
                    Durable.append(dir.resolve("index.log"), record(e.hash, REC_INVALID));
                    failures.put(e.hash, v);
                    break;
                }
            }
        }
    }

    // ---------------------------------------------------------------- connect / disconnect

    /** Full validation of the block of {@code e} (a child of the tip) and, when valid, its connection. */
    private Verdict connect(Entry e) throws IOException {
        Block b = readBlock(e.hash);
        BlockHeader h = b.header();
        long height = h.height();
        List<Transaction> txs = b.transactions();

        Verdict v = checkBody(b, chain);
        if (!v.accepted()) return v;
        v = TrainingData.check(b.trainingData(), params, bloom);
        if (!v.accepted()) return v;

        // Delta decoding (before any state change).
        ModelDims dims = chain.growthSchedule().dimsAt(height);
        long paramCount = new ModelConfig(dims).layout().parameterCount();
        Delta delta;
        try {
            delta = Delta.decode(b.deltaPayload(), paramCount);
        } catch (DeltaFormatException ex) {
            return Verdict.reject(deltaRule(ex.kind()), ex.getMessage());
        }
        if (Integer.toUnsignedLong(h.sparseCount()) != delta.entryCount()) {
            return Verdict.reject(Rule.DELTA_COUNT, "sparse_count " + Integer.toUnsignedString(h.sparseCount()) + ", delta has " + delta.entryCount() + " entries");
        }
        ValidationSet vh = validationSet(h.prevHash());
        if (!vh.hash().equals(h.datasetHash())) return Verdict.reject(Rule.VH_DATASET_HASH, "dataset_hash " + h.datasetHash() + ", V_h hashes to " + vh.hash());

        // Transactions against the UTXO set (applied as we go, rolled back on failure).
        List<OutPoint> spentPts = new ArrayList<>();
        List<Coin> spentCoins = new ArrayList<>();
        List<OutPoint> created = new ArrayList<>();
        v = applyTransactions(b, height, spentPts, spentCoins, created);
        if (!v.accepted()) {
            rollbackUtxos(spentPts, spentCoins, created);
            return v;
        }

        // Model: growth, prev_val_loss, delta, val_loss, root.
        boolean grew = ModelTransition.grows(chain, height);
        ModelWeights base = ModelTransition.grownParent(work, chain, height);
        float[] previous = delta.previousValues(base);
        long changes = 0;
        for (int i = 0; i < previous.length; i++) {
            float sum = previous[i] + delta.value(i);
            if (!Float.isFinite(sum)) {
                rollbackUtxos(spentPts, spentCoins, created);
                return Verdict.reject(Rule.DELTA_NONFINITE, "parameter " + delta.index(i) + " would become non-finite");
            }
            if (Float.floatToRawIntBits(sum) != Float.floatToRawIntBits(previous[i])) changes++;
        }
        if (changes == 0) {
            rollbackUtxos(spentPts, spentCoins, created);
            return Verdict.reject(Rule.DELTA_NOOP, "the delta changes no weight");
        }
        float prevLoss = evaluator.meanLoss(base, vh.sequences());
        if (Float.floatToRawIntBits(prevLoss) != h.prevValLossBits()) {
            rollbackUtxos(spentPts, spentCoins, created);
            return Verdict.reject(Rule.LOSS_PREV, String.format("prev_val_loss %08x (%s), recomputed %08x (%s)", h.prevValLossBits(),
                    Float.intBitsToFloat(h.prevValLossBits()), Float.floatToRawIntBits(prevLoss), prevLoss));
        }
        int[] bloomBits = newBloomBits(b.trainingData());
        Delta.Applied applied;
        try {
            applied = delta.apply(base);
        } catch (DeltaApplyException ex) {
            bloom.clear(bloomBits);
            rollbackUtxos(spentPts, spentCoins, created);
            return Verdict.reject(Rule.DELTA_NONFINITE, ex.getMessage());
        }
        ModelRoot newTree = grew ? null : tree;
        Verdict mv;
        if (applied.changed() == 0) {
            mv = Verdict.reject(Rule.DELTA_NOOP, "the delta changes no weight");
        } else {
            float valLoss = evaluator.meanLoss(base, vh.sequences());
            if (Float.floatToRawIntBits(valLoss) != h.valLossBits()) {
                mv = Verdict.reject(Rule.LOSS_VAL, String.format("val_loss %08x (%s), recomputed %08x (%s)", h.valLossBits(),
                        Float.intBitsToFloat(h.valLossBits()), Float.floatToRawIntBits(valLoss), valLoss));
            } else {
                if (grew) newTree = ModelRoot.of(base); else tree.update(base, delta);
                Hash256 root = newTree.root();
                Hash256 committed = Coinbase.commitment(txs.get(0)).orElseThrow().modelRoot();
                mv = root.equals(committed) ? Verdict.accept() : Verdict.reject(Rule.BLK_MODEL_ROOT, "coinbase commits to model root " + committed + ", new model has " + root);
            }
        }
        if (!mv.accepted()) {
            if (!grew) {
                delta.revert(base, previous);
                tree.update(base, delta);
            }
            bloom.clear(bloomBits);
            rollbackUtxos(spentPts, spentCoins, created);
            return mv;
        }
        // Commit: undo first, then the model file (journaled when changed in place), then the state.
        BlockUndo undo = new BlockUndo(spentPts, spentCoins, bloomBits, grew ? new float[0] : previous, grew, modelFile);
        Durable.write(undoPath(e.hash), undo.toBytes());
        String oldModelFile = modelFile;
        if (grew) {
            String name = e.hash.toHex() + ".bin";
            writeModelFile(name, base);
            modelFile = name;
        } else {
            journal(JOURNAL_CONNECT, e.hash);
            delta.redo(weights, previous);
            forceModel();
        }
        crashPoint(1);
        Entry oldTip = tip;
        tip = e;
        try {
            commit();
        } catch (IOException ex) {
            tip = oldTip;
            modelFile = oldModelFile;
            throw ex;
        }
        crashPoint(2);
        Durable.delete(dir.resolve("journal"));
        if (grew) mapModel(); else tree = newTree;
        return Verdict.accept();
    }

    /**
     * Crash-test hook: with the system property {@code org.flowcoin.pot.crashPoint} set to {@code n},
     * the process halts (as if killed) at point n of a block connection (1: model file changed, state
     * not committed; 2: state committed, journal not removed). Unset in normal use.
     */
    private static void crashPoint(int n) {
        if (Integer.getInteger("org.flowcoin.pot.crashPoint", 0) == n) Runtime.getRuntime().halt(137);
    }

    private int[] newBloomBits(byte[] data) {
        List<Integer> bits = new ArrayList<>();
        for (Hash256 c : TrainingData.chunkHashes(data, params.chunkSize())) for (int x : bloom.add(c)) bits.add(x);
        return bits.stream().mapToInt(Integer::intValue).toArray();
    }

    private void disconnectTip() throws IOException {
        Entry e = tip;
        if (e.parent == null) throw new IllegalStateException("cannot disconnect genesis");
        Block b = readBlock(e.hash);
        BlockUndo u = BlockUndo.fromBytes(Files.readAllBytes(undoPath(e.hash)));
        if (!u.grew()) {
            journal(JOURNAL_DISCONNECT, e.hash);
            Delta d = Delta.decode(b.deltaPayload(), weights.layout().parameterCount());
            d.revert(weights, u.deltaPrevious());
            d.revert(work, u.deltaPrevious());
            tree.update(work, d);
            forceModel();
        }
        bloom.clear(u.bloomBits());
        List<OutPoint> created = new ArrayList<>();
        for (Transaction t : b.transactions()) {
            for (int i = 0; i < t.outputs().size(); i++) created.add(new OutPoint(t.txid(), i));
        }
        rollbackUtxos(u.spentPoints(), u.spentCoins(), created);
        tip = e.parent;
        modelFile = u.parentModelFile();
        commit();
        Durable.delete(dir.resolve("journal"));
        if (u.grew()) mapModel();
    }

    private void rollbackUtxos(List<OutPoint> spentPts, List<Coin> spentCoins, List<OutPoint> created) {
        for (int i = created.size() - 1; i >= 0; i--) utxos.remove(created.get(i));
        for (int i = spentPts.size() - 1; i >= 0; i--) utxos.put(spentPts.get(i), spentCoins.get(i));
    }

    private static Rule deltaRule(DeltaFormatException.Kind k) {
        return switch (k) {
            case FRAME -> Rule.DELTA_FRAME;
            case SIZE -> Rule.DELTA_SIZE;
            case LAYOUT -> Rule.DELTA_LAYOUT;
            case INDEX -> Rule.DELTA_INDEX;
            case VALUE -> Rule.DELTA_VALUE;
            case FORM -> Rule.DELTA_FORM;
        };
    }

    /** Context-free body rules: BLK-2..BLK-8, TX-1. */
    static Verdict checkBody(Block b, ChainParams chain) {
        BlockHeader h = b.header();
        long height = h.height();
        List<Transaction> txs = b.transactions();
        if (txs.isEmpty() || !txs.get(0).isCoinbase()) return Verdict.reject(Rule.BLK_COINBASE_POSITION, "first transaction must be the coinbase");
        for (int i = 1; i < txs.size(); i++) {
            if (txs.get(i).isCoinbase()) return Verdict.reject(Rule.BLK_COINBASE_POSITION, "transaction " + i + " is a second coinbase");
        }
        for (int i = 0; i < txs.size(); i++) {
            ValidationResult r = TxRules.check(txs.get(i), chain);
            if (!r.isValid()) return Verdict.reject(Rule.TX_STRUCTURE, "transaction " + i + ": " + r);
        }
        Set<Hash256> ids = new HashSet<>();
        List<Hash256> leaves = new ArrayList<>();
        for (Transaction t : txs) {
            if (!ids.add(t.txid())) return Verdict.reject(Rule.BLK_DUPLICATE_TX, "duplicate txid " + t.txid());
            leaves.add(t.txid());
        }
        Merkle.Result m = Merkle.compute(leaves);
        if (m.mutated()) return Verdict.reject(Rule.BLK_DUPLICATE_TX, "merkle tree has identical siblings");
        if (!m.root().equals(h.merkleRoot())) return Verdict.reject(Rule.BLK_MERKLE, "merkle_root does not match the transactions");
        if (b.weight() > chain.maxBlockWeight()) return Verdict.reject(Rule.BLK_WEIGHT, "weight " + b.weight() + " exceeds " + chain.maxBlockWeight());
        if (!Hash256.keccak256(b.deltaPayload()).equals(h.trainingHash())) return Verdict.reject(Rule.BLK_TRAINING_HASH, "training_hash is not Keccak-256 of the delta payload");
        Transaction cb = txs.get(0);
        Optional<Long> cbh = Coinbase.height(cb);
        if (cbh.isEmpty() || cbh.get() != height) return Verdict.reject(Rule.BLK_COINBASE_HEIGHT, "coinbase height " + cbh.orElse(-1L) + ", block height " + height);
        Optional<Coinbase.Commitment> c = Coinbase.commitment(cb);
        if (c.isEmpty() || !c.get().trainingDataHash().equals(Hash256.keccak256(b.trainingData()))) {
            return Verdict.reject(Rule.BLK_DATA_COMMITMENT, "coinbase does not commit to Keccak-256 of the training data");
        }
        return Verdict.accept();
    }

    private Verdict applyTransactions(Block b, long height, List<OutPoint> spentPts, List<Coin> spentCoins, List<OutPoint> created) {
        BlockHeader h = b.header();
        List<Transaction> txs = b.transactions();
        Transaction cb = txs.get(0);
        long mtp = headerContext(h.prevHash()).medianTimePast();
        long fees = 0;
        for (int i = 0; i < txs.size(); i++) {
            Transaction t = txs.get(i);
            if (!t.isCoinbase()) {
                if (!isFinal(t, height, mtp)) return Verdict.reject(Rule.TX_LOCKTIME, "transaction " + i + " is not final at height " + height);
                long in = 0;
                SigHash sh = new SigHash(t, chain);
                for (int k = 0; k < t.inputs().size(); k++) {
                    TxInput input = t.inputs().get(k);
                    Coin coin = utxos.remove(input.prevout());
                    if (coin == null) return Verdict.reject(Rule.TX_MISSING_INPUT, "transaction " + i + " input " + k + " spends missing or spent " + input.prevout());
                    spentPts.add(input.prevout());
                    spentCoins.add(coin);
                    if (coin.coinbase() && height - coin.height() < chain.coinbaseMaturity()) {
                        return Verdict.reject(Rule.TX_IMMATURE, "transaction " + i + " spends a coinbase output of height " + coin.height() + " before maturity");
                    }
                    int lock = input.relativeHeightLock();
                    if (lock >= 0 && coin.height() + lock > height) {
                        return Verdict.reject(Rule.TX_SEQUENCE_LOCK, "transaction " + i + " input " + k + " is locked until height " + (coin.height() + lock));
                    }
                    in += coin.output().value();
                    if (!Amounts.isValid(in)) return Verdict.reject(Rule.TX_VALUE, "transaction " + i + " input total out of range");
                    try {
                        ScriptInterpreter.verifyInput(coin.output().script(), t.witness(k),
                                new ScriptInterpreter.Context(t, k, coin.output().value(), sh, ScriptInterpreter.immediateChecker()));
                    } catch (ScriptException ex) {
                        return Verdict.reject(Rule.TX_SCRIPT, "transaction " + i + " input " + k + ": " + ex.getMessage());
                    }
                }
                long out = t.totalOutputSaturating();
                if (in < out) return Verdict.reject(Rule.TX_VALUE, "transaction " + i + " spends " + in + " but pays " + out);
                fees += in - out;
                if (!Amounts.isValid(fees)) return Verdict.reject(Rule.TX_VALUE, "fees out of range");
            }
            for (int k = 0; k < t.outputs().size(); k++) {
                TxOutput o = t.outputs().get(k);
                OutPoint p = new OutPoint(t.txid(), k);
                if (o.script().isUnspendable()) continue;
                utxos.put(p, new Coin(o, height, t.isCoinbase()));
                created.add(p);
            }
        }
        long limit = chain.subsidy(height) + fees;
        if (cb.totalOutputSaturating() > limit) return Verdict.reject(Rule.BLK_COINBASE_VALUE, "coinbase pays " + cb.totalOutputSaturating() + ", at most " + limit);
        return Verdict.accept();
    }

    private static boolean isFinal(Transaction t, long height, long mtp) {
        long lt = Integer.toUnsignedLong(t.lockTime());
        if (lt == 0) return true;
        long cmp = lt < ScriptInterpreter.LOCKTIME_THRESHOLD ? height : mtp;
        if (lt < cmp) return true;
        for (TxInput in : t.inputs()) if (in.sequence() != TxInput.SEQUENCE_FINAL) return false;
        return true;
    }

    @Override
    public synchronized void close() {
        if (modelArena != null) {
            modelArena.close();
            modelArena = null;
        }
    }
}
