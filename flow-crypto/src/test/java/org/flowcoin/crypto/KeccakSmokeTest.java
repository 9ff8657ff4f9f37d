package org.flowcoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeccakSmokeTest {
    @Test
    void emptyInput() {
        assertThat(HexFormat.of().formatHex(Keccak.keccak256(new byte[0])))
                .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }
}
