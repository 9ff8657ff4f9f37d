package org.flowcoin.moe.ggml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.junit.jupiter.api.Test;

/**
 * 1,000 evaluations must not grow the process's resident memory: every ggml context, thread pool and
 * arena of a call is released before it returns. Each call allocates about 1 MB of ggml context
 * memory, so a leak of any context shows as hundreds of MB.
 */
class GgmlLeakTest {
    static long rssKb() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
        throw new IllegalStateException("no VmRSS");
    }

    @Test
    void thousandEvaluationsDoNotLeak() throws Exception {
        GgmlTestSupport.ggml();
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "leak");
        List<byte[]> seq = List.of(GgmlTestSupport.sequences(1, 12, 3).get(0));
        GgmlEvaluator ev = new GgmlEvaluator(1);
        float first = ev.meanLoss(w, seq);
        for (int i = 0; i < 100; i++) ev.meanLoss(w, seq); // warm-up: JIT, malloc arenas
        System.gc();
        long before = rssKb();
        for (int i = 0; i < 1000; i++) {
            assertThat(ev.meanLoss(w, seq)).isEqualTo(first);
        }
        System.gc();
        long grown = rssKb() - before;
        System.out.println("ggml leak check: RSS grew " + grown + " kB over 1000 evaluations");
        assertThat(grown).isLessThan(48 * 1024);
    }
}
