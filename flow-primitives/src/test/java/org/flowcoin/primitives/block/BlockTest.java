package org.flowcoin.primitives.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.DecodeException;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.TestVectors;
import org.flowcoin.primitives.consensus.HeaderValidator;
import org.flowcoin.primitives.internal.Writer;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxOutput;
import org.junit.jupiter.api.Test;

public class BlockTest {
    private static final ChainParams REG = ChainParams.regtest();

    /** A regtest block at height 1 on top of genesis with the given extra transactions and payloads. */
    public static Block block(List<Transaction> extra, byte[] delta, byte[] data) {
        Transaction cb = Coinbase.build(1, List.of(new TxOutput(REG.subsidy(1), Templates.payToKeyHash(TestVectors.pub(1)))),
                Hash256.keccak256(data), Hash256.keccak256(TestVectors.ascii("root")), new byte[0], extra);
        List<Transaction> txs = new ArrayList<>();
        txs.add(cb);
        txs.addAll(extra);
        HeaderBuilder hb = new HeaderBuilder().prevHash(Genesis.block(REG).hash()).height(1).timestamp(REG.genesisTimestamp() + 600)
                .nbits(REG.powLimitBits()).valLossBits(Float.floatToRawIntBits(5.0f)).prevValLossBits(Float.floatToRawIntBits(5.5f))
                .dims(REG.growthSchedule().dimsAt(1)).minerPubkey(TestVectors.pub(1));
        Block.prepareHeader(hb, txs, delta);
        byte[] buf = hb.unsignedBuffer();
        int nonce = 0;
        while (true) {
            HeaderBuilder.setNonce(buf, nonce);
            if (Hash256.of(HeaderBuilder.hashOf(buf)).toUnsignedLittleEndian().compareTo(REG.powLimit()) <= 0) break;
            nonce++;
        }
        return new Block(hb.nonce(nonce).sign(TestVectors.key(1)), txs, delta, data);
    }

    @Test
    void roundTripsAndLocatesTheDelta() {
        byte[] delta = TestVectors.ascii("zstd frame bytes");
        Block b = block(List.of(TestVectors.p2khSpend(REG)), delta, TestVectors.ascii("training payload"));
        byte[] raw = b.toByteArray();
        assertThat(raw).hasSize(b.serializedSize());
        Block back = Block.fromBytes(raw, REG);
        assertThat(back).isEqualTo(b);
        assertThat(back.toByteArray()).isEqualTo(raw);
        int off = 308 + b.header().deltaOffset();
        assertThat(Arrays.copyOfRange(raw, off, off + b.header().deltaLength())).isEqualTo(delta);
        assertThat(BlockRules.check(back, REG).accepted()).as(BlockRules.check(back, REG).toString()).isTrue();
    }

    @Test
    void merkleRootMatchesAnIndependentComputation() {
        Hash256 a = Hash256.keccak256(TestVectors.ascii("a")), b = Hash256.keccak256(TestVectors.ascii("b")), c = Hash256.keccak256(TestVectors.ascii("c"));
        assertThat(Merkle.root(List.of(a))).isEqualTo(a);
        byte[] ab = Keccak.keccak256d(cat(a, b));
        byte[] cc = Keccak.keccak256d(cat(c, c));
        byte[] root = Keccak.keccak256d(concat(ab, cc));
        assertThat(Merkle.root(List.of(a, b, c)).toByteArray()).isEqualTo(root);
        assertThat(Merkle.compute(List.of(a, b, c)).mutated()).isFalse();
        // CVE-2012-2459: [a, b, c, c] has the same root as [a, b, c]; the duplicate is flagged.
        assertThat(Merkle.compute(List.of(a, b, c, c)).root().toByteArray()).isEqualTo(root);
        assertThat(Merkle.compute(List.of(a, b, c, c)).mutated()).isTrue();
        assertThat(Merkle.root(List.of())).isEqualTo(Hash256.ZERO);
    }

