package org.flowcoin.channels.revocation;

import org.flowcoin.channels.ChannelException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BOLT-3 Appendix D, "Per-commitment Secret Generation Test Vectors" (lightning/bolts,
 * 03-transactions.md): the generation tests and every storage test, valid and invalid.
 */
class RevocationSecretsVectorTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ZEROS = new byte[32];
    private static final byte[] ONES = HEX.parseHex("ff".repeat(32));

    private static String gen(byte[] seed, long index) {
        return HEX.formatHex(PerCommitmentSecrets.fromSeed(seed).secret(index));
    }

    @Test
    void generationTests() {
        assertThat(gen(ZEROS, 281474976710655L)).isEqualTo("02a40c85b6f28da08dfdbe0926c53fab2de6d28c10301f8f7c4073d5e42e3148");
        assertThat(gen(ONES, 281474976710655L)).isEqualTo("7cc854b54e3e0dcdb010d7a3fee464a9687be6e8db3be6854c475621e007a5dc");
        assertThat(gen(ONES, 0xaaaaaaaaaaaL)).isEqualTo("56f4008fb007ca9acf0e15b054d5c9fd12ee06cea347914ddbaed70d1c13a528");
        assertThat(gen(ONES, 0x555555555555L)).isEqualTo("9015daaeb06dba4ccc05b91b2f73bd54405f2be9f217fbacd3c5ac2e62327d31");
        assertThat(gen(HEX.parseHex("01".repeat(32)), 1)).isEqualTo("915c75942a26bb3a433a8ce2cb0427c29ec6c1775cfc78328b57f6ba7bfeaa9c");
    }

    /** One storage test: the secrets in order from index 2^48 - 1; the last one fails iff {@code lastFails}. */
    private static void storage(boolean lastFails, String... secrets) throws ChannelException {
        RevealedSecrets store = new RevealedSecrets();
        for (int i = 0; i < secrets.length; i++) {
            long index = PerCommitmentSecrets.MAX_INDEX - i;
            byte[] s = HEX.parseHex(secrets[i]);
            if (i == secrets.length - 1 && lastFails) {
                long before = store.count();
                assertThatThrownBy(() -> store.insert(index, s))
                        .isInstanceOf(ChannelException.class)
                        .extracting(e -> ((ChannelException) e).reason())
                        .isEqualTo(ChannelException.Reason.NOT_DERIVABLE);
                assertThat(store.count()).as("a refused secret changes nothing").isEqualTo(before);
            } else {
                store.insert(index, s);
                // Every secret so far is recoverable from the compact slots.
                for (int j = 0; j <= i; j++) {
                    assertThat(store.secret(PerCommitmentSecrets.MAX_INDEX - j)).get()
                            .isEqualTo(HEX.parseHex(secrets[j]));
                }
            }
        }
    }

    private static final String S0 = "7cc854b54e3e0dcdb010d7a3fee464a9687be6e8db3be6854c475621e007a5dc";
    private static final String S1 = "c7518c8ae4660ed02894df8976fa1a3659c1a8b4b5bec0c4b872abeba4cb8964";
    private static final String S2 = "2273e227a5b7449b6e70f1fb4652864038b1cbf9cd7c043a7d6456b7fc275ad8";
    private static final String S3 = "27cddaa5624534cb6cb9d7da077cf2b22ab21e9b506fd4998a51d54502e99116";
    private static final String S4 = "c65716add7aa98ba7acb236352d665cab17345fe45b55fb879ff80e6bd0c41dd";
    private static final String S5 = "969660042a28f32d9be17344e09374b379962d03db1574df5a8a5a47e19ce3f2";
    private static final String S6 = "a5a64476122ca0925fb344bdc1854c1c0a59fc614298e50a33e331980a220f32";
    private static final String S7 = "05cde6323d949933f7f7b78776bcc1ea6d9b31447732e3802e1f7ac44b650e17";
    // Entries seeded with 0x00..00 instead of 0xff..ff (the vectors' corrupted ones).
    private static final String BAD0 = "02a40c85b6f28da08dfdbe0926c53fab2de6d28c10301f8f7c4073d5e42e3148";
    private static final String BAD1 = "dddc3a8d14fddf2b68fa8c7fbad2748274937479dd0f8930d5ebb4ab6bd866a3";
    private static final String BAD2 = "c51a18b13e8527e579ec56365482c62f180b7d5760b46e9477dae59e87ed423a";
    private static final String BAD3 = "ba65d7b0ef55a3ba300d4e87af29868f394f8f138d78a7011669c79b37b936f4";
    private static final String BAD4 = "631373ad5f9ef654bb3dade742d09504c567edd24320d2fcd68e3cc47e2ff6a6";
    private static final String BAD5 = "b7e76a83668bde38b373970155c868a653304308f9896692f904a23731224bb1";
    private static final String BAD6 = "e7971de736e01da8ed58b94c2fc216cb1dca9e326f3a96e7194fe8ea8af6c0a3";
    private static final String BAD7 = "a7efbc61aac46d34f77778bac22c8a20c6a46ca460addc49009bda875ec88fa4";

    @Test
    void correctSequence() throws Exception {
        storage(false, S0, S1, S2, S3, S4, S5, S6, S7);
        // And the correct secrets are the generator's.
        PerCommitmentSecrets gen = PerCommitmentSecrets.fromSeed(ONES);
        List<String> all = List.of(S0, S1, S2, S3, S4, S5, S6, S7);
        for (int n = 0; n < all.size(); n++) assertThat(HEX.formatHex(gen.secretOfCommitment(n))).isEqualTo(all.get(n));
    }

    @Test
    void incorrect1() throws Exception {
        storage(true, BAD0, S1);
    }

    @Test
    void incorrect2DerivedFromIncorrect() throws Exception {
        storage(true, BAD0, BAD1, S2, S3);
    }

    @Test
    void incorrect3() throws Exception {
        storage(true, S0, S1, BAD2, S3);
    }

    @Test
    void incorrect4DerivedFromIncorrect() throws Exception {
        storage(true, BAD0, BAD1, BAD2, BAD3, S4, S5, S6, S7);
    }

    @Test
    void incorrect5() throws Exception {
        storage(true, S0, S1, S2, S3, BAD4, S5);
    }

    @Test
    void incorrect6DerivedFromIncorrect() throws Exception {
        storage(true, S0, S1, S2, S3, BAD4, BAD5, S6, S7);
    }

    @Test
    void incorrect7() throws Exception {
        storage(true, S0, S1, S2, S3, S4, S5, BAD6, S7);
    }

    @Test
    void incorrect8() throws Exception {
        storage(true, S0, S1, S2, S3, S4, S5, S6, BAD7);
    }
}
