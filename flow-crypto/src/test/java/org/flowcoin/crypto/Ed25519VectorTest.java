package org.flowcoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every verifier (single, batch in several shapes, libsodium when installed) against the same vectors. */
class Ed25519VectorTest {
    private static final Ed25519Reference SODIUM = Ed25519Reference.libsodium();

    /** A verifier under test: maps a list of cases to verdicts. */
    record Named(String name, Function<List<Ed25519TestVectors.Case>, boolean[]> run) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Named> verifiers() {
        List<Named> v = new ArrayList<>();
        v.add(new Named("single", cases -> {
            boolean[] out = new boolean[cases.size()];
            for (int i = 0; i < out.length; i++) {
                var c = cases.get(i);
                out[i] = Ed25519.verify(c.pub(), c.msg(), c.sig());
            }
            return out;
        }));
        v.add(new Named("batch of all", cases -> {
            Ed25519BatchVerifier b = new Ed25519BatchVerifier(new SecureRandom());
            for (var c : cases) b.add(c.pub(), c.msg(), c.sig());
            return b.verifyEach();
        }));
        v.add(new Named("batch of one", cases -> {
            boolean[] out = new boolean[cases.size()];
            for (int i = 0; i < out.length; i++) {
                var c = cases.get(i);
                out[i] = new Ed25519BatchVerifier().add(c.pub(), c.msg(), c.sig()).verifyAll();
            }
            return out;
        }));
        // Paired with a valid signature so the multi-scalar path (not the single shortcut) decides.
        v.add(new Named("batch paired with a valid signature", cases -> {
            Ed25519PrivateKey k = Ed25519PrivateKey.fromSeed(new byte[32]);
            byte[] m = {1, 2, 3};
            byte[] s = k.sign(m);
            boolean[] out = new boolean[cases.size()];
            for (int i = 0; i < out.length; i++) {
                var c = cases.get(i);
                Ed25519BatchVerifier b = new Ed25519BatchVerifier().add(k.publicKey().toByteArray(), m, s)
                        .add(c.pub(), c.msg(), c.sig());
                boolean[] each = b.verifyEach();
                assertThat(each[0]).isTrue();
                assertThat(b.verifyAll()).isEqualTo(each[1]);
                out[i] = each[1];
            }
            return out;
        }));
        v.add(new Named("libsodium", cases -> {
            Assumptions.assumeTrue(SODIUM != null, "libsodium not installed");
            boolean[] out = new boolean[cases.size()];
            for (int i = 0; i < out.length; i++) {
                var c = cases.get(i);
                out[i] = SODIUM.verify(c.pub(), c.msg(), c.sig());
            }
            return out;
        }));
        return v.stream();
    }

    /**
     * Where libsodium (cofactorless equation, 1.0.18) differs from our cofactored rules: speccheck
     * 4 and 5 have a mixed-order A and pass only the cofactored equation.
     */
    private static final Set<String> LIBSODIUM_DIFFERS = Set.of("speccheck 4", "speccheck 5");

    private static void check(Named v, List<Ed25519TestVectors.Case> cases) {
        boolean[] got = v.run().apply(cases);
        for (int i = 0; i < cases.size(); i++) {
            var c = cases.get(i);
            boolean want = c.expected();
            if (v.name().equals("libsodium") && LIBSODIUM_DIFFERS.contains(c.id())) want = !want;
            assertThat(got[i]).as("%s: %s", v.name(), c.id()).isEqualTo(want);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verifiers")
    void rfc8032(Named v) {
        check(v, Ed25519TestVectors.rfc8032Cases());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verifiers")
    void wycheproof(Named v) {
        List<Ed25519TestVectors.Case> cases = Ed25519TestVectors.wycheproofCases();
        assertThat(cases).hasSize(151);
        check(v, cases);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verifiers")
    void speccheck(Named v) {
        List<Ed25519TestVectors.Case> cases = Ed25519TestVectors.speccheckCases();
        assertThat(cases).hasSize(12);
        check(v, cases);
    }

    @Test
    void wycheproofDeviationsAreExactlyTheDocumentedOnes() {
        assertThat(Ed25519TestVectors.WYCHEPROOF_DEVIATIONS).isEqualTo(Map.of());
    }

    @Test
    void rfc8032SigningAndKeysAreExact() {
        for (Ed25519TestVectors.Rfc r : Ed25519TestVectors.rfc8032()) {
            Ed25519PrivateKey k = Ed25519PrivateKey.fromSeed(r.seed());
            assertThat(k.publicKey().toByteArray()).as(r.name()).isEqualTo(r.pub());
            assertThat(k.sign(r.msg())).as(r.name()).isEqualTo(r.sig());
            assertThat(k.publicKey().verify(r.msg(), r.sig())).isTrue();
        }
    }
}