    /** docs/spec/primitives.md §7.1, computed independently from Keccak-256d and checked against the pinned vector. */
    @Test
    void witnessRootCommitsToEveryWitness() throws java.io.IOException {
        Transaction p2kh = TestVectors.p2khSpend(TestVectors.MAIN), multisig = TestVectors.multisigSpend(TestVectors.MAIN);
        Transaction cb = TestVectors.coinbase();
        byte[] leaf0 = Keccak.keccak256d(java.util.HexFormat.of().parseHex("0202e803056d696e6572")); // 2 items: e803, "miner"
        byte[] left = Keccak.keccak256d(concat(leaf0, p2kh.wtxid().toByteArray()));
        byte[] right = Keccak.keccak256d(concat(multisig.wtxid().toByteArray(), multisig.wtxid().toByteArray()));
        Hash256 expected = Hash256.of(Keccak.keccak256d(concat(left, right)));
        assertThat(Coinbase.witnessRoot(cb.witness(0), List.of(p2kh, multisig))).isEqualTo(expected);
        String pinned = new String(BlockTest.class.getResourceAsStream("/primitives-vectors.txt").readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                .lines().filter(l -> l.startsWith("witnessroot.root=")).findFirst().orElseThrow().substring("witnessroot.root=".length());
        assertThat(expected.toHex()).isEqualTo(pinned);
        // A coinbase built over those transactions commits to it; alone, to the root of its own witness.
        Transaction built = Coinbase.build(1000, cb.outputs().subList(0, 1), Hash256.keccak256(TestVectors.ascii("training data")),
                Hash256.keccak256(TestVectors.ascii("model root")), TestVectors.ascii("miner"), List.of(p2kh, multisig));
        assertThat(Coinbase.commitment(built).orElseThrow().witnessRoot()).isEqualTo(expected);
        assertThat(Coinbase.commitment(cb).orElseThrow().witnessRoot()).isEqualTo(Hash256.of(leaf0));
    }

    @Test
    void aChangedWitnessBreaksTheWitnessCommitmentButNotTheHash() {
        Transaction spend = TestVectors.p2khSpend(REG);
        Block good = block(List.of(spend), new byte[] {1}, new byte[0]);
        assertThat(BlockRules.check(good, REG).accepted()).as(BlockRules.check(good, REG).toString()).isTrue();
        byte[] sig = spend.witness(0).item(0);
        sig[3] ^= 1;
        Transaction flipped = spend.withWitnesses(List.of(org.flowcoin.primitives.tx.Witness.of(sig, spend.witness(0).item(1))));
        Block malleated = new Block(good.header(), List.of(good.transactions().get(0), flipped), new byte[] {1}, new byte[0]);
        assertThat(malleated.hash()).isEqualTo(good.hash());
        assertThat(BlockRules.check(malleated, REG).rule().id()).isEqualTo("BLK-11");
        // The coinbase's own witness (its extra data) is a leaf too.
        Transaction cb = good.transactions().get(0);
        org.flowcoin.primitives.tx.Witness other = org.flowcoin.primitives.tx.Witness.of(cb.witness(0).item(0), new byte[] {7});
        assertThat(Coinbase.witnessRoot(other, List.of(spend))).isNotEqualTo(good.witnessRoot());
    }

    @Test
    void duplicateTransactionsAreRejected() {
        Transaction spend = TestVectors.p2khSpend(REG);
        Block twice = block(List.of(spend, spend), new byte[] {1}, new byte[0]);
        assertThat(BlockRules.check(twice, REG).rule().id()).isEqualTo("BLK-3");
    }

    @Test
    void blockRules() {
        Block good = block(List.of(), new byte[] {1, 2}, new byte[] {3});
        assertThat(BlockRules.check(good, REG).accepted()).isTrue();
        // wrong growth dims for mainnet's schedule
        assertThat(BlockRules.check(good, ChainParams.mainnet()).rule().id()).isIn("HDR-9", "HDR-14");
        // second coinbase
        Block two = block(List.of(good.transactions().get(0)), new byte[] {1}, new byte[0]);
        assertThat(BlockRules.check(two, REG).rule().id()).isEqualTo("BLK-2");
        // payload commitments: decoded body mismatching the header/coinbase
        Block other = new Block(good.header(), good.transactions(), new byte[] {9, 9}, new byte[] {3});
        assertThat(BlockRules.check(other, REG).rule().id()).isEqualTo("BLK-6");
        Block otherData = new Block(good.header(), good.transactions(), new byte[] {1, 2}, new byte[] {4});
        assertThat(BlockRules.check(otherData, REG).rule().id()).isEqualTo("BLK-8");
        // bad signature
        byte[] h = good.header().toByteArray();
        h[250] ^= 1;
        Block badSig = new Block(BlockHeader.fromBytes(h), good.transactions(), new byte[] {1, 2}, new byte[] {3});
        assertThat(BlockRules.check(badSig, REG).rule().id()).isEqualTo("HDR-13");
        // proof of work: nbits above powLimit, and a hash above the target
        assertThat(HeaderValidator.checkPow(REG, good.header().toBuilder().nbits(0x21010000).build()).rule().id()).isEqualTo("HDR-14");
        BlockHeader hard = good.header().toBuilder().nbits(0x03000001).build();
        assertThat(HeaderValidator.checkPow(REG, hard).rule().id()).isEqualTo("HDR-14");
    }

    @Test
    void rejectsBodiesThatDisagreeWithTheHeader() {
        Block b = block(List.of(), new byte[] {1, 2, 3}, new byte[] {4});
        byte[] raw = b.toByteArray();
        byte[] badOffset = raw.clone();
        badOffset[188] ^= 1;
        assertThatThrownBy(() -> Block.fromBytes(badOffset, REG)).isInstanceOf(DecodeException.class).hasMessageContaining("delta_offset");
        byte[] badLength = raw.clone();
        badLength[192] ^= 1;
        assertThatThrownBy(() -> Block.fromBytes(badLength, REG)).isInstanceOf(DecodeException.class).hasMessageContaining("delta_length");
        assertThatThrownBy(() -> new Block(b.header(), b.transactions(), new byte[] {1, 2}, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsTruncationTrailingBytesAndOversizedParts() {
        Block b = block(List.of(TestVectors.p2khSpend(REG)), new byte[] {1, 2, 3}, new byte[] {4});
        byte[] raw = b.toByteArray();
        for (int n = 0; n < raw.length; n += 3) {
            byte[] cut = Arrays.copyOf(raw, n);
            assertThatThrownBy(() -> Block.fromBytes(cut, REG)).isInstanceOf(DecodeException.class);
        }
        assertThatThrownBy(() -> Block.fromBytes(Arrays.copyOf(raw, raw.length + 1), REG)).isInstanceOf(DecodeException.class).hasMessageContaining("trailing");
        // A chain with tiny limits rejects the same bytes before reading the payloads.
        ChainParams tinyDelta = withLimits(REG, 4_000_000, 2, 1 << 20);
        assertThatThrownBy(() -> Block.fromBytes(raw, tinyDelta)).isInstanceOf(DecodeException.class).hasMessageContaining("delta length");
        ChainParams tinyData = withLimits(REG, 4_000_000, 1 << 20, 0);
        assertThatThrownBy(() -> Block.fromBytes(raw, tinyData)).isInstanceOf(DecodeException.class).hasMessageContaining("training data");
        ChainParams tinyTx = withLimits(REG, 300, 1 << 20, 1 << 20);
        assertThatThrownBy(() -> Block.fromBytes(raw, tinyTx)).isInstanceOf(DecodeException.class).hasMessageContaining("transactions");
    }

    @Test
    void hugeCountsAreRejectedBeforeAllocation() {
        byte[] header = Genesis.block(REG).header().toByteArray();
        byte[] raw = Arrays.copyOf(header, 308 + 5);
        raw[308] = (byte) 0xfe;
        raw[309] = (byte) 0x00;
        raw[310] = (byte) 0x00;
        raw[311] = (byte) 0x01;
        raw[312] = 0; // 65536 transactions promised, no bytes present
        assertThatThrownBy(() -> Block.fromBytes(raw, REG)).isInstanceOf(DecodeException.class).hasMessageContaining("tx count");
    }

    static ChainParams withLimits(ChainParams p, long weight, int delta, int data) {
        return new ChainParams(p.name(), p.magic(), p.defaultPort(), p.hrp(), p.powLimitBits(), p.retargeting(), p.retargetInterval(),
                p.targetSpacing(), p.initialSubsidy(), p.halvingInterval(), p.coinbaseMaturity(), weight, delta, data, p.growthSchedule(),
                p.boostK(), p.maxBoost(), p.profile(), p.resonanceMarginBits(), p.genesisTimestamp(), p.genesisMessage(), p.genesisNonce());
    }

    private static byte[] cat(Hash256 a, Hash256 b) {
        return concat(a.toByteArray(), b.toByteArray());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void writerHelpersAreLittleEndian() {
        byte[] b = new byte[8];
        Writer.i64(b, 0, 0x0102030405060708L);
        assertThat(b).containsExactly(8, 7, 6, 5, 4, 3, 2, 1);
        assertThat(Amounts.COIN).isEqualTo(100_000_000L);
    }
}
