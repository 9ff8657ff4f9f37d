package org.flowcoin.moe;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Deterministic evaluation data for tests: English-like text bytes from a fixed LCG. */
final class TestData {
    private TestData() {}

    static final String WORDS = "the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were";

    static List<byte[]> sequences(int count, int length, long seed) {
        String[] w = WORDS.split(" ");
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
}
