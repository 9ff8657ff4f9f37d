package org.flowcoin.moe.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelWeights;

/**
 * Trains a copy of a model with backpropagation (docs/training.md): mean next-byte cross-entropy
 * over a batch, gradient clipping by global L2 norm, then one AdamW step. The starting weights are
 * copied; the caller's {@link ModelWeights} is never written.
 *
 * <p>Threads split a batch by sequence (sequence i to worker i mod threads); each worker owns a
 * gradient buffer and the buffers are summed in worker order, so for a given thread count a run is
 * bit-for-bit reproducible.
 *
 * <pre>{@code
 * try (Trainer tr = new Trainer(tipWeights, TrainConfig.defaults())) {
 *     SplittableRandom rnd = new SplittableRandom(1);
 *     for (int i = 0; i < 100; i++) tr.step(Trainer.sampleBatch(data, 8, 256, rnd));
 *     ModelWeights trained = tr.weights();
 * }
 * }</pre>
 */
public final class Trainer implements AutoCloseable {
    /** Outcome of one optimisation step. */
    public record StepStats(long step, float loss, float gradNorm, long tokens, boolean clipped) {}

    private final ModelConfig config;
    private final TrainConfig tc;
    private final Params p, m, v;
    private final boolean[] decay;
    private final Params[] grads;
    private final TrainingPass[] passes;
    private final ExecutorService pool;
    private long step;

    /** Starts from a copy of {@code start}. */
    public Trainer(ModelWeights start, TrainConfig config) {
        this.config = start.config();
        this.tc = Objects.requireNonNull(config, "config");
        this.p = Params.of(start);
        this.m = new Params(this.config);
        this.v = new Params(this.config);
        this.decay = new boolean[p.t.length];
        for (int i = 0; i < decay.length; i++) decay[i] = !this.config.layout().tensors().get(i).name().endsWith("norm.weight");
        this.grads = new Params[config.threads()];
        this.passes = new TrainingPass[config.threads()];
        this.pool = config.threads() > 1 ? Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "flow-train");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    public ModelConfig modelConfig() {
        return config;
    }

    public TrainConfig trainConfig() {
        return tc;
    }

    /** Optimisation steps taken. */
    public long steps() {
        return step;
    }

