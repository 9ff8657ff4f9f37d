package org.flowcoin.moe.internal;

/**
 * Product-key top-2 routing (docs/spec/model.md 3.3), the one implementation the canonical
 * evaluator and the trainer share. Only comparisons and one float add per candidate, so it is
 * exact on any platform; the ggml graph routes with its own ops and is cross-checked against it.
 */
public final class Routing {
    private Routing() {}

    /**
     * The two chosen experts in rank order, as (E1 &lt;&lt; 32) | E2, for the sub-key scores
     * sa[o..o+s) and sb[o..o+s). Ties go to the lower index, candidates are ranked in
     * increasing expert index.
     */
    public static long top2(float[] sa, float[] sb, int o, int s) {
        int a1 = best(sa, o, s, -1), a2 = best(sa, o, s, a1);
        int b1 = best(sb, o, s, -1), b2 = best(sb, o, s, b1);
        int aLo = Math.min(a1, a2), aHi = Math.max(a1, a2), bLo = Math.min(b1, b2), bHi = Math.max(b1, b2);
        int[] ce = {aLo * s + bLo, aLo * s + bHi, aHi * s + bLo, aHi * s + bHi};
        float[] cs = {sa[o + aLo] + sb[o + bLo], sa[o + aLo] + sb[o + bHi], sa[o + aHi] + sb[o + bLo], sa[o + aHi] + sb[o + bHi]};
        int first = 0;
        for (int i = 1; i < 4; i++) if (cs[i] > cs[first]) first = i;
        int second = first == 0 ? 1 : 0;
        for (int i = 0; i < 4; i++) if (i != first && cs[i] > cs[second]) second = i;
        return ((long) ce[first] << 32) | ce[second];
    }

    /** Index of the highest score in sc[o..o+s) other than {@code skip}; ties to the lower index. */
    private static int best(float[] sc, int o, int s, int skip) {
        int b = -1;
        for (int i = 0; i < s; i++) {
            if (i == skip) continue;
            if (b < 0 || sc[o + i] > sc[o + b]) b = i;
        }
        return b;
    }
}
