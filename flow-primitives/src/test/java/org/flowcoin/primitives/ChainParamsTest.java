package org.flowcoin.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChainParamsTest {
    @Test
    void subsidySumsToBitcoinsTotal() {
        ChainParams main = ChainParams.mainnet();
        long total = 0;
        for (long era = 0; era < 64; era++) total += main.subsidy(era * main.halvingInterval()) * main.halvingInterval();
        // Bitcoin's 20,999,999.9769 BTC in base units.
        assertThat(total).isEqualTo(2_099_999_997_690_000L);
        assertThat(total).isLessThanOrEqualTo(Amounts.MAX_MONEY);
    }

    @Test
    void halvingBoundaries() {
        ChainParams main = ChainParams.mainnet();
        assertThat(main.subsidy(0)).isEqualTo(5_000_000_000L);
        assertThat(main.subsidy(209_999)).isEqualTo(5_000_000_000L);
        assertThat(main.subsidy(210_000)).isEqualTo(2_500_000_000L);
        assertThat(main.subsidy(420_000)).isEqualTo(1_250_000_000L);
        assertThat(main.subsidy(33 * 210_000L - 1)).isEqualTo(1);
        assertThat(main.subsidy(33 * 210_000L)).isZero();
        assertThat(main.subsidy(64 * 210_000L)).isZero();
        assertThat(main.subsidy(Long.MAX_VALUE)).isZero();
        ChainParams reg = ChainParams.regtest();
        assertThat(reg.subsidy(149)).isEqualTo(5_000_000_000L);
        assertThat(reg.subsidy(150)).isEqualTo(2_500_000_000L);
        assertThatThrownBy(() -> main.subsidy(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void networksDiffer() {
        List<ChainParams> all = List.of(ChainParams.mainnet(), ChainParams.testnet(), ChainParams.regtest());
        assertThat(Set.copyOf(all.stream().map(ChainParams::magic).toList())).hasSize(3);
        assertThat(all.stream().map(ChainParams::hrp).toList()).containsExactly("fl", "tfl", "rfl");
        assertThat(all.stream().map(ChainParams::defaultPort).toList()).containsExactly(9555, 19555, 29555);
        assertThat(ChainParams.mainnet().retargeting()).isTrue();
        assertThat(ChainParams.regtest().retargeting()).isFalse();
        assertThat(ChainParams.mainnet().magicBytes()).containsExactly(0xf1, 0xc0, 0x1e, 0x01);
        assertThat(ChainParams.mainnet().powLimit()).isEqualTo(new BigInteger("ffff", 16).shiftLeft(224));
        assertThat(ChainParams.forName("test")).isEqualTo(ChainParams.testnet());
        assertThatThrownBy(() -> ChainParams.forName("x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mainnetGrowthSchedule() {
        GrowthSchedule g = ChainParams.mainnet().growthSchedule();
        assertThat(g.dimsAt(0)).isEqualTo(new ModelDims(512, 8, 4, 8, 2, 1024));
        assertThat(g.dimsAt(63)).isEqualTo(new ModelDims(512, 8, 4, 8, 2, 1024));
        assertThat(g.dimsAt(64)).isEqualTo(new ModelDims(512, 10, 4, 8, 2, 1024));
        assertThat(g.dimsAt(128)).isEqualTo(new ModelDims(640, 12, 4, 10, 2, 1024));
        assertThat(g.dimsAt(448)).isEqualTo(new ModelDims(896, 22, 4, 14, 2, 1024));
        assertThat(g.dimsAt(512)).isEqualTo(new ModelDims(1024, 24, 4, 16, 2, 1024));
        assertThat(g.dimsAt(1023)).isEqualTo(new ModelDims(1024, 24, 4, 16, 2, 1024));
        assertThat(g.dimsAt(1024).nExperts()).isEqualTo(4096);
        assertThat(g.dimsAt(2048).nExperts()).isEqualTo(16384);
        assertThat(g.dimsAt(3072).nExperts()).isEqualTo(65536);
        assertThat(g.dimsAt(1_000_000).nExperts()).isEqualTo(65536);
        assertThat(g).isEqualTo(ChainParams.testnet().growthSchedule());
    }

    @Test
    void regtestGrowthSchedule() {
        GrowthSchedule g = ChainParams.regtest().growthSchedule();
        assertThat(g.dimsAt(0)).isEqualTo(new ModelDims(64, 2, 16, 1, 1, 16));
        assertThat(g.dimsAt(8).nLayers()).isEqualTo(3);
        assertThat(g.dimsAt(15).nExperts()).isEqualTo(16);
        assertThat(g.dimsAt(16).nExperts()).isEqualTo(64);
    }

    @Test
    void amountsAreRangeChecked() {
        assertThat(Amounts.add(1, 2)).isEqualTo(3);
        assertThatThrownBy(() -> Amounts.add(Amounts.MAX_MONEY, 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Amounts.add(Long.MAX_VALUE, Long.MAX_VALUE)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Amounts.subtract(1, 2)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Amounts.sum(-1)).isInstanceOf(ArithmeticException.class);
        assertThat(Amounts.format(150_000_000L)).isEqualTo("1.5");
        assertThat(Amounts.format(1)).isEqualTo("0.00000001");
        assertThat(Amounts.format(Amounts.MAX_MONEY)).isEqualTo("21000000");
    }

    @Test
    void hashHexOrders() {
        Hash256 h = Hash256.fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        assertThat(h.toReversedHex()).isEqualTo("1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100");
        assertThat(h.toUnsignedLittleEndian()).isEqualTo(new BigInteger(h.toReversedHex(), 16));
        assertThatThrownBy(() -> Hash256.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hash256.fromHex("00")).isInstanceOf(DecodeException.class).hasMessageContaining("hash");
        assertThatThrownBy(() -> Hash256.fromHex("zz".repeat(32))).isInstanceOf(DecodeException.class).hasMessageContaining("hash");
    }
}
