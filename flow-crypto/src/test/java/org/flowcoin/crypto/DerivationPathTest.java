package org.flowcoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DerivationPathTest {
    @Test
    void parsesTheFlowPath() {
        DerivationPath p = DerivationPath.parse("m/44'/9555'/0'/0'/0'");
        assertThat(p).isEqualTo(DerivationPath.flow(0, 0, 0));
        assertThat(p.depth()).isEqualTo(5);
        assertThat(p.index(1)).isEqualTo(9555 | DerivationPath.HARDENED);
        assertThat(p.toString()).isEqualTo("m/44'/9555'/0'/0'/0'");
        assertThat(DerivationPath.parse("m")).isEqualTo(DerivationPath.master());
        assertThat(DerivationPath.parse("m/2147483647'").index(0)).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "M", "m/", "/0'", "m/0", "m/44'/9555'/0'/0'/0", "m/0h", "m/0H", "m/0''", "m//0'", "m/00'", "m/01'",
        "m/-1'", "m/+1'", "m/2147483648'", "m/99999999999999999999'", "m/0'/", " m/0'", "m/0' ", "m/ 0'", "m/0'x",
        "m/１'", "n/0'", "mm/0'",
    })
    void rejectsBadSyntax(String s) {
        assertThatThrownBy(() -> DerivationPath.parse(s)).isInstanceOf(DerivationPathException.class);
    }

    @Test
    void depthIsLimited() {
        String ok = "m" + "/0'".repeat(255);
        assertThat(DerivationPath.parse(ok).depth()).isEqualTo(255);
        assertThatThrownBy(() -> DerivationPath.parse(ok + "/0'")).isInstanceOf(DerivationPathException.class);
        assertThatThrownBy(() -> DerivationPath.parse("m" + "/0'".repeat(5000))).isInstanceOf(DerivationPathException.class);
    }

    @Test
    void randomPathsRoundTripAndGarbageFailsTyped() {
        SplittableRandom rnd = new SplittableRandom(44);
        int n = Integer.getInteger("flow.fuzz.iterations", 20000);
        for (int i = 0; i < n; i++) {
            int[] idx = new int[rnd.nextInt(8)];
            for (int j = 0; j < idx.length; j++) idx[j] = rnd.nextInt(Integer.MAX_VALUE);
            DerivationPath p = DerivationPath.ofHardened(idx);
            assertThat(DerivationPath.parse(p.toString())).isEqualTo(p);
            String s = p.toString();
            StringBuilder sb = new StringBuilder(s);
            sb.setCharAt(rnd.nextInt(sb.length()), "m/'0123456789h x".charAt(rnd.nextInt(16)));
            try {
                DerivationPath q = DerivationPath.parse(sb.toString());
                assertThat(q.toString()).isEqualTo(sb.toString());
            } catch (DerivationPathException expected) {
                // the only permitted failure
            }
        }
    }
}