    /** Random contiguous windows of {@code data} (each {@code length} bytes, or all of a shorter file). */
    public static List<byte[]> sampleBatch(byte[] data, int count, int length, SplittableRandom rnd) {
        if (data.length < 2) throw new IllegalArgumentException("training data needs at least 2 bytes");
        int len = Math.min(length, data.length);
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int o = rnd.nextInt(data.length - len + 1);
            out.add(java.util.Arrays.copyOfRange(data, o, o + len));
        }
        return out;
    }

    /** One step on a batch drawn from {@code data} with {@code rnd}. */
    public StepStats step(byte[] data, SplittableRandom rnd) {
        return step(sampleBatch(data, tc.batchSequences(), tc.sequenceLength(), rnd));
    }

    /** One AdamW step on {@code batch}; returns the batch loss before the step. */
    public StepStats step(List<byte[]> batch) {
        long tokens = positions(batch);
        double lossSum = gradient(batch, tokens);
        Params g = grads[0];
        double norm = Math.sqrt(g.squaredNorm());
        boolean clipped = tc.clipNorm() > 0 && norm > tc.clipNorm();
        if (clipped) g.scale((float) (tc.clipNorm() / norm));
        adamw(g);
        step++;
        return new StepStats(step, (float) (lossSum / tokens), (float) norm, tokens, clipped);
    }

    private static long positions(List<byte[]> batch) {
        long n = 0;
        for (byte[] s : batch) n += Math.max(0, s.length - 1);
        if (n == 0) throw new IllegalArgumentException("batch has no predicted position");
        return n;
    }

    /** Fills grads[0] with the gradient of the mean loss; returns the summed loss. */
    private double gradient(List<byte[]> batch, long tokens) {
        int nt = Math.max(1, Math.min(tc.threads(), batch.size()));
        float scale = (float) (1.0 / tokens);
        for (int w = 0; w < nt; w++) {
            if (grads[w] == null) grads[w] = new Params(config);
            else grads[w].zero();
            if (passes[w] == null) passes[w] = new TrainingPass(config);
        }
        double[] losses = new double[nt];
        if (nt == 1) {
            for (byte[] s : batch) if (s.length >= 2) losses[0] += passes[0].run(s, p, grads[0], scale);
        } else {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < nt; w++) {
                int wi = w;
                fs.add(pool.submit(() -> {
                    for (int i = wi; i < batch.size(); i += nt) {
                        byte[] s = batch.get(i);
                        if (s.length >= 2) losses[wi] += passes[wi].run(s, p, grads[wi], scale);
                    }
                }));
            }
            join(fs);
            for (int w = 1; w < nt; w++) grads[0].add(grads[w]);
        }
        double sum = 0;
        for (double l : losses) sum += l;
        return sum;
    }

    private static void join(List<Future<?>> fs) {
        try {
            for (Future<?> f : fs) f.get();
        } catch (InterruptedException e) {
            for (Future<?> f : fs) f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error er) throw er;
            throw new IllegalStateException(e.getCause());
        }
    }

    private void adamw(Params g) {
        float b1 = tc.beta1(), b2 = tc.beta2(), lr = tc.learningRate(), eps = tc.epsilon();
        long t = step + 1;
        float c1 = (float) (1.0 - StrictMath.pow(b1, t)), c2 = (float) (1.0 - StrictMath.pow(b2, t));
        float stepSize = lr / c1;
        float sqrtC2 = (float) Math.sqrt(c2);
        for (int i = 0; i < p.t.length; i++) {
            float[] w = p.t[i], gg = g.t[i], mm = m.t[i], vv = v.t[i];
            float wd = decay[i] ? 1f - lr * tc.weightDecay() : 1f;
            for (int j = 0; j < w.length; j++) {
                float gj = gg[j];
                float mj = b1 * mm[j] + (1f - b1) * gj;
                float vj = b2 * vv[j] + (1f - b2) * gj * gj;
                mm[j] = mj;
                vv[j] = vj;
                if (mj == 0f && wd == 1f) continue; // parameter never touched: stays bit-identical
                w[j] = w[j] * wd - stepSize * mj / ((float) Math.sqrt(vj) / sqrtC2 + eps);
            }
        }
    }

    /**
     * Mean loss of {@code sequences} under the current weights with the training forward pass (not
     * the canonical evaluator: agrees to float rounding only).
     */
    public float loss(List<byte[]> sequences) {
        long tokens = positions(sequences);
        int nt = Math.max(1, Math.min(tc.threads(), sequences.size()));
        for (int w = 0; w < nt; w++) if (passes[w] == null) passes[w] = new TrainingPass(config);
        double[] losses = new double[nt];
        if (nt == 1) {
            for (byte[] s : sequences) if (s.length >= 2) losses[0] += passes[0].lossOnly(s, p);
        } else {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < nt; w++) {
                int wi = w;
                fs.add(pool.submit(() -> {
                    for (int i = wi; i < sequences.size(); i += nt) {
                        byte[] s = sequences.get(i);
                        if (s.length >= 2) losses[wi] += passes[wi].lossOnly(s, p);
                    }
                }));
            }
            join(fs);
        }
        double sum = 0;
        for (double l : losses) sum += l;
        return (float) (sum / tokens);
    }

    /** The gradient of the mean loss of {@code batch} at the current weights, per tensor (for tests and tools). */
    public float[][] gradientOf(List<byte[]> batch) {
        gradient(batch, positions(batch));
        float[][] out = new float[grads[0].t.length][];
        for (int i = 0; i < out.length; i++) out[i] = grads[0].t[i].clone();
        return out;
    }

    /** Writes the current weights into {@code target} (same configuration). */
    public void copyWeightsInto(ModelWeights target) {
        p.copyInto(target);
    }

    /** A new copy of the current weights in garbage-collected native memory. */
    public ModelWeights weights() {
        ModelWeights w = ModelWeights.zeros(config);
        p.copyInto(w);
        return w;
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }

    @Override
    public String toString() {
        return "Trainer[" + config.dims() + ", step " + step + ", threads " + tc.threads() + "]";
    }
}
