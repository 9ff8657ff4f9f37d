package org.flowcoin.pot;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimingProbeTest {
    @Test
    void probe(@TempDir Path dir) throws Exception {
        PotParams p = TestMiner.testParams();
        long t0 = System.nanoTime();
        try (ChainState cs = ChainState.open(dir, p, TestMiner.EVALUATOR)) {
            long t1 = System.nanoTime();
            var vh = cs.validationSet(cs.tipHash());
            var w = cs.weightsCopy();
            long t2 = System.nanoTime();
            for (int i = 0; i < 5; i++) TestMiner.EVALUATOR.meanLoss(w, vh.sequences());
            long t3 = System.nanoTime();
            ModelRoot.compute(w);
            long t4 = System.nanoTime();
            TestMiner m = new TestMiner(p, 1);
            var d = m.draft(cs);
            long t5 = System.nanoTime();
            var b = m.finish(d);
            long t6 = System.nanoTime();
            cs.submit(b);
            long t7 = System.nanoTime();
            System.out.printf("open %d ms, vh %d, 5 evals %d, root %d, draft %d, finish %d, submit %d%n", (t1 - t0) / 1000000, (t2 - t1) / 1000000,
                    (t3 - t2) / 1000000, (t4 - t3) / 1000000, (t5 - t4) / 1000000, (t6 - t5) / 1000000, (t7 - t6) / 1000000);
        }
    }
}
