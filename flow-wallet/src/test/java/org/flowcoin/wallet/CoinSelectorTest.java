package org.flowcoin.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.tx.OutPoint;
import org.junit.jupiter.api.Test;

class CoinSelectorTest {
    static List<Coin> coins(long... values) {
        List<Coin> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(new Coin(new OutPoint(Hash256.keccak256(new byte[] {(byte) i, (byte) (i >> 8)}), i), values[i],
                    Script.EMPTY, new KeyPath(0, 0, i), 1, false));
        }
        return out;
    }

    static long effective(List<Coin> cs, long inputFee) {
        return cs.stream().mapToLong(c -> c.value() - inputFee).sum();
    }

    @Test
    void branchAndBoundFindsChangelessMatch() throws Exception {
        // 7 + 3 = 10 exactly; largest-first would take 8 + 5 and need change
        var r = CoinSelector.select(coins(8, 5, 7, 3, 100_000), 10, 0, 0, 1);
        assertThat(r.algorithm()).isEqualTo("bnb");
        assertThat(r.needsChange()).isFalse();
        assertThat(r.coins()).extracting(Coin::value).containsExactlyInAnyOrder(7L, 3L);
    }

    @Test
    void fallbackAddsChange() throws Exception {
        var r = CoinSelector.select(coins(1000, 2000, 4000), 2500, 10, 5, 100);
        assertThat(r.algorithm()).isEqualTo("largest-first");
        assertThat(r.needsChange()).isTrue();
        assertThat(r.coins()).extracting(Coin::value).containsExactly(4000L);
        assertThat(r.effective()).isEqualTo(3990);
    }

    @Test
    void insufficientFundsAndUneconomicCoins() {
        assertThatThrownBy(() -> CoinSelector.select(coins(100, 200), 1000, 0, 0, 0))
                .isInstanceOf(InsufficientFundsException.class);
        // coins worth less than their input fee do not count
        assertThatThrownBy(() -> CoinSelector.select(coins(50, 50, 50, 2000), 1990, 60, 0, 0))
                .isInstanceOf(InsufficientFundsException.class)
                .satisfies(e -> assertThat(((InsufficientFundsException) e).available()).isEqualTo(1940));
    }

    /** Cross-check against exhaustive search on small random sets. */
    @Test
    void branchAndBoundAgreesWithExhaustiveSearch() throws Exception {
        Random rnd = new Random(42);
        int rounds = (int) Math.max(50, Long.getLong("flow.fuzz.iterations", 20_000) / 20);
        for (int round = 0; round < rounds; round++) {
            int n = 1 + rnd.nextInt(12);
            long[] v = new long[n];
            for (int i = 0; i < n; i++) v[i] = 1 + rnd.nextInt(50);
            long fee = rnd.nextInt(3);
            long target = 1 + rnd.nextInt(150);
            long window = rnd.nextInt(4);
            List<Coin> cs = coins(v);
            // exhaustive: least excess among subsets of positive-effective coins within the window
            long bestExcess = Long.MAX_VALUE;
            long total = 0;
            for (long x : v) if (x - fee > 0) total += x - fee;
            for (int mask = 1; mask < (1 << n); mask++) {
                long sum = 0;
                boolean ok = true;
                for (int i = 0; i < n; i++) {
                    if ((mask & (1 << i)) != 0) {
                        if (v[i] - fee <= 0) ok = false;
                        sum += v[i] - fee;
                    }
                }
                if (ok && sum >= target && sum <= target + window) bestExcess = Math.min(bestExcess, sum - target);
            }
            if (total < target) {
                assertThatThrownBy(() -> CoinSelector.select(cs, target, fee, window, 1)).isInstanceOf(InsufficientFundsException.class);
                continue;
            }
            var r = CoinSelector.select(cs, target, fee, window, 1);
            long eff = effective(r.coins(), fee);
            assertThat(eff).isEqualTo(r.effective()).isGreaterThanOrEqualTo(target);
            if (bestExcess != Long.MAX_VALUE) {
                assertThat(r.algorithm()).as("round %d", round).isEqualTo("bnb");
                assertThat(eff - target).as("round %d", round).isEqualTo(bestExcess);
            } else {
                assertThat(r.algorithm()).isEqualTo("largest-first");
            }
            assertThat(r.coins()).doesNotHaveDuplicates();
        }
    }

    @Test
    void tenThousandCoinsStayWithinBudget() throws Exception {
        Random rnd = new Random(7);
        long[] v = new long[10_000];
        for (int i = 0; i < v.length; i++) v[i] = 1_000 + rnd.nextInt(10_000_000);
        var r = CoinSelector.select(coins(v), 123_456_789L, 68, 43, 546);
        assertThat(effective(r.coins(), 68)).isGreaterThanOrEqualTo(123_456_789L);
    }
}
