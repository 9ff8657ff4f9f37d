package org.flowcoin.moe.ggml;

import java.util.List;
import java.util.Objects;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.LossResult;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelWeights;

/**
 * The model evaluated by ggml on the CPU with N threads (not canonical: see
 * {@code docs/spec/numerics.md}, "ggml backend policy").
 *
 * <p>Threads: {@code threads} workers take whole sequences, and each sequence's graphs run with
 * {@code opThreads} ggml threads (default 1). Whole sequences per worker need no synchronisation
 * inside ggml, whose barriers spin; ggml threads inside each operation help only for a single long
 * sequence on otherwise idle cores. The bits do not depend on either count (tested).
 *
 * <p>The logits come from ggml (see {@link GgmlForward}); the per-position cross-entropy is then
 * computed in Java in double precision with {@code StrictMath} ({@code lse - z[target]} with max
 * subtraction), rounded to float per position, and the mean is the double sum in position order
 * divided once and rounded to float, so that the loss adds no thread-dependent reduction.
 *
 * <pre>{@code
 * LossEvaluator ev = new GgmlEvaluator(Runtime.getRuntime().availableProcessors());
 * float loss = ev.meanLoss(weights, sequences);
 * }</pre>
 */
public final class GgmlEvaluator implements LossEvaluator {
    private final Ggml ggml;
    private final int threads;
    private final int opThreads;

    /**
     * {@code threads} workers over sequences, 1 ggml thread per operation.
     *
     * @throws GgmlUnavailableException if ggml cannot be used here
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public GgmlEvaluator(int threads) {
        this(threads, 1);
    }

    /**
     * @param threads workers over whole sequences (1..512)
     * @param opThreads ggml threads inside each operation (1..512)
     * @throws GgmlUnavailableException if ggml cannot be used here
     */
    public GgmlEvaluator(int threads, int opThreads) {
        if (threads < 1 || threads > 512) throw new IllegalArgumentException("threads must be in 1..512");
        if (opThreads < 1 || opThreads > 512) throw new IllegalArgumentException("opThreads must be in 1..512");
        this.ggml = Ggml.load();
        this.threads = threads;
        this.opThreads = opThreads;
    }

    /** Workers over sequences. */
    public int threads() {
        return threads;
    }

    /** ggml threads per operation. */
    public int opThreads() {
        return opThreads;
    }

    @Override
    public LossResult evaluate(ModelWeights weights, List<byte[]> sequences) {
        Objects.requireNonNull(weights, "weights");
        int m = sequences.size();
        int[] offsets = new int[m + 1];
        for (int i = 0; i < m; i++) {
            byte[] sq = Objects.requireNonNull(sequences.get(i), "sequence");
            if (sq.length > MAX_SEQUENCE_LENGTH) throw new IllegalArgumentException("sequence longer than " + MAX_SEQUENCE_LENGTH);
            offsets[i + 1] = Math.addExact(offsets[i], Math.max(0, sq.length - 1));
        }
        int total = offsets[m];
        if (total == 0) throw new IllegalArgumentException("no predicted position: every sequence is shorter than 2 bytes");
        float[] losses = new float[total];
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofShared()) {
            compute(nativeWeights(weights, arena), sequences, offsets, losses);
        }
        double sum = 0;
        for (float l : losses) sum += l;
        return new LossResult((float) (sum / total), total);
    }

    /** The weights themselves when every tensor is in native memory, else one native copy for this call. */
    private static ModelWeights nativeWeights(ModelWeights w, java.lang.foreign.Arena arena) {
        for (var s : w.tensors()) if (!s.isNative()) return w.copy(arena);
        return w;
    }

    private void compute(ModelWeights weights, List<byte[]> sequences, int[] offsets, float[] losses) {
        int m = sequences.size();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Runnable work = () -> {
            try (GgmlForward fw = new GgmlForward(ggml, weights, opThreads)) {
                for (int i; (i = next.getAndIncrement()) < m; ) {
                    byte[] sq = sequences.get(i);
                    if (sq.length < 2) continue;
                    float[] z = fw.logits(sq);
                    for (int t = 0; t + 1 < sq.length; t++) {
                        losses[offsets[i] + t] = (float) crossEntropy(z, t * ModelConfig.VOCAB, sq[t + 1] & 0xff);
                    }
                }
            }
        };
        int nt = Math.min(threads, m);
        if (nt <= 1) {
            work.run();
        } else {
            java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newFixedThreadPool(nt);
            try {
                List<java.util.concurrent.Future<?>> fs = new java.util.ArrayList<>();
                for (int w = 0; w < nt; w++) fs.add(ex.submit(work));
                for (var f : fs) f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("evaluation interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                if (e.getCause() instanceof Error er) throw er;
                throw new IllegalStateException(e.getCause());
            } finally {
                ex.shutdownNow();
            }
        }
    }

    /** Cross-entropy of one row of logits in double: log(sum exp(z - max)) + max - z[target]. */
    static double crossEntropy(float[] z, int off, int target) {
        double m = z[off];
        for (int i = 1; i < ModelConfig.VOCAB; i++) m = Math.max(m, z[off + i]);
        double s = 0;
        for (int i = 0; i < ModelConfig.VOCAB; i++) s += StrictMath.exp(z[off + i] - m);
        return StrictMath.log(s) + m - z[off + target];
    }

    @Override
    public float[] logits(ModelWeights weights, byte[] sequence) {
        Objects.requireNonNull(weights, "weights");
        if (sequence.length == 0) return new float[0];
        if (sequence.length > MAX_SEQUENCE_LENGTH) throw new IllegalArgumentException("sequence longer than " + MAX_SEQUENCE_LENGTH);
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined();
             GgmlForward fw = new GgmlForward(ggml, nativeWeights(weights, arena), opThreads)) {
            return fw.logits(sequence);
        }
    }

    /**
     * An incremental evaluation of {@code weights} with a key/value cache of {@code capacity} bytes
     * (generation: append a byte, get the next distribution). The weights must stay unchanged and in
     * memory while the session is open; heap weights are copied once.
     *
     * @throws IllegalArgumentException if {@code capacity} is not in 1..{@link #MAX_SEQUENCE_LENGTH}
     */
    public GgmlSession session(ModelWeights weights, int capacity) {
        Objects.requireNonNull(weights, "weights");
        if (capacity < 1 || capacity > MAX_SEQUENCE_LENGTH) throw new IllegalArgumentException("capacity out of range");
        return new GgmlSession(ggml, weights, capacity, opThreads);
    }

    @Override
    public String name() {
        return "ggml";
    }

    @Override
    public boolean canonical() {
        return false;
    }

    @Override
    public String toString() {
        return "GgmlEvaluator[" + ggml.version() + " " + ggml.cpuVariant() + ", threads=" + threads + ", opThreads=" + opThreads + "]";
    }
}
