package org.flowcoin.primitives.block;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxOutput;

/**
 * Genesis blocks, built from the documented constants of {@link ChainParams}
 * (docs/spec/primitives.md §10): miner key from seed Keccak-256("flowcoin genesis " + name), coinbase
 * paying the height-0 subsidy to that key's v0 key-hash with the genesis message as witness item 1
 * and a commitment to the empty training payload and a zero model root, empty delta, zero dataset
 * hash and losses, nbits = powLimit, and the pinned nonce.
 *
 * <pre>{@code
 * Block g = Genesis.block(ChainParams.mainnet());
 * Hash256 id = g.hash();
 * }</pre>
 */
public final class Genesis {
    private Genesis() {}

    /** The documented genesis miner key; its seed is public, so the genesis output is unspendable by convention. */
    public static Ed25519PrivateKey minerKey(ChainParams params) {
        return Ed25519PrivateKey.fromSeed(Keccak.keccak256(("flowcoin genesis " + params.name()).getBytes(StandardCharsets.US_ASCII)));
    }

    public static Transaction coinbase(ChainParams params) {
        byte[] pub = minerKey(params).publicKey().toByteArray();
        return Coinbase.build(0, List.of(new TxOutput(params.subsidy(0), Templates.payToKeyHash(pub))),
                Hash256.keccak256(new byte[0]), Hash256.ZERO, params.genesisMessage().getBytes(StandardCharsets.UTF_8), List.of());
    }

    /** The header fields before the nonce and signature. */
    public static HeaderBuilder headerBuilder(ChainParams params) {
        Transaction cb = coinbase(params);
        HeaderBuilder hb = new HeaderBuilder()
                .prevHash(Hash256.ZERO)
                .datasetHash(Hash256.ZERO)
                .height(0)
                .timestamp(params.genesisTimestamp())
                .nbits(params.powLimitBits())
                .valLossBits(0)
                .prevValLossBits(0)
                .dims(params.growthSchedule().genesis())
                .version(1)
                .minerPubkey(minerKey(params).publicKey().toByteArray());
        return Block.prepareHeader(hb, List.of(cb), new byte[0]);
    }

    public static Block block(ChainParams params) {
        HeaderBuilder hb = headerBuilder(params).nonce(params.genesisNonce());
        return new Block(hb.sign(minerKey(params)), List.of(coinbase(params)), new byte[0], new byte[0]);
    }

    /** The one-off search: the smallest nonce whose block hash is at most powLimit. */
    public static int findNonce(ChainParams params) {
        byte[] buf = headerBuilder(params).unsignedBuffer();
        BigInteger limit = params.powLimit();
        for (long n = 0; n <= 0xffff_ffffL; n++) {
            HeaderBuilder.setNonce(buf, (int) n);
            if (Hash256.of(HeaderBuilder.hashOf(buf)).toUnsignedLittleEndian().compareTo(limit) <= 0) return (int) n;
        }
        throw new IllegalStateException("no nonce");
    }
}
