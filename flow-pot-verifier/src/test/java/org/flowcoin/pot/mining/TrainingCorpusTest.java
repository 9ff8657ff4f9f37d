package org.flowcoin.pot.mining;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
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
import org.junit.jupiter.api.Test;

/** Training on the shipped corpus lowers the canonical loss on held-out text (docs/training.md section 6). */
class TrainingCorpusTest {
    @Test
    void tinyModelLearnsTheCorpus() {
        byte[] corpus = GenesisCorpus.bytes();
        int cut = corpus.length / 10 * 9;
        byte[] train = Arrays.copyOf(corpus, cut);
        List<byte[]> heldOut = Sequences.split(Arrays.copyOfRange(corpus, cut, cut + 8 * 256), 256);
        LossEvaluator ev = Evaluators.reference(2);
        ModelWeights w0 = ModelInit.init(ModelConfig.tiny(), ModelInit.GENESIS_SEED);
        float before = ev.meanLoss(w0, heldOut);
        float after;
        try (Trainer tr = new Trainer(w0, TrainConfig.defaults().withThreads(2).withLearningRate(1e-2f).withBatch(4, 128))) {
            SplittableRandom rnd = new SplittableRandom(11);
            float first = Float.NaN, last = Float.NaN;
            for (int i = 0; i < 20; i++) {
                last = tr.step(train, rnd).loss();
                if (i == 0) first = last;
            }
            assertThat(last).isLessThan(first - 1.0f);
            after = ev.meanLoss(tr.weights(), heldOut);
        }
        assertThat(before).isGreaterThan(5.0f);
        assertThat(after).isLessThan(before - 1.5f);
        // the caller's weights were not touched
        assertThat(ev.meanLoss(w0, heldOut)).isEqualTo(before);
    }
}
