package org.flowcoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Address vectors. The expected strings were produced independently with the BIP-350 reference
 * Python implementation (github.com/sipa/bech32, ref/python/segwit_addr.py: bech32_encode with
 * Encoding.BECH32M and convertbits) from the same (hrp, version, program).
 */
class AddressTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
        "MAIN,0,000102030405060708090a0b0c0d0e0f10111213,fl1qqqqsyqcyq5rqwzqfpg9scrgwpugpzysnjjk9yf",
        "MAIN,1,000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f,fl1pqqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qarc0srdc422",
        "MAIN,0,751e76e8199196d454941c45d1b3a323f1433bd6,fl1qw508d6qejxtdg4y5r3zarvary0c5xw7ktes96g",
        "MAIN,1,ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff,fl1plllllllllllllllllllllllllllllllllllllllllllllllllllsg8sxry",
        "TEST,0,000102030405060708090a0b0c0d0e0f10111213,tfl1qqqqsyqcyq5rqwzqfpg9scrgwpugpzysng5yvcz",
        "TEST,1,000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f,tfl1pqqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qarc0sz52jm9",
        "TEST,0,751e76e8199196d454941c45d1b3a323f1433bd6,tfl1qw508d6qejxtdg4y5r3zarvary0c5xw7k3lzvxr",
        "TEST,1,ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff,tfl1plllllllllllllllllllllllllllllllllllllllllllllllllllsf7zpjt",
        "REGTEST,0,000102030405060708090a0b0c0d0e0f10111213,rfl1qqqqsyqcyq5rqwzqfpg9scrgwpugpzysn6hvye5",
        "REGTEST,1,000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f,rfl1pqqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qarc0s8u0csj",
        "REGTEST,0,751e76e8199196d454941c45d1b3a323f1433bd6,rfl1qw508d6qejxtdg4y5r3zarvary0c5xw7kru2y84",
        "REGTEST,1,ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff,rfl1plllllllllllllllllllllllllllllllllllllllllllllllllllsvk8teu",
    })
    void independentVectors(AddressNetwork net, int version, String programHex, String encoded) {
        Address a = Address.of(net, version, HEX.parseHex(programHex));
        assertThat(a.encode()).isEqualTo(encoded);
        assertThat(a.toString()).isEqualTo(encoded);
        Address back = Address.decode(encoded);
        assertThat(back).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(back.network()).isEqualTo(net);
        assertThat(back.version()).isEqualTo(version);
        assertThat(back.programHex()).isEqualTo(programHex);
        assertThat(Address.decode(encoded.toUpperCase(Locale.ROOT))).isEqualTo(a);
        assertThat(Address.decode(encoded, net)).isEqualTo(a);
        for (AddressNetwork other : AddressNetwork.values()) {
            if (other != net) assertThatThrownBy(() -> Address.decode(encoded, other)).isInstanceOf(AddressFormatException.class);
        }
    }

    private static byte[] bcKeccak256(byte[] d) {
        KeccakDigest k = new KeccakDigest(256);
        k.update(d, 0, d.length);
        byte[] o = new byte[32];
        k.doFinal(o, 0);
        return o;
    }

    @Test
    void keyHashAndScriptHash() {
        // RFC 8032 section 7.1 test 1 public key.
        byte[] pub = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        Address kh = Address.keyHash(AddressNetwork.MAIN, Ed25519PublicKey.of(pub));
        byte[] want = java.util.Arrays.copyOf(bcKeccak256(bcKeccak256(pub)), 20);
        assertThat(kh.program()).isEqualTo(want);
        assertThat(kh.isKeyHash()).isTrue();
        assertThat(kh.encode()).isEqualTo("fl1q6edp5202vzcl90eyx7e5few2cyvdlq5ph8mv72");
        assertThat(Address.keyHash(AddressNetwork.TEST, pub).encode()).isEqualTo("tfl1q6edp5202vzcl90eyx7e5few2cyvdlq5pdpf9zp");
        assertThat(Address.keyHash(AddressNetwork.REGTEST, pub).encode()).isEqualTo("rfl1q6edp5202vzcl90eyx7e5few2cyvdlq5plzpdrh");

        Address sh = Address.scriptHash(AddressNetwork.MAIN, new byte[] {0x51});
        assertThat(sh.program()).isEqualTo(bcKeccak256(new byte[] {0x51}));
        assertThat(sh.isScriptHash()).isTrue();
        assertThat(sh.encode()).isEqualTo("fl1pl0euccreuzdx52nhsurgnzh0jxmr8lmp8qqayyhq4lnlgywak8fq2tjnsg");
    }

    @ParameterizedTest
    @CsvSource({
        // Bech32 (not m) checksum for version 0: rejected, unlike Bitcoin.
        "fl1qqqqsyqcyq5rqwzqfpg9scrgwpugpzysn8wxfpt",
        // Version 2.
        "fl1zqqqsyqcyq5rqwzqfpg9scrgwpugpzysny83n7l",
        // Version 0 with 32 bytes, version 1 with 20 bytes.
        "fl1qqqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qarc0suxgsh5",
        "fl1pqqqsyqcyq5rqwzqfpg9scrgwpugpzysnevpwfz",
        // Bitcoin's HRP.
        "bc1qqqqsyqcyq5rqwzqfpg9scrgwpugpzysnqslask",
        // Empty data.
        "fl1h9qxm7",
        // Bad checksum (last char changed), mixed case, garbage.
        "fl1qqqqsyqcyq5rqwzqfpg9scrgwpugpzysnjjk9yg",
        "fl1qqqqsyqcyq5rqwzqfpg9scrgwpugpzysnjjk9yF",
        "not an address",
        "''",
    })
    void rejectsInvalid(String s) {
        assertThatThrownBy(() -> Address.decode(s)).isInstanceOf(AddressFormatException.class);
    }

    @Test
    void ofRejectsBadVersionsAndLengths() {
        assertThatThrownBy(() -> Address.of(AddressNetwork.MAIN, 0, new byte[32])).isInstanceOf(AddressFormatException.class);
        assertThatThrownBy(() -> Address.of(AddressNetwork.MAIN, 1, new byte[20])).isInstanceOf(AddressFormatException.class);
        assertThatThrownBy(() -> Address.of(AddressNetwork.MAIN, 2, new byte[20])).isInstanceOf(AddressFormatException.class);
        assertThatThrownBy(() -> Address.of(AddressNetwork.MAIN, -1, new byte[20])).isInstanceOf(AddressFormatException.class);
    }

    @Test
    void programIsCopied() {
        byte[] p = new byte[20];
        Address a = Address.of(AddressNetwork.MAIN, 0, p);
        p[0] = 1;
        a.program()[1] = 1;
        assertThat(a.program()).isEqualTo(new byte[20]);
    }

    @Test
    void mutatedAddressesNeverThrowAnythingElse() {
        SplittableRandom rnd = new SplittableRandom(1);
        String base = "fl1pqqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qarc0srdc422";
        int n = Integer.getInteger("flow.fuzz.iterations", 20000);
        int accepted = 0;
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder(base);
            int edits = 1 + rnd.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int pos = rnd.nextInt(sb.length());
                switch (rnd.nextInt(3)) {
                    case 0 -> sb.setCharAt(pos, "qpzry9x8gf2tvdw0s3jn54khce6mua7l1A".charAt(rnd.nextInt(34)));
                    case 1 -> sb.deleteCharAt(pos);
                    default -> sb.insert(pos, "qpzry9x8gf2tvdw0s3jn54khce6mua7l".charAt(rnd.nextInt(32)));
                }
            }
            try {
                Address.decode(sb.toString());
                accepted++;
            } catch (AddressFormatException expected) {
                // the only permitted failure
            }
        }
        // Up to 3 edits are almost always caught by the checksum (edits can cancel out, e.g. delete+insert).
        assertThat(accepted).isLessThan(n / 20);
    }
}
