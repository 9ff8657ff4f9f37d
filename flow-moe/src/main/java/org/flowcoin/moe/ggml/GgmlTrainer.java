package org.flowcoin.moe.ggml;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.train.TrainConfig;
import org.flowcoin.moe.train.Trainer;

/**
 * Trains a copy of a model with ggml's automatic differentiation and its AdamW step: the same
 * objective, clipping and optimizer settings as the Java {@link Trainer} (docs/training.md), with the
 * forward graph of {@link MoeGraph} in its differentiable form. Not canonical: ggml's kernels round
 * differently, so the trained weights agree with the Java trainer's to float accuracy, not bit for
 * bit; the miner's block is still checked with the reference evaluator.
 *
 * <p>Per step: every sequence of the batch runs forward and backward as one ggml graph
 * ({@code ggml_build_backward_expand}) whose parameter gradients accumulate into buffers owned by
 * this trainer, the loss gradient of each sequence being {@code positions / batch positions} so the
 * sum is the gradient of the batch mean; then the global L2 norm is computed (in double), the
 * gradient is scaled down to {@code clipNorm} if above it, and {@code ggml_opt_step_adamw} updates
 * every tensor (decoupled weight decay on matrices only). Threads: sequence i of a batch goes to
 * worker i mod {@code threads}, each with its own gradient buffers and a one-thread ggml pool (no
 * barriers inside the graph); the buffers are added in worker order and the sum, norm and AdamW
 * run with {@code threads} ggml threads. For a given thread count a run is reproducible.
 *
 * <pre>{@code
 * try (GgmlTrainer tr = new GgmlTrainer(tipWeights, TrainConfig.defaults())) {
 *     SplittableRandom rnd = new SplittableRandom(1);
 *     for (int i = 0; i < 100; i++) tr.step(data, rnd);
 *     ModelWeights trained = tr.weights();
 * }
 * }</pre>
 */
public final class GgmlTrainer implements AutoCloseable {
    /** Nodes of one forward + backward graph; genesis (8 layers) needs about 2,500. */
    private static final int GRAPH_SIZE = 16384;

    private final Ggml g;
    private final ModelConfig config;
    private final TrainConfig tc;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment sctx;                  // tensors of parameters, gradients, moments
    private final MemorySegment[] w, m, v;             // ggml tensors
    private final MemorySegment[] wMem;                // parameter memory
    private final Worker[] workers;                    // worker 0's gradient is the one AdamW reads
    private final boolean[] decay;
    private final MemorySegment adamDecay, adamPlain;  // AdamW settings, F32 [7]
    private final MemorySegment adamDecayMem, adamPlainMem;
    private final Map<Long, Integer> paramIndex = new HashMap<>();
    private final Workspace ws;                        // gradient sum and optimizer: tc.threads() ggml threads
    private final java.util.concurrent.ExecutorService executor;
    private long step;

    /** One thread's gradient buffers and a one-thread {@link Workspace}. */
    private final class Worker {
        final MemorySegment[] grad;     // tensors (data = gradMem)
        final MemorySegment[] gradMem;
        final Workspace ws = new Workspace(g, arena, 1);

        Worker(Ops o, ModelWeights start) {
            grad = MoeGraph.weightTensors(o, start.layout());
            gradMem = new MemorySegment[grad.length];
            for (int i = 0; i < grad.length; i++) {
                gradMem[i] = arena.allocate(start.tensor(i).byteSize(), 64);
                Ggml.setData(grad[i], gradMem[i]);
            }
        }
    }

