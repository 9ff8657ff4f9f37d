package org.flowcoin.primitives.pow;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.flowcoin.primitives.ChainParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DifficultyTest {
    private static final BigInteger BITCOIN_POW_LIMIT = new BigInteger("00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 16);
    private static final long BITCOIN_TIMESPAN = 14 * 24 * 60 * 60;

    /** Bitcoin Core src/test/pow_tests.cpp: get_next_work, _pow_limit, _lower_limit_actual, _upper_limit_actual. */
    @ParameterizedTest(name = "{4}")
    @CsvSource({
        "1d00ffff, 1261130161, 1262152739, 1d00d86a, get_next_work",
        "1d00ffff, 1231006505, 1233061996, 1d00ffff, get_next_work_pow_limit",
        "1c05a3f4, 1279008237, 1279297671, 1c0168fd, get_next_work_lower_limit_actual",
        "1c387f6f, 1263163443, 1269211443, 1d00e1fd, get_next_work_upper_limit_actual",
    })
    void reproducesBitcoinCoreRetargets(String bits, long first, long last, String expected, String name) {
        int next = Difficulty.retarget(CompactTarget.parseHex(bits), first, last, BITCOIN_TIMESPAN, BITCOIN_POW_LIMIT);
        assertThat(CompactTarget.hex(next)).isEqualTo(expected);
    }

    @Test
    void mainnetParamsRetargetWithTheSameRule() {
        ChainParams main = ChainParams.mainnet();
        assertThat(main.targetTimespan()).isEqualTo(BITCOIN_TIMESPAN);
        // Exactly on schedule: unchanged.
        assertThat(main.nextNbits(0x1c05a3f4, 0, BITCOIN_TIMESPAN)).isEqualTo(0x1c05a3f4);
        // Twice too slow from powLimit: stays capped at powLimit.
        assertThat(main.nextNbits(main.powLimitBits(), 0, 2 * BITCOIN_TIMESPAN)).isEqualTo(main.powLimitBits());
        // Instant blocks (negative timespan): clamped to a 4x harder target.
        BigInteger t = CompactTarget.toTarget(main.powLimitBits());
        assertThat(CompactTarget.toTarget(main.nextNbits(main.powLimitBits(), 100, 50))).isEqualTo(t.divide(BigInteger.valueOf(4)));
        assertThat(ChainParams.regtest().nextNbits(0x207fffff, 0, 1)).isEqualTo(0x207fffff);
    }

    @Test
    void retargetNearTheTopOfTheRangeIsExact() {
        // 0x207fffff * 4 needs more than 256 bits before the powLimit cap; BigInteger keeps it exact.
        BigInteger limit = CompactTarget.toTarget(0x207fffff);
        int next = Difficulty.retarget(0x207fffff, 0, 100 * BITCOIN_TIMESPAN, BITCOIN_TIMESPAN, limit);
        assertThat(next).isEqualTo(0x207fffff);
        int half = Difficulty.retarget(0x207fffff, 0, BITCOIN_TIMESPAN / 2, BITCOIN_TIMESPAN, limit);
        assertThat(half).isEqualTo(CompactTarget.encode(CompactTarget.toTarget(0x207fffff).shiftRight(1)));
        assertThat(CompactTarget.hex(half)).isEqualTo("203fffff");
    }

    @Test
    void boostFollowsTheFloatBitFormula() {
        int k = 16, max = 8;
        int five = Float.floatToRawIntBits(5.0f);
        assertThat(Difficulty.boost(five, five, k, max)).isZero();
        // One f32 ulp of improvement: floor(16 / 2^23) = 0.
        assertThat(Difficulty.boost(five, five - 1, k, max)).isZero();
        // 2^19 ulps: exactly one boost step at K = 16.
        assertThat(Difficulty.boost(five, five - (1 << 19), k, max)).isEqualTo(1);
        assertThat(Difficulty.boost(five, five - (1 << 19) + 1, k, max)).isZero();
        // Halving the loss is 2^23 ulps: 16 steps, capped at 8.
        assertThat(Difficulty.boost(Float.floatToRawIntBits(4.0f), Float.floatToRawIntBits(2.0f), k, max)).isEqualTo(8);
        // Worse loss: no boost.
        assertThat(Difficulty.boost(Float.floatToRawIntBits(2.0f), Float.floatToRawIntBits(4.0f), k, max)).isZero();
        // Non-finite, zero or negative values: no boost.
        assertThat(Difficulty.boost(Float.floatToRawIntBits(Float.NaN), five, k, max)).isZero();
        assertThat(Difficulty.boost(Float.floatToRawIntBits(Float.POSITIVE_INFINITY), five, k, max)).isZero();
        assertThat(Difficulty.boost(five, 0, k, max)).isZero();
        assertThat(Difficulty.boost(five, Float.floatToRawIntBits(-1.0f), k, max)).isZero();
    }

    @Test
    void effectiveTargetShiftsAndCaps() {
        BigInteger limit = BigInteger.ONE.shiftLeft(240);
        assertThat(Difficulty.effectiveTarget(BigInteger.ONE.shiftLeft(200), 3, limit)).isEqualTo(BigInteger.ONE.shiftLeft(203));
        assertThat(Difficulty.effectiveTarget(BigInteger.ONE.shiftLeft(239), 3, limit)).isEqualTo(limit);
    }

    @Test
    void difficultyIsRelativeToTheReference() {
        BigInteger ref = CompactTarget.toTarget(0x1d00ffff);
        assertThat(Difficulty.difficulty(ref, ref)).isEqualTo(1.0);
        // Bitcoin block 32256 (nbits 1d00d86a): difficulty 0xffff / 0xd86a = 1.182899534...
        assertThat(Difficulty.difficulty(CompactTarget.toTarget(0x1d00d86a), ref))
                .isCloseTo(65535.0 / 55402.0, org.assertj.core.data.Offset.offset(1e-12));
    }
}
