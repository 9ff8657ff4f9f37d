package org.flowcoin.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SLIP-0010 ed25519 test vectors 1 and 2, parsed from the checked-in SLIP text. */
class Slip10Test {
    private static final HexFormat HEX = HexFormat.of();

    record Node(String path, String chainCode, String privateKey, String publicKey) {}

    record Vector(String seed, List<Node> nodes) {}

    static Vector load(String resource) throws IOException {
        try (InputStream in = Slip10Test.class.getResourceAsStream(resource)) {
            assertThat(in).isNotNull();
            String seed = null;
            List<Node> nodes = new ArrayList<>();
            String path = null, cc = null, priv = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = line.strip();
                if (t.startsWith("Seed (hex): ")) seed = t.substring(12);
                else if (t.startsWith("* Chain ")) path = t.substring(8).replace("<sub>H</sub>", "'");
                else if (t.startsWith("* chain code: ")) cc = t.substring(14);
                else if (t.startsWith("* private: ")) priv = t.substring(11);
                else if (t.startsWith("* public: ")) nodes.add(new Node(path, cc, priv, t.substring(10)));
            }
            return new Vector(seed, nodes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/vectors/slip10/slip-0010-ed25519-vector1.md", "/vectors/slip10/slip-0010-ed25519-vector2.md"})
    void officialVectors(String resource) throws IOException {
        Vector v = load(resource);
        assertThat(v.nodes()).hasSize(6);
        byte[] seed = HEX.parseHex(v.seed());
        Slip10Key walked = null;
        for (Node n : v.nodes()) {
            DerivationPath p = DerivationPath.parse(n.path());
            assertThat(p.toString()).isEqualTo(n.path());
            Slip10Key k = Slip10.derive(seed, p);
            assertThat(HEX.formatHex(k.chainCode())).as(n.path()).isEqualTo(n.chainCode());
            assertThat(HEX.formatHex(k.privateKey())).as(n.path()).isEqualTo(n.privateKey());
            // SLIP-0010 prints ser_P(P) = 0x00 || 32-byte key.
            assertThat("00" + k.publicKey().toHex()).as(n.path()).isEqualTo(n.publicKey());
            assertThat(k.path()).isEqualTo(p);
            // Step-by-step derivation from the parent agrees.
            if (walked != null) {
                Slip10Key next = walked.derive(p.index(p.depth() - 1));
                assertThat(next).isEqualTo(k);
            }
            walked = k;
        }
        assertThat(Slip10.derive(HdSeed.of(seed), DerivationPath.master())).isEqualTo(Slip10.master(seed));
    }

    @Test
    void nonHardenedIndexIsAnError() {
        Slip10Key m = Slip10.master(new byte[16]);
        assertThatThrownBy(() -> m.derive(0)).isInstanceOf(DerivationPathException.class);
        assertThatThrownBy(() -> m.derive(0x7fffffff)).isInstanceOf(DerivationPathException.class);
        assertThatThrownBy(() -> m.deriveHardened(-1)).isInstanceOf(DerivationPathException.class);
        assertThat(m.deriveHardened(5)).isEqualTo(m.derive(5 | DerivationPath.HARDENED));
    }

    @Test
    void seedLengthsAreChecked() {
        assertThatThrownBy(() -> Slip10.master(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Slip10.master(new byte[65])).isInstanceOf(IllegalArgumentException.class);
        Slip10.master(new byte[64]);
    }

    @Test
    void secretsAreRedactedAndWipeable() {
        Slip10Key k = Slip10.master(HEX.parseHex("000102030405060708090a0b0c0d0e0f"));
        String priv = HEX.formatHex(k.privateKey());
        assertThat(k.toString()).doesNotContain(priv).doesNotContain(HEX.formatHex(k.chainCode())).contains("redacted");
        Slip10Key copy = Slip10.master(HEX.parseHex("000102030405060708090a0b0c0d0e0f"));
        assertThat(k).isEqualTo(copy);
        k.destroy();
        assertThat(k.isDestroyed()).isTrue();
        assertThatThrownBy(k::privateKey).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> k.deriveHardened(0)).isInstanceOf(IllegalStateException.class);
        assertThat(k).isNotEqualTo(copy);
        HdSeed s = HdSeed.of(new byte[32]);
        assertThat(s.toString()).contains("redacted");
        s.destroy();
        assertThatThrownBy(s::bytes).isInstanceOf(IllegalStateException.class);
    }

    /**
     * FlowCoin's path end to end. Expected values computed independently: seed with Python's
     * hashlib.pbkdf2_hmac, SLIP-0010 steps with Python's hmac, the public key with pyca/cryptography
     * Ed25519, Keccak-256d with Bouncy Castle, the address with the BIP-350 reference Python code.
     */
    @Test
    void flowPathEndToEnd() {
        Mnemonic m = Mnemonic.parse("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");
        HdSeed seed = m.toSeed("");
        assertThat(HEX.formatHex(seed.bytes())).isEqualTo(
                "5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4");
        Slip10Key k = Slip10.derive(seed, DerivationPath.flow(0, 0, 0));
        assertThat(HEX.formatHex(k.privateKey())).isEqualTo("59aa0612bc34a135a41b1623c556680d9dea509dba5f3b5ce974ba2269c19053");
        assertThat(HEX.formatHex(k.chainCode())).isEqualTo("5418d41f16c9b4f17df7e5886132d6ee8665b3db83b8d5a26dac10012affe550");
        assertThat(k.publicKey().toHex()).isEqualTo("2fc054df0ac49122dda73032abd3d8a9f44aea2fbb67e679585040beb50e71fc");
        assertThat(Address.keyHash(AddressNetwork.MAIN, k.publicKey()).encode()).isEqualTo("fl1qhu985zskxzwz2r39sqx00p4czjv5m8vcncpc5e");
        assertThat(Address.keyHash(AddressNetwork.TEST, k.publicKey()).encode()).isEqualTo("tfl1qhu985zskxzwz2r39sqx00p4czjv5m8vcf7n3gj");
        assertThat(Address.keyHash(AddressNetwork.REGTEST, k.publicKey()).encode()).isEqualTo("rfl1qhu985zskxzwz2r39sqx00p4czjv5m8vcmamefy");

        Slip10Key k2 = Slip10.derive(HEX.parseHex("000102030405060708090a0b0c0d0e0f"), DerivationPath.parse("m/44'/9555'/0'/0'/0'"));
        assertThat(HEX.formatHex(k2.privateKey())).isEqualTo("dc777adc4db7552e28ed1a11cfb5458e47260cd0fe436d42a5caa535ef302f9e");
        assertThat(HEX.formatHex(k2.chainCode())).isEqualTo("b31f51fb2609c341b469879f2b20ba34cb75c572b4ccb764f5a99067aa9050e7");
        assertThat(k2.publicKey().toHex()).isEqualTo("f086a18d2445cdc91ec28bb8b078c5d5a6a202e0ccd797fc2d931e6b94117bd0");
    }
}
