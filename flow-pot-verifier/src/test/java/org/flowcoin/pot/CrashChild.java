package org.flowcoin.pot;

import java.time.InstantSource;
import java.nio.file.Path;

/** Child process of {@link CrashTest}: mines and connects blocks, reporting each one once it is connected. */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        PotParams p = TestMiner.testParams();
        int haltAt = Integer.parseInt(args[3]); // 0: run until killed; 1, 2: halt at that crash point
        ChainState.CrashHook hook = point -> {
            if (point.ordinal() + 1 == haltAt) Runtime.getRuntime().halt(137);
        };
        try (ChainState cs = ChainState.open(dir, p, TestMiner.EVALUATOR, ChainState.Options.of(InstantSource.system()).withCrashHook(hook))) {
            TestMiner m = new TestMiner(p, Long.parseLong(args[1]));
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                ChainState.Result r = cs.submit(m.mine(cs));
                if (r.status() != ChainState.Status.CONNECTED) throw new IllegalStateException(r.toString());
                System.out.println("CONNECTED " + cs.tipHeight() + " " + cs.tipHash());
                System.out.flush();
            }
        }
    }
}
