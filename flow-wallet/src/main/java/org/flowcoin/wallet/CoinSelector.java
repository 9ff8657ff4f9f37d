package org.flowcoin.wallet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses coins for a payment. First branch-and-bound (Bitcoin Core's algorithm): a depth-first
 * search, largest effective value first, for a subset whose effective value lands in
 * {@code [target, target + costOfChange]}, so no change output is needed; among the matches the
 * one with the least excess wins. If none exists within {@link #BNB_MAX_TRIES} steps, the
 * fallback takes coins largest first until the payment, the change output and a non-dust change
 * are covered.
 *
 * <p>Effective value = value − the fee of spending the coin at the chosen rate; coins with no
 * positive effective value are never selected.
 *
 * <pre>{@code
 * CoinSelector.Result r = CoinSelector.select(coins, target, inputFee, costOfChange, minChange);
 * r.coins(); r.needsChange();
 * }</pre>
 */
public final class CoinSelector {
    /** Search budget of branch-and-bound (Bitcoin Core uses the same). */
    public static final int BNB_MAX_TRIES = 100_000;

    private CoinSelector() {}

    /**
     * @param coins       selected coins, in no particular order
     * @param effective   their summed effective value
     * @param needsChange whether the caller must add a change output
     * @param algorithm   "bnb" or "largest-first"
     */
    public record Result(List<Coin> coins, long effective, boolean needsChange, String algorithm) {
        public Result {
            coins = List.copyOf(coins);
        }
    }

    /**
     * @param target       payments plus the fee of the transaction without inputs and without change
     * @param inputFee     fee of one input at the chosen rate
     * @param costOfChange fee of a change output (plus, if the caller wishes, of spending it later)
     * @param minChange    smallest change worth creating (dust limit)
     */
    public static Result select(List<Coin> coins, long target, long inputFee, long costOfChange, long minChange)
            throws InsufficientFundsException {
        if (target <= 0 || inputFee < 0 || costOfChange < 0 || minChange < 0) throw new IllegalArgumentException("bad selection parameters");
        List<Coin> usable = new ArrayList<>();
        long total = 0;
        for (Coin c : coins) {
            if (c.value() - inputFee > 0) {
                usable.add(c);
                total += c.value() - inputFee;
            }
        }
        if (total < target) throw new InsufficientFundsException(total, target);
        usable.sort(Comparator.comparingLong(Coin::value).reversed().thenComparing(c -> c.outpoint().txid())
                .thenComparingInt(c -> c.outpoint().index()));
        long[] eff = new long[usable.size()];
        for (int i = 0; i < eff.length; i++) eff[i] = usable.get(i).value() - inputFee;

        boolean[] best = branchAndBound(eff, target, costOfChange);
        if (best != null) {
            List<Coin> out = new ArrayList<>();
            long sum = 0;
            for (int i = 0; i < eff.length; i++) {
                if (best[i]) {
                    out.add(usable.get(i));
                    sum += eff[i];
                }
            }
            return new Result(out, sum, false, "bnb");
        }
        long need = target + costOfChange + minChange;
        List<Coin> out = new ArrayList<>();
        long sum = 0;
        for (int i = 0; i < eff.length && sum < need; i++) {
            out.add(usable.get(i));
            sum += eff[i];
        }
        if (sum >= need) return new Result(out, sum, true, "largest-first");
        // Cannot afford a change output: everything above target goes to the fee.
        return new Result(out, sum, false, "largest-first");
    }

    /** Returns the inclusion flags of the best exact-enough subset, or null. Inputs sorted descending. */
    static boolean[] branchAndBound(long[] eff, long target, long costOfChange) {
        int n = eff.length;
        long[] remaining = new long[n + 1];
        for (int i = n - 1; i >= 0; i--) remaining[i] = remaining[i + 1] + eff[i];
        boolean[] current = new boolean[n];
        boolean[] best = null;
        long bestExcess = Long.MAX_VALUE;
        long sum = 0;
        int depth = 0;
        // Iterative DFS: at each depth first try including coin `depth`, then excluding it.
        for (int tries = 0; tries < BNB_MAX_TRIES; tries++) {
            boolean backtrack = false;
            if (sum + remaining[depth] < target) {
                backtrack = true; // even everything left is not enough
            } else if (sum > target + costOfChange) {
                backtrack = true; // overshoot
            } else if (sum >= target) {
                long excess = sum - target;
                if (excess < bestExcess) {
                    bestExcess = excess;
                    best = current.clone();
                    if (excess == 0) break;
                }
                backtrack = true;
            }
            if (!backtrack && depth == n) backtrack = true;
            if (backtrack) {
                // undo back to the last included coin and exclude it instead
                int i = depth - 1;
                while (i >= 0 && !current[i]) i--;
                if (i < 0) break; // search space exhausted
                current[i] = false;
                sum -= eff[i];
                depth = i + 1;
            } else {
                current[depth] = true;
                sum += eff[depth];
                depth++;
            }
        }
        return best;
    }
}
