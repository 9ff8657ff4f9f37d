package org.flowcoin.moe.ggml;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers: the native tests run wherever the library is built (linux-x86_64) and skip elsewhere. */
final class GgmlTestSupport {
    private GgmlTestSupport() {}

    /** The test run's choice of CPU backend ({@code -Dflow.ggml.cpu=auto|avx2|avx512}); the library reads no property. */
    static final String CPU_PROPERTY = "flow.ggml.cpu";

    /** Skips on platforms without the libraries; on linux-x86_64 a load failure is a test failure. */
    static Ggml ggml() {
        assumeTrue(Ggml.platformSupported(), "ggml libraries are built for linux-x86_64 only");
        return Ggml.load(System.getProperty(CPU_PROPERTY, "auto"));
    }

    /** Deterministic text-like byte sequences. */
    static List<byte[]> sequences(int count, int length, long seed) {
        String[] w = "the of and to in a is that for it as was with be by on not he this are or his from at which".split(" ");
        long s = seed;
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < length) {
                s = s * 6364136223846793005L + 1442695040888963407L;
                sb.append(w[(int) ((s >>> 33) % w.length)]).append(' ');
            }
            out.add(sb.substring(0, length).getBytes(StandardCharsets.US_ASCII));
        }
        return out;
    }

    /** Distance in units in the last place between two finite floats of the same sign. */
    static long ulps(float a, float b) {
        int ia = Float.floatToRawIntBits(a), ib = Float.floatToRawIntBits(b);
        if (ia < 0) ia = Integer.MIN_VALUE - ia;
        if (ib < 0) ib = Integer.MIN_VALUE - ib;
        return Math.abs((long) ia - ib);
    }
}
