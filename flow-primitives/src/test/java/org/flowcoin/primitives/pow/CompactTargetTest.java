package org.flowcoin.primitives.pow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cases from Bitcoin Core src/test/arith_uint256_tests.cpp (bignum_SetCompact), values copied
 * verbatim: nbits, the decoded value (hex), GetCompact of it (with the sign when negative), and the
 * negative / overflow flags.
 */
class CompactTargetTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "00000000, 0, 00000000, false, false",
        "00123456, 0, 00000000, false, false",
        "01003456, 0, 00000000, false, false",
        "02000056, 0, 00000000, false, false",
        "03000000, 0, 00000000, false, false",
        "04000000, 0, 00000000, false, false",
        "00923456, 0, 00000000, false, false",
        "01803456, 0, 00000000, false, false",
        "02800056, 0, 00000000, false, false",
        "03800000, 0, 00000000, false, false",
        "04800000, 0, 00000000, false, false",
        "01123456, 12, 01120000, false, false",
        "01fedcba, 7e, 01fe0000, true, false",
        "02123456, 1234, 02123400, false, false",
        "03123456, 123456, 03123456, false, false",
        "04123456, 12345600, 04123456, false, false",
        "04923456, 12345600, 04923456, true, false",
        "05009234, 92340000, 05009234, false, false",
        "20123456, 1234560000000000000000000000000000000000000000000000000000000000, 20123456, false, false",
    })
    void bitcoinCoreSetCompactVectors(String nbits, String valueHex, String compact, boolean negative, boolean overflow) {
        CompactTarget.Decoded d = CompactTarget.decode(CompactTarget.parseHex(nbits));
        assertThat(d.value()).isEqualTo(new BigInteger(valueHex, 16));
        assertThat(d.negative()).isEqualTo(negative);
        assertThat(d.overflow()).isEqualTo(overflow);
        assertThat(CompactTarget.hex(CompactTarget.encode(d.value(), d.negative()))).isEqualTo(compact);
    }

    @Test
    void parsesOnlyHexDigits() {
        assertThat(CompactTarget.parseHex("0x1d00ffff")).isEqualTo(0x1d00ffff);
        assertThat(CompactTarget.parseHex("ffffffff")).isEqualTo(-1);
        for (String bad : new String[] {"", "-1", "+1", "123456789", "1d00fffg", "0x"}) {
            assertThatThrownBy(() -> CompactTarget.parseHex(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void overflowFlag() {
        assertThat(CompactTarget.decode(0xff123456).overflow()).isTrue();
        assertThat(CompactTarget.decode(0xff123456).negative()).isFalse();
        // Boundaries of the overflow rule: size 34 with a one-byte mantissa fits, 35 does not.
        assertThat(CompactTarget.decode(0x220000ff).overflow()).isFalse();
        assertThat(CompactTarget.decode(0x230000ff).overflow()).isTrue();
        assertThat(CompactTarget.decode(0x2100ffff).overflow()).isFalse();
        assertThat(CompactTarget.decode(0x2200ffff).overflow()).isTrue();
        assertThat(CompactTarget.decode(0x21010000).overflow()).isTrue();
    }

    @Test
    void getCompactNeverSetsTheSignBitForPositiveValues() {
        // arith_uint256_tests: num = 0x80 -> GetCompact 0x02008000
        assertThat(CompactTarget.encode(BigInteger.valueOf(0x80))).isEqualTo(0x02008000);
    }

    @Test
    void bitcoinDifficultyOneTarget() {
        assertThat(CompactTarget.toTarget(0x1d00ffff)).isEqualTo(new BigInteger("ffff", 16).shiftLeft(208));
        // GetBlockProof of a difficulty-1 block is 0x100010001 (4295032833 hashes).
        assertThat(Difficulty.work(CompactTarget.toTarget(0x1d00ffff))).isEqualTo(BigInteger.valueOf(4_295_032_833L));
    }

    @Test
    void toTargetRejectsNegativeZeroAndOverflow() {
        assertThatThrownBy(() -> CompactTarget.toTarget(0x04923456)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> CompactTarget.toTarget(0x01003456)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero");
        assertThatThrownBy(() -> CompactTarget.toTarget(0xff123456)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflow");
    }

    @Test
    void encodeDecodeRoundTripsOnRandomValues() {
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            BigInteger v = new BigInteger(1 + r.nextInt(256), r);
            int c = CompactTarget.encode(v);
            BigInteger back = CompactTarget.decode(c).value();
            // The compact form keeps the top 23 significant bits: decode(encode(v)) <= v, and re-encoding is stable.
            assertThat(back).isLessThanOrEqualTo(v);
            assertThat(CompactTarget.encode(back)).isEqualTo(c);
            assertThat(v.subtract(back).bitLength()).isLessThanOrEqualTo(Math.max(0, v.bitLength() - 16));
        }
    }

    @Test
    void workIsTwoTo256OverTargetPlusOne() {
        assertThat(Difficulty.work(BigInteger.ONE.shiftLeft(255))).isEqualTo(BigInteger.ONE);
        assertThat(Difficulty.work(BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE))).isEqualTo(BigInteger.TWO);
        assertThat(Difficulty.work(BigInteger.ZERO)).isEqualTo(BigInteger.ONE.shiftLeft(256));
    }
}
