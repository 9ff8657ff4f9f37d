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
        "main, 6973a0973fe40a7b94478d3d41fbdac85b8d72631ff715b3183565aa8c160000, 22628",
        "test, ae89280977072be644decffb2234b838ac6ccaafc536ab806de4586d7cc20000, 187824",
        "regtest, 1df6fc37e03be23cf8d7c972d010f324748ca2411d4ed2aa704bdb170cc0a143, 0",
    })
    void genesisBlocks(String network, String hash, int nonce) {
        ChainParams p = ChainParams.forName(network);
        Block g = Genesis.block(p);
        assertThat(g.hash().toHex()).isEqualTo(hash);
        assertThat(p.genesisNonce()).isEqualTo(nonce);
        assertThat(BlockRules.check(g, p).accepted()).as(BlockRules.check(g, p).toString()).isTrue();
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
