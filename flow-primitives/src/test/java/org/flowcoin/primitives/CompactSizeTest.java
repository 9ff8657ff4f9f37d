package org.flowcoin.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompactSizeTest {
    private static byte[] enc(long v) {
        ByteBuffer b = ByteBuffer.allocate(9);
        CompactSize.write(b, v);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    @ParameterizedTest
    @CsvSource({"0,00", "252,fc", "253,fdfd00", "65535,fdffff", "65536,fe00000100", "33554432,fe00000002"})
    void encodesAndDecodesBoundaries(long v, String hex) {
        assertThat(HexFormat.of().formatHex(enc(v))).isEqualTo(hex);
        assertThat(CompactSize.size(v)).isEqualTo(hex.length() / 2);
        assertThat(CompactSize.read(ByteBuffer.wrap(HexFormat.of().parseHex(hex)), "n", CompactSize.MAX)).isEqualTo(v);
    }

    @Test
    void encodesLargeValuesWithNineBytes() {
        assertThat(HexFormat.of().formatHex(enc(0x1_0000_0000L))).isEqualTo("ff0000000001000000");
    }

    @ParameterizedTest
    @CsvSource({"fdfc00", "fd0000", "feffff0000", "fe00000000", "ffffffffff00000000", "ff0000000000000000"})
    void rejectsNonMinimalEncodings(String hex) {
        assertThatThrownBy(() -> CompactSize.read(ByteBuffer.wrap(HexFormat.of().parseHex(hex)), "count", CompactSize.MAX))
                .isInstanceOf(DecodeException.class).hasMessageContaining("count").hasMessageContaining("non-minimal");
    }

    @ParameterizedTest
    @CsvSource({"fe01000002", "ffffffffffffffffff", "ff0000000001000000"})
    void rejectsValuesAboveTheLimit(String hex) {
        assertThatThrownBy(() -> CompactSize.read(ByteBuffer.wrap(HexFormat.of().parseHex(hex)), "len", CompactSize.MAX))
                .isInstanceOf(DecodeException.class).hasMessageContaining("len").hasMessageContaining("exceeds");
    }

    @Test
    void rejectsValuesAboveACallerLimit() {
        assertThatThrownBy(() -> CompactSize.read(ByteBuffer.wrap(new byte[] {(byte) 0xfc}), "items", 10))
                .isInstanceOf(DecodeException.class).hasMessageContaining("items");
    }

    @ParameterizedTest
    @CsvSource({"''", "fd", "fd01", "fe010000", "ff01020304050607"})
    void rejectsTruncatedInput(String hex) {
        assertThatThrownBy(() -> CompactSize.read(ByteBuffer.wrap(HexFormat.of().parseHex(hex)), "count", CompactSize.MAX))
                .isInstanceOf(DecodeException.class).hasMessageContaining("truncated");
    }
}
