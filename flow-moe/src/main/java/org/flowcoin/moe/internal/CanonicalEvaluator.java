package org.flowcoin.moe.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.LossResult;
import org.flowcoin.moe.ModelWeights;

/**
 * The canonical evaluator over a set of kernels. Threads split whole sequences; each sequence's
 * per-position losses land in a fixed slot, and the mean is reduced in one fixed order afterwards,
 * so the bits never depend on the thread count.
 */
public final class CanonicalEvaluator implements LossEvaluator {
    private final Kernels kernels;
    private final int threads;

    public CanonicalEvaluator(Kernels kernels, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.threads = threads;
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
        int nt = Math.min(threads, m);
        if (nt <= 1) {
            ForwardPass fp = new ForwardPass(kernels, weights);
            for (int i = 0; i < m; i++) {
                if (sequences.get(i).length >= 2) fp.losses(sequences.get(i), losses, offsets[i]);
            }
        } else {
            ExecutorService ex = Executors.newFixedThreadPool(nt);
            try {
                List<Future<?>> fs = new ArrayList<>();
                java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
                for (int w = 0; w < nt; w++) {
                    fs.add(ex.submit(() -> {
                        ForwardPass fp = new ForwardPass(kernels, weights);
                        for (int i; (i = next.getAndIncrement()) < m; ) {
                            if (sequences.get(i).length >= 2) fp.losses(sequences.get(i), losses, offsets[i]);
                        }
                    }));
                }
                for (Future<?> f : fs) f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("evaluation interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new IllegalStateException(e.getCause());
            } finally {
                ex.shutdownNow();
            }
        }
        return new LossResult(meanOf(losses), total);
    }

    /** The canonical mean: double sum in position order, divided in double, rounded once to float. */
    public static float meanOf(float[] losses) {
        double sum = 0;
        for (float l : losses) sum += l;
        return (float) (sum / losses.length);
    }

    @Override
    public float[] logits(ModelWeights weights, byte[] sequence) {
        if (sequence.length == 0) return new float[0];
        if (sequence.length > MAX_SEQUENCE_LENGTH) throw new IllegalArgumentException("sequence longer than " + MAX_SEQUENCE_LENGTH);
        float[] z = new ForwardPass(kernels, weights).forward(sequence);
        return java.util.Arrays.copyOf(z, sequence.length * org.flowcoin.moe.ModelConfig.VOCAB);
    }

    @Override
    public String name() {
        return kernels.name();
    }

    @Override
    public boolean canonical() {
        return true;
    }

    @Override
    public String toString() {
        return "CanonicalEvaluator[" + kernels.name() + ", threads=" + threads + "]";
    }
}
