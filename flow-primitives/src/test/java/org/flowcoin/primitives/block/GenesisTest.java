package org.flowcoin.primitives.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.Transaction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Genesis hashes pinned here and in docs/spec/primitives.md §10. */
class GenesisTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "main, a58bfcb355ad58b324a4a710b34e6a68357e64490b1667383a547f40f0ab0000, 133033",
        "test, 281032b0f4d576344d6fbb94c1caee3062ddf7c315a8f0e9a6749b05cb1c0000, 230607",
        "regtest, ca71ec8ff5e2cdf69f87f14580e8a360bb3d1d1882d1cc48e7eb5660d712237c, 4",
    })
    void genesisBlocks(String network, String hash, int nonce) {
        ChainParams p = ChainParams.forName(network);
        Block g = Genesis.block(p);
        assertThat(g.hash().toHex()).isEqualTo(hash);
        assertThat(p.genesisNonce()).isEqualTo(nonce);
        assertThat(BlockRules.check(g, p).isValid()).as(BlockRules.check(g, p).toString()).isTrue();
        assertThat(Block.fromBytes(g.toByteArray(), p)).isEqualTo(g);
        BlockHeader h = g.header();
        assertThat(h.prevHash()).isEqualTo(Hash256.ZERO);
        assertThat(h.height()).isZero();
        assertThat(h.nbits()).isEqualTo(p.powLimitBits());
        assertThat(h.timestamp()).isEqualTo(p.genesisTimestamp());
        assertThat(h.dims()).isEqualTo(p.growthSchedule().genesis());
        assertThat(h.trainingHash()).isEqualTo(Hash256.keccak256(new byte[0]));
        assertThat(h.datasetHash()).isEqualTo(Hash256.ZERO);
        assertThat(h.valLossBits()).isZero();
        assertThat(h.prevValLossBits()).isZero();
        byte[] seed = Keccak.keccak256(("flowcoin genesis " + network).getBytes(StandardCharsets.US_ASCII));
        byte[] pub = org.flowcoin.crypto.Ed25519PrivateKey.fromSeed(seed).publicKey().toByteArray();
        assertThat(h.minerPubkey()).isEqualTo(pub);
        Transaction cb = g.transactions().get(0);
        assertThat(cb.outputs().get(0).script()).isEqualTo(Templates.payToKeyHash(pub));
        assertThat(cb.outputs().get(0).value()).isEqualTo(p.subsidy(0));
        assertThat(new String(cb.witness(0).item(1), StandardCharsets.UTF_8)).isEqualTo(p.genesisMessage());
        assertThat(Coinbase.commitment(cb).orElseThrow().modelRoot()).isEqualTo(Hash256.ZERO);
        // The pinned nonce is the smallest that meets powLimit.
        assertThat(Genesis.findNonce(p)).isEqualTo(nonce);
    }
}
