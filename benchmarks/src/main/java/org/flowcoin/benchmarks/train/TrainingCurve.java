package org.flowcoin.benchmarks.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.LossEvaluator;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.Sequences;
import org.flowcoin.moe.train.TrainConfig;
import org.flowcoin.moe.train.Trainer;
import org.flowcoin.pot.GenesisCorpus;

/**
 * Records a training curve for docs/training.md: trains on the first 90% of the shipped corpus and
 * reports the canonical loss on held-out sequences from the last 10%.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.flowcoin.benchmarks.train.TrainingCurve \
 *     CONFIG STEPS EVAL_EVERY THREADS LR BATCH SEQ_LEN HELDOUT_SEQUENCES
 * </pre>
 */
public final class TrainingCurve {
    private TrainingCurve() {}

    public static void main(String[] args) {
        ModelConfig config = ModelConfig.preset(args.length > 0 ? args[0] : "tiny");
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        float lr = args.length > 4 ? Float.parseFloat(args[4]) : 3e-3f;
        int batch = args.length > 5 ? Integer.parseInt(args[5]) : 8;
        int len = args.length > 6 ? Integer.parseInt(args[6]) : 256;
        int held = args.length > 7 ? Integer.parseInt(args[7]) : 32;
        byte[] corpus = GenesisCorpus.bytes();
        int cut = corpus.length / 10 * 9;
        byte[] train = Arrays.copyOfRange(corpus, 0, cut);
        List<byte[]> all = Sequences.split(Arrays.copyOfRange(corpus, cut, corpus.length), 256);
        List<byte[]> heldOut = new ArrayList<>(all.subList(0, Math.min(held, all.size())));
        LossEvaluator ev = Evaluators.best(threads);
        ModelWeights w0 = ModelInit.init(config, ModelInit.GENESIS_SEED);
        TrainConfig tc = TrainConfig.defaults().withThreads(threads).withLearningRate(lr).withBatch(batch, len).withSeed(1);
        System.out.printf(Locale.ROOT, "# %s, %d params, threads %d, lr %s, batch %d x %d, held-out %d x 256 bytes, evaluator %s%n",
                config.dims(), config.parameterCount(), threads, lr, batch, len, heldOut.size(), ev.name());
        System.out.println("# step  train_loss  heldout_loss  elapsed_s  tokens_per_s");
        SplittableRandom rnd = new SplittableRandom(1);
        long t0 = System.nanoTime(), tokens = 0, trainNanos = 0;
        double recent = Double.NaN;
        try (Trainer tr = new Trainer(w0, tc)) {
            ModelWeights cur = ModelWeights.zeros(config);
            for (int s = 0; s <= steps; s++) {
                if (s % every == 0 || s == steps) {
                    tr.copyWeightsInto(cur);
                    float hl = ev.meanLoss(cur, heldOut);
                    double el = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "%6d  %10.4f  %12.4f  %9.1f  %12.1f%n", s, recent, hl, el,
                            trainNanos > 0 ? tokens / (trainNanos / 1e9) : 0.0);
                    System.out.flush();
                }
                if (s == steps) break;
                long a = System.nanoTime();
                Trainer.StepStats st = tr.step(train, rnd);
                trainNanos += System.nanoTime() - a;
                tokens += st.tokens();
                recent = st.loss();
            }
        }
    }
}
