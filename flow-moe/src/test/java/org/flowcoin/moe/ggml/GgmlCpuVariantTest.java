package org.flowcoin.moe.ggml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.flowcoin.ggml.natives.GgmlNatives;
import org.junit.jupiter.api.Test;

/** Which CPU backend the loader picks for a set of CPU flags, and what it refuses. */
class GgmlCpuVariantTest {
    private static final Set<String> AVX2 = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "bmi2");

    private static Set<String> avx512() {
        Set<String> s = new HashSet<>(AVX2);
        s.addAll(GgmlNatives.AVX512_FLAGS);
        return s;
    }

    @Test
    void autoPicksAvx512OnlyWhenEveryNeededFlagIsPresent() {
        assertThat(Ggml.cpuLibrary(avx512(), "auto")).isEqualTo(GgmlNatives.CPU_AVX512);
        assertThat(Ggml.cpuLibrary(AVX2, "auto")).isEqualTo(GgmlNatives.CPU_AVX2);
        for (String missing : GgmlNatives.AVX512_FLAGS) {
            Set<String> s = avx512();
            s.remove(missing);
            assertThat(Ggml.cpuLibrary(s, "auto")).as("without " + missing).isEqualTo(GgmlNatives.CPU_AVX2);
        }
    }

    @Test
    void forcedChoices() {
        assertThat(Ggml.cpuLibrary(avx512(), "avx2")).isEqualTo(GgmlNatives.CPU_AVX2);
        assertThat(Ggml.cpuLibrary(avx512(), "avx512")).isEqualTo(GgmlNatives.CPU_AVX512);
        assertThatThrownBy(() -> Ggml.cpuLibrary(AVX2, "avx512"))
                .isInstanceOf(GgmlUnavailableException.class).hasMessageContaining("avx512");
        assertThatThrownBy(() -> Ggml.cpuLibrary(avx512(), "sse"))
                .isInstanceOf(GgmlUnavailableException.class).hasMessageContaining("auto, avx2 or avx512");
    }

    @Test
    void refusesCpusWithoutTheBaseline() {
        for (String need : new String[] {"avx2", "fma", "f16c"}) {
            Set<String> s = avx512();
            s.remove(need);
            assertThatThrownBy(() -> Ggml.cpuLibrary(s, "auto"))
                    .isInstanceOf(GgmlUnavailableException.class).hasMessageContaining(need);
        }
    }

    @Test
    void loadedVariantMatchesTheCpu() {
        Ggml g = GgmlTestSupport.ggml();
        String forced = System.getProperty(GgmlTestSupport.CPU_PROPERTY, "auto");
        assertThat(g.cpuVariant()).isIn("avx2", "avx512");
        if (!forced.equals("auto")) assertThat(g.cpuVariant()).isEqualTo(forced);
        assertThat(g.toString()).contains(g.cpuVariant());
        // the first load decides: asking again for it (or for auto) is the same library, another is refused
        assertThat(Ggml.load(g.cpuVariant())).isSameAs(g);
        assertThat(Ggml.load("auto")).isSameAs(g);
        String other = g.cpuVariant().equals("avx2") ? "avx512" : "avx2";
        assertThatThrownBy(() -> Ggml.load(other)).isInstanceOf(GgmlUnavailableException.class);
        assertThatThrownBy(() -> Ggml.load("sse2")).isInstanceOf(GgmlUnavailableException.class).hasMessageContaining("sse2");
    }
}