    /**
     * Starts from a copy of {@code start}.
     *
     * @throws GgmlUnavailableException if ggml cannot be used here
     */
    public GgmlTrainer(ModelWeights start, TrainConfig config) {
        this.g = Ggml.load();
        this.config = start.config();
        this.tc = Objects.requireNonNull(config, "config");
        int nt = start.layout().size();
        w = new MemorySegment[nt];
        m = new MemorySegment[nt];
        v = new MemorySegment[nt];
        wMem = new MemorySegment[nt];
        decay = new boolean[nt];
        workers = new Worker[tc.threads()];
        try {
            long overhead = (long) g.tensorOverhead.invokeExact();
            sctx = g.newContext(arena, overhead * ((3L + workers.length) * nt + 8), true);
            Ops o = new Ops(g, sctx);
            MemorySegment[][] sets = {MoeGraph.weightTensors(o, start.layout()), MoeGraph.weightTensors(o, start.layout()),
                    MoeGraph.weightTensors(o, start.layout())};
            for (int i = 0; i < nt; i++) {
                long bytes = start.tensor(i).byteSize();
                w[i] = sets[0][i];
                m[i] = sets[1][i];
                v[i] = sets[2][i];
                wMem[i] = arena.allocate(bytes, 64);
                wMem[i].copyFrom(start.tensor(i));
                Ggml.setData(w[i], wMem[i]);
                Ggml.setData(m[i], arena.allocate(bytes, 64));   // zeroed by the arena
                Ggml.setData(v[i], arena.allocate(bytes, 64));
                g.setParam.invokeExact(w[i]);
                paramIndex.put(w[i].address(), i);
                decay[i] = !start.layout().tensors().get(i).name().endsWith("norm.weight");
            }
            adamDecay = o.tensor1d(Ggml.TYPE_F32, 7);
            adamPlain = o.tensor1d(Ggml.TYPE_F32, 7);
            adamDecayMem = arena.allocate(28, 64);
            adamPlainMem = arena.allocate(28, 64);
            Ggml.setData(adamDecay, adamDecayMem);
            Ggml.setData(adamPlain, adamPlainMem);
            for (int k = 0; k < workers.length; k++) workers[k] = new Worker(o, start);
            ws = new Workspace(g, arena, tc.threads());
            executor = workers.length > 1 ? java.util.concurrent.Executors.newFixedThreadPool(workers.length, r -> {
                Thread t = new Thread(r, "flow-ggml-train");
                t.setDaemon(true);
                return t;
            }) : null;
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        } catch (Throwable t) {
            arena.close();
            throw new IllegalStateException("ggml trainer set-up failed", t);
        }
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

    /** One step on a batch drawn from {@code data} with {@code rnd} (as {@link Trainer#step(byte[], SplittableRandom)}). */
    public Trainer.StepStats step(byte[] data, SplittableRandom rnd) {
        return step(Trainer.sampleBatch(data, tc.batchSequences(), tc.sequenceLength(), rnd));
    }

    /** One AdamW step on {@code batch}; returns the batch loss before the step. */
    public Trainer.StepStats step(List<byte[]> batch) {
        long tokens = positions(batch);
        double lossSum = accumulate(batch, tokens);
        double sq = 0;
        for (MemorySegment gm : workers[0].gradMem) {
            for (long j = 0, n = gm.byteSize() / 4; j < n; j++) {
                double x = gm.getAtIndex(ValueLayout.JAVA_FLOAT, j);
                sq += x * x;
            }
        }
        double norm = Math.sqrt(sq);
        boolean clipped = tc.clipNorm() > 0 && norm > tc.clipNorm();
        adamw(clipped ? (float) (tc.clipNorm() / norm) : 1f);
        step++;
        return new Trainer.StepStats(step, (float) (lossSum / tokens), (float) norm, tokens, clipped);
    }

    /** The gradient of the mean loss of {@code batch} at the current weights, per tensor (for checks and tools). */
    public float[][] gradient(List<byte[]> batch) {
        accumulate(batch, positions(batch));
        MemorySegment[] gm = workers[0].gradMem;
        float[][] out = new float[gm.length][];
        for (int i = 0; i < out.length; i++) out[i] = gm[i].toArray(ValueLayout.JAVA_FLOAT);
        return out;
    }

    /** Mean loss of {@code sequences} under the current weights (ggml evaluation, not canonical). */
    public float loss(List<byte[]> sequences) {
        return new GgmlEvaluator(tc.threads()).meanLoss(view(), sequences);
    }

    /** Writes the current weights into {@code target} (same configuration). */
    public void copyWeightsInto(ModelWeights target) {
        if (!target.config().equals(config)) throw new IllegalArgumentException("configuration differs");
        for (int i = 0; i < wMem.length; i++) target.tensor(i).copyFrom(wMem[i]);
    }

    /** A new copy of the current weights in garbage-collected native memory. */
    public ModelWeights weights() {
        ModelWeights out = ModelWeights.zeros(config);
        copyWeightsInto(out);
        return out;
    }

    private ModelWeights view() {
        return ModelWeights.of(config, List.of(wMem));
    }

    private static long positions(List<byte[]> batch) {
        long n = 0;
        for (byte[] s : batch) n += Math.max(0, s.length - 1);
        if (n == 0) throw new IllegalArgumentException("batch has no predicted position");
        return n;
    }

    /**
     * Fills worker 0's gradient buffers with the gradient of the batch mean loss; returns the summed
     * loss. Sequence i goes to worker i mod threads; the workers' buffers are then added in worker
     * order, so a run is reproducible for a given thread count.
     */
    private double accumulate(List<byte[]> batch, long tokens) {
        for (byte[] s : batch) {
            if (s.length - 1 > org.flowcoin.moe.LossEvaluator.MAX_SEQUENCE_LENGTH) throw new IllegalArgumentException("sequence too long");
        }
        int nw = Math.max(1, Math.min(workers.length, batch.size()));
        double[] losses = new double[nw];
        Runnable[] jobs = new Runnable[nw];
        for (int k = 0; k < nw; k++) {
            int wk = k;
            jobs[k] = () -> {
                Worker wr = workers[wk];
                for (MemorySegment gm : wr.gradMem) gm.fill((byte) 0);
                for (int i = wk; i < batch.size(); i += nw) {
                    byte[] s = batch.get(i);
                    if (s.length >= 2) losses[wk] += forwardBackward(wr, s, (float) ((double) (s.length - 1) / tokens));
                }
            };
        }
        if (nw == 1) {
            jobs[0].run();
        } else {
            List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
            for (Runnable j : jobs) fs.add(executor.submit(j));
            try {
                for (var f : fs) f.get();
            } catch (InterruptedException e) {
                for (var f : fs) f.cancel(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("training interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                if (e.getCause() instanceof Error er) throw er;
                throw new IllegalStateException(e.getCause());
            }
            sumGradients(nw);
        }
        double sum = 0;
        for (double l : losses) sum += l;
        return sum;
    }

    /** Adds workers 1..nw-1's gradients into worker 0's, in worker order, with the optimizer's threads. */
    private void sumGradients(int nw) {
        int size = nw * w.length + 16;
        try (GraphScope sc = new GraphScope(g, size, false)) {
            MemorySegment[] sums = new MemorySegment[w.length];
            for (int i = 0; i < w.length; i++) {
                MemorySegment acc = workers[0].grad[i];
                for (int k = 1; k < nw; k++) acc = sc.ops.addInplace(acc, workers[k].grad[i]);
                sums[i] = acc;
            }
            MemorySegment gf = sc.ops.graph(size, sums);
            ws.allocate(gf, "the gradient sum");
            ws.compute(sc.ops, gf);
        }
    }

    /** Forward and backward of one sequence, gradients added to the worker's buffers; returns loss * positions. */
    private double forwardBackward(Worker wr, byte[] seq, float lossWeight) {
        int n = seq.length - 1;
        try (GraphScope sc = new GraphScope(g, GRAPH_SIZE, true)) {
            Ops o = sc.ops;
            MemorySegment tokens = o.input(o.tensor1d(Ggml.TYPE_I32, n));
            MemorySegment pos = o.input(o.tensor1d(Ggml.TYPE_I32, n));
            MemorySegment labels = o.input(o.tensor2d(Ggml.TYPE_F32, ModelConfig.VOCAB, n));
            MemorySegment logits = MoeGraph.logits(o, config, w, tokens, pos, n, true);
            MemorySegment loss = o.output(o.crossEntropyLoss(logits, labels));
            g.setLoss.invokeExact(loss);
            MemorySegment gb = (MemorySegment) g.newGraphCustom.invokeExact(sc.ctx, (long) GRAPH_SIZE, true);
            g.buildForwardExpand.invokeExact(gb, loss);
            // Forward nodes stay allocated through the backward pass (marked as outputs): with the
            // allocator free to reuse them, the routing gradients came out wrong (a forward tensor
            // the backward pass still reads was overwritten); the memory is mostly needed anyway.
            int nodes = (int) g.graphNNodes.invokeExact(gb);
            MemorySegment accs = sc.arena().allocate(ValueLayout.ADDRESS, nodes);
            for (int i = 0; i < nodes; i++) {
                MemorySegment node = (MemorySegment) g.graphNode.invokeExact(gb, i);
                Integer p = paramIndex.get(node.address());
                if (p != null) accs.setAtIndex(ValueLayout.ADDRESS, i, wr.grad[p]);
                else o.output(node);
            }
            g.buildBackwardExpand.invokeExact(sc.ctx, gb, accs);
            MemorySegment lossGrad = (MemorySegment) g.graphGetGradAcc.invokeExact(gb, loss);
            if (lossGrad.equals(MemorySegment.NULL)) throw new IllegalStateException("ggml built no loss gradient");
            o.input(lossGrad);
            wr.ws.allocate(gb, "a training sequence of " + seq.length + " bytes");
            MemorySegment td = o.data(tokens), pd = o.data(pos), ld = o.data(labels);
            ld.fill((byte) 0);
            for (int t = 0; t < n; t++) {
                td.setAtIndex(ValueLayout.JAVA_INT, t, seq[t] & 0xff);
                pd.setAtIndex(ValueLayout.JAVA_INT, t, t);
                ld.setAtIndex(ValueLayout.JAVA_FLOAT, (long) t * ModelConfig.VOCAB + (seq[t + 1] & 0xff), 1f);
            }
            o.data(lossGrad).set(ValueLayout.JAVA_FLOAT, 0, lossWeight);
            wr.ws.compute(o, gb);
            return (double) o.data(loss).get(ValueLayout.JAVA_FLOAT, 0) * n;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("ggml training pass failed", t);
        }
    }

    /** Scales the gradients by {@code gradScale} (clipping) and applies one AdamW step to every tensor. */
    private void adamw(float gradScale) {
        long t = step + 1;
        float lr = tc.learningRate(), b1 = tc.beta1(), b2 = tc.beta2();
        float[] base = {lr, b1, b2, tc.epsilon(), 0f,
                (float) (1.0 / (1.0 - StrictMath.pow(b1, t))), (float) (1.0 / (1.0 - StrictMath.pow(b2, t)))};
        MemorySegment.copy(base, 0, adamPlainMem, ValueLayout.JAVA_FLOAT, 0, 7);
        base[4] = tc.weightDecay();
        MemorySegment.copy(base, 0, adamDecayMem, ValueLayout.JAVA_FLOAT, 0, 7);
        int size = 4 * w.length + 16;
        try (GraphScope sc = new GraphScope(g, size, false)) {
            List<MemorySegment> steps = new ArrayList<>();
            for (int i = 0; i < w.length; i++) {
                MemorySegment gr = workers[0].grad[i];
                MemorySegment gi = gradScale == 1f ? gr : sc.ops.scaleInplace(gr, gradScale);
                steps.add(sc.ops.optStepAdamw(w[i], gi, m[i], v[i], decay[i] ? adamDecay : adamPlain));
            }
            MemorySegment gf = sc.ops.graph(size, steps.toArray(MemorySegment[]::new));
            ws.allocate(gf, "AdamW");
            ws.compute(sc.ops, gf);
        }
    }

    @Override
    public void close() {
        if (executor != null) executor.shutdownNow();
        try {
            for (Worker wr : workers) wr.ws.close();
            ws.close();
            g.free.invokeExact(sctx);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("ggml release failed", t);
        } finally {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "GgmlTrainer[" + config.dims() + ", step " + step + ", threads " + tc.threads() + ", " + g.cpuVariant() + "]";
    }
}
