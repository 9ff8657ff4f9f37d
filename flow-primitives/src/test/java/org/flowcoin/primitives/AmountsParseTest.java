package org.flowcoin.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decimal FLOW amounts: exact values, the inverse of format, and every malformed form refused. */
class AmountsParseTest {
    @Test
    void exactValues() {
        assertThat(Amounts.parse("1")).isEqualTo(Amounts.COIN);
        assertThat(Amounts.parse("1.5")).isEqualTo(150_000_000L);
        assertThat(Amounts.parse("0.00000001")).isEqualTo(1L);
        assertThat(Amounts.parse("0")).isZero();
        assertThat(Amounts.parse("000.10")).isEqualTo(10_000_000L);
        assertThat(Amounts.parse("21000000")).isEqualTo(Amounts.MAX_MONEY);
        assertThat(Amounts.parse("20999999.99999999")).isEqualTo(Amounts.MAX_MONEY - 1);
        assertThat(Amounts.parse("0000000000000021000000.0")).isEqualTo(Amounts.MAX_MONEY);
    }

    @Test
    void inverseOfFormat() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            long h = i < 10 ? i : r.nextLong(Amounts.MAX_MONEY + 1);
            assertThat(Amounts.parse(Amounts.format(h))).isEqualTo(h);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "1.", ".5", "-1", "+1", "1e8", "1,5", "1 ", " 1", "1.5.0", "0x10", "\uff11", "\u0661",
            "1.123456789", "21000000.00000001", "21000001", "99999999999999999999", "NaN", "1_000"})
    void refusesMalformedOrOutOfRange(String s) {
        assertThatThrownBy(() -> Amounts.parse(s)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'");
    }

    @Test
    void longInputIsCutInTheMessage() {
        String s = "9".repeat(10_000);
        assertThatThrownBy(() -> Amounts.parse(s)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(100));
    }
}
