package org.flowcoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Batch verification must give exactly the single-verification verdict on every item, valid or not.
 * Bounded by {@code flow.fuzz.iterations} (items = iterations / 4); for a long run:
 * {@code ./mvnw -B -o -Dflow.target=target -pl flow-crypto verify -Dtest=Ed25519BatchAgreementTest -Dflow.fuzz.iterations=2000000}.
 */
class Ed25519BatchAgreementTest {
    static final BigInteger L = BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
    static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

    /** Canonical encodings of the eight points of small order. */
    static final String[] SMALL_ORDER = {
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
    };

    enum Kind { VALID, FLIP_R, FLIP_S, FLIP_A, FLIP_MSG, S_PLUS_L, SMALL_A, SMALL_R, NONCANONICAL_A, NONCANONICAL_R, NEG_ZERO_R, SHORT_SIG, LONG_PUB }

    record Item(byte[] pub, byte[] msg, byte[] sig, Kind kind) {}

    static byte[] le32(BigInteger v) {
        byte[] be = v.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < Math.min(32, be.length); i++) le[i] = be[be.length - 1 - i];
        return le;
    }

    static BigInteger fromLe(byte[] b, int off) {
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) be[i] = b[off + 31 - i];
        return new BigInteger(1, be);
    }

    static Item make(Random r, Kind kind) {
        byte[] seed = new byte[32];
        r.nextBytes(seed);
        Ed25519PrivateKey k = Ed25519PrivateKey.fromSeed(seed);
        byte[] msg = new byte[r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(100)];
        r.nextBytes(msg);
        byte[] pub = k.publicKey().toByteArray();
        byte[] sig = k.sign(msg);
        HexFormat hex = HexFormat.of();
        switch (kind) {
            case VALID -> {}
            case FLIP_R -> sig[r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
            case FLIP_S -> sig[32 + r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
            case FLIP_A -> pub[r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
            case FLIP_MSG -> {
                if (msg.length == 0) msg = new byte[] {0};
                else msg[r.nextInt(msg.length)] ^= (byte) (1 << r.nextInt(8));
            }
            case S_PLUS_L -> System.arraycopy(le32(fromLe(sig, 32).add(L)), 0, sig, 32, 32);
            case SMALL_A -> pub = hex.parseHex(SMALL_ORDER[r.nextInt(8)]);
            case SMALL_R -> System.arraycopy(hex.parseHex(SMALL_ORDER[r.nextInt(8)]), 0, sig, 0, 32);
            case NONCANONICAL_A -> {
                pub = le32(P.add(BigInteger.valueOf(r.nextInt(19))));
                if (r.nextBoolean()) pub[31] |= (byte) 0x80;
            }
            case NONCANONICAL_R -> {
                byte[] rr = le32(P.add(BigInteger.valueOf(r.nextInt(19))));
                if (r.nextBoolean()) rr[31] |= (byte) 0x80;
                System.arraycopy(rr, 0, sig, 0, 32);
            }
            case NEG_ZERO_R -> {
                // y = 1 or y = -1 with the sign bit set: x = 0, so "-0".
                byte[] rr = hex.parseHex(SMALL_ORDER[r.nextInt(2)]);
                rr[31] |= (byte) 0x80;
                System.arraycopy(rr, 0, sig, 0, 32);
            }
            case SHORT_SIG -> sig = java.util.Arrays.copyOf(sig, r.nextInt(64));
            case LONG_PUB -> pub = java.util.Arrays.copyOf(pub, 33);
        }
        return new Item(pub, msg, sig, kind);
    }

    @Test
    void batchAgreesWithSingleOnRandomMixes() {
        int budget = Math.max(2000, Integer.getInteger("flow.fuzz.iterations", 20000) / 4);
        Random r = new Random(0xED25519L);
        SecureRandom coefficients = new SecureRandom();
        Kind[] kinds = Kind.values();
        int done = 0, batches = 0, invalid = 0;
        while (done < budget) {
            int n = switch (r.nextInt(4)) {
                case 0 -> 1 + r.nextInt(4);
                case 1 -> 1 + r.nextInt(40);
                case 2 -> 120 + r.nextInt(20); // straddles the chunk size
                default -> 1 + r.nextInt(70);
            };
            double badRate = switch (r.nextInt(3)) {
                case 0 -> 0.0;
                case 1 -> 0.03;
                default -> 0.5;
            };
            List<Item> items = new ArrayList<>();
            Ed25519BatchVerifier batch = new Ed25519BatchVerifier(coefficients);
            for (int i = 0; i < n; i++) {
                Kind kind = r.nextDouble() < badRate ? kinds[1 + r.nextInt(kinds.length - 1)] : Kind.VALID;
                Item it = make(r, kind);
                items.add(it);
                batch.add(it.pub(), it.msg(), it.sig());
            }
            boolean[] each = batch.verifyEach();
            boolean all = true;
            for (int i = 0; i < n; i++) {
                Item it = items.get(i);
                boolean single = Ed25519.verify(it.pub(), it.msg(), it.sig());
                assertThat(each[i]).as("item %d (%s) of batch %d", i, it.kind(), batches).isEqualTo(single);
                assertThat(single).as("verdict for %s", it.kind()).isEqualTo(it.kind() == Kind.VALID);
                all &= single;
                if (!single) invalid++;
            }
            assertThat(batch.verifyAll()).as("verifyAll of batch %d", batches).isEqualTo(all);
            assertThat(batch.size()).isEqualTo(n);
            done += n;
            batches++;
        }
        assertThat(invalid).isGreaterThan(budget / 20);
    }

    /** Batches large enough for the bucket method, with invalid items spread through them. */
    @Test
    void largeBatchesAgreeWithSingle() {
        Random r = new Random(99);
        Kind[] kinds = Kind.values();
        for (int n : new int[] {300, 1100}) {
            List<Item> items = new ArrayList<>();
            Ed25519BatchVerifier batch = new Ed25519BatchVerifier();
            for (int i = 0; i < n; i++) {
                Kind kind = n == 1100 || i % 97 != 5 ? Kind.VALID : kinds[1 + r.nextInt(kinds.length - 1)];
                if (n == 1100 && i == 1050) kind = Kind.FLIP_MSG; // lands in the second chunk
                Item it = make(r, kind);
                items.add(it);
                batch.add(it.pub(), it.msg(), it.sig());
            }
            boolean[] each = batch.verifyEach();
            for (int i = 0; i < n; i++) {
                assertThat(each[i]).as("item %d of %d", i, n).isEqualTo(items.get(i).kind() == Kind.VALID);
            }
            assertThat(batch.verifyAll()).isFalse();
        }
    }

    @Test
    void emptyBatchAndNullsAreHandled() {
        assertThat(new Ed25519BatchVerifier().verifyAll()).isTrue();
        assertThat(new Ed25519BatchVerifier().verifyEach()).isEmpty();
        Ed25519BatchVerifier b = new Ed25519BatchVerifier().add(null, new byte[0], null).add(new byte[32], null, new byte[64]);
        assertThat(b.verifyEach()).containsExactly(false, false);
        assertThat(b.verifyAll()).isFalse();
    }

    @Test
    void batchCopiesItsInputs() {
        Ed25519PrivateKey k = Ed25519PrivateKey.fromSeed(new byte[32]);
        byte[] msg = {7};
        byte[] sig = k.sign(msg);
        Ed25519BatchVerifier b = new Ed25519BatchVerifier().add(k.publicKey().toByteArray(), msg, sig);
        msg[0] = 8;
        sig[0] ^= 1;
        assertThat(b.verifyAll()).isTrue();
    }
}
