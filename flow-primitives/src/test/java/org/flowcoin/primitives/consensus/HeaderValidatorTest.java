package org.flowcoin.primitives.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.ModelDims;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.block.Genesis;
import org.flowcoin.primitives.block.HeaderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Light validation on its own: a signed regtest header chain, built here without any model, is
 * checked by {@link HeaderValidator}, and each header rule rejects a header that breaks only it.
 * This module has no model, zstd or native dependency, which {@link #theModelStackIsNotOnThePath}
 * pins: an explorer that checks headers needs flow-primitives and flow-crypto only.
 */
class HeaderValidatorTest {
    static final ChainParams REG = ChainParams.regtest();
    static final Ed25519PrivateKey KEY = Ed25519PrivateKey.fromSeed(new byte[32]);
    static final int LENGTH = 30;
    static final List<BlockHeader> CHAIN = new ArrayList<>();
    static long now;

    @BeforeAll
    static void buildChain() {
        CHAIN.add(Genesis.block(REG).header());
        for (int i = 1; i <= LENGTH; i++) CHAIN.add(child(CHAIN.get(i - 1), UnaryOperator.identity(), true));
        now = CHAIN.get(CHAIN.size() - 1).timestamp();
    }

    /** A valid child of {@code parent} (losses improve by one step), with {@code tweak} applied before grinding. */
    static BlockHeader child(BlockHeader parent, UnaryOperator<HeaderBuilder> tweak, boolean meetTarget) {
        int prev = Float.floatToIntBits(5f) - (int) parent.height();
        HeaderBuilder b = new HeaderBuilder().prevHash(parent.hash()).height(parent.height() + 1).timestamp(parent.timestamp() + 600)
                .nbits(parent.nbits()).prevValLossBits(prev).valLossBits(prev - 1).dims(REG.growthSchedule().dimsAt(parent.height() + 1))
                .stagnation(0).merkleRoot(Hash256.keccak256(new byte[] {(byte) parent.height()})).minerPubkey(KEY.publicKey().toByteArray());
        b = tweak.apply(b);
        for (int nonce = 0; ; nonce++) {
            BlockHeader h = b.nonce(nonce).sign(KEY);
            if (HeaderValidator.checkPow(REG, h).accepted() == meetTarget) return h;
        }
    }

    /** The verdict for the last header of the chain replaced by a child of the one before, built with {@code tweak}. */
    static Verdict lastWith(UnaryOperator<HeaderBuilder> tweak) {
        return lastIs(child(CHAIN.get(LENGTH - 1), tweak, true));
    }

    static Verdict lastIs(BlockHeader h) {
        List<BlockHeader> headers = new ArrayList<>(CHAIN.subList(0, LENGTH));
        headers.add(h);
        List<Verdict> v = HeaderValidator.checkChain(REG, headers, now);
        assertThat(v.subList(0, LENGTH)).allMatch(Verdict::accepted);
        return v.get(LENGTH);
    }

    @Test
    void aValidChainIsAccepted() {
        assertThat(HeaderValidator.checkChain(REG, CHAIN, now)).hasSize(LENGTH + 1).allMatch(Verdict::accepted);
        BlockHeader last = CHAIN.get(LENGTH);
        HeaderValidator.Context ctx = HeaderValidator.context(REG, CHAIN.get(LENGTH - 1), h -> CHAIN.get((int) h));
        assertThat(HeaderValidator.check(REG, last, ctx, now, true).accepted()).isTrue();
        assertThat(HeaderValidator.checkStandalone(REG, last).accepted()).isTrue();
    }

    @Test
    void theMedianTimePastIsTheUpperMiddleOfElevenBlocks() {
        HeaderValidator.Context ctx = HeaderValidator.context(REG, CHAIN.get(LENGTH), h -> CHAIN.get((int) h));
        assertThat(ctx.medianTimePast()).isEqualTo(CHAIN.get(LENGTH - 5).timestamp());
        assertThat(HeaderValidator.median(new long[] {5, 1, 4, 2})).isEqualTo(4);
        assertThat(HeaderValidator.MEDIAN_TIME_SPAN).isEqualTo(11);
    }

    @Test
    void eachHeaderRuleRejectsTheHeaderThatBreaksOnlyIt() {
        BlockHeader parent = CHAIN.get(LENGTH - 1);
        int prev = Float.floatToIntBits(5f) - (int) parent.height();
        assertThat(lastWith(b -> b.version(2)).rule()).isEqualTo(Rule.HDR_VERSION);
        assertThat(lastWith(b -> b.prevHash(Hash256.ZERO)).rule()).isEqualTo(Rule.HDR_PREV);
        assertThat(lastWith(b -> b.height(parent.height() + 2)).rule()).isIn(Rule.HDR_HEIGHT);
        long mtp = HeaderValidator.context(REG, parent, h -> CHAIN.get((int) h)).medianTimePast();
        assertThat(lastWith(b -> b.timestamp(mtp)).rule()).isEqualTo(Rule.HDR_TIME_MEDIAN);
        assertThat(lastWith(b -> b.timestamp(mtp + 1)).accepted()).isTrue();
        assertThat(lastWith(b -> b.timestamp(now + HeaderValidator.MAX_FUTURE_SECONDS)).accepted()).isTrue();
        assertThat(lastWith(b -> b.timestamp(now + HeaderValidator.MAX_FUTURE_SECONDS + 1)).rule()).isEqualTo(Rule.HDR_TIME_FUTURE);
        assertThat(lastWith(b -> b.nbits(parent.nbits() - 1)).rule()).isEqualTo(Rule.HDR_NBITS);
        assertThat(lastWith(b -> b.dims(new ModelDims(128, 2, 16, 2, 1, 16))).rule()).isEqualTo(Rule.HDR_DIMS);
        assertThat(lastWith(b -> b.valLossBits(0)).rule()).isEqualTo(Rule.HDR_LOSS_RANGE);
        assertThat(lastWith(b -> b.prevValLossBits(0x7f80_0000)).rule()).isEqualTo(Rule.HDR_LOSS_RANGE);
        assertThat(lastWith(b -> b.valLossBits(prev + 1)).rule()).isEqualTo(Rule.HDR_LOSS_ORDER);
        assertThat(lastWith(b -> b.valLossBits(prev)).rule()).isEqualTo(Rule.HDR_STAGNATION);
        assertThat(lastWith(b -> b.valLossBits(prev).stagnation(1)).accepted()).isTrue();
        assertThat(lastWith(b -> b.stagnation(1)).rule()).isEqualTo(Rule.HDR_STAGNATION);
        byte[] badSig = CHAIN.get(LENGTH).toByteArray();
        badSig[BlockHeader.SIZE - 1] ^= 1;
        assertThat(lastIs(BlockHeader.fromBytes(badSig)).rule()).isEqualTo(Rule.HDR_SIGNATURE);
        assertThat(lastIs(child(parent, UnaryOperator.identity(), false)).rule()).isEqualTo(Rule.HDR_POW);
    }

    @Test
    void rawHeadersAreCheckedBeforeDecoding() {
        byte[] good = CHAIN.get(1).toByteArray();
        assertThat(HeaderValidator.checkRaw(good).accepted()).isTrue();
        assertThat(HeaderValidator.checkRaw(java.util.Arrays.copyOf(good, 307)).rule()).isEqualTo(Rule.HDR_STRUCTURE);
        byte[] reserved = good.clone();
        reserved[180] = 1;
        assertThat(HeaderValidator.checkRaw(reserved).rule()).isEqualTo(Rule.HDR_RESERVED);
    }

    @Test
    void aChainMustStartAtTheNetworksGenesis() {
        List<Verdict> v = HeaderValidator.checkChain(ChainParams.testnet(), CHAIN, now);
        assertThat(v).allMatch(x -> x.rule() == Rule.HDR_PREV);
    }

    @Test
    void resonanceNetProfileNeedsTheMargin() {
        ChainParams r = REG;
        ChainParams c = new ChainParams(r.name(), r.magic(), r.defaultPort(), r.hrp(), r.powLimitBits(), r.retargeting(),
                r.retargetInterval(), r.targetSpacing(), r.initialSubsidy(), r.halvingInterval(), r.coinbaseMaturity(),
                r.maxBlockWeight(), r.maxDeltaBytes(), r.maxTrainingDataBytes(), r.growthSchedule(), r.boostK(), r.maxBoost(),
                ChainParams.Profile.RESONANCENET, 100, r.genesisTimestamp(), r.genesisMessage(), r.genesisNonce());
        BlockHeader g = Genesis.block(c).header();
        HeaderValidator.Context ctx = new HeaderValidator.Context(g, g.timestamp(), g.nbits());
        int prev = Float.floatToIntBits(5f);
        for (int[] t : new int[][] {{prev, 0}, {prev - 99, 0}, {prev - 100, 1}, {prev - 5000, 1}}) {
            BlockHeader h = new HeaderBuilder().prevHash(g.hash()).height(1).timestamp(g.timestamp() + 600).nbits(g.nbits())
                    .valLossBits(t[0]).prevValLossBits(prev).dims(c.growthSchedule().dimsAt(1)).stagnation(t[0] == prev ? 1 : 0).build();
            Verdict v = HeaderValidator.checkWithoutSignature(c, h, ctx, g.timestamp() + 600);
            if (t[1] == 1) assertThat(v.accepted()).as("val %x", t[0]).isTrue();
            else assertThat(v.rule()).isEqualTo(Rule.HDR_LOSS_ORDER);
        }
        // the FlowCoin profile accepts an equal loss
        BlockHeader eq = new HeaderBuilder().prevHash(g.hash()).height(1).timestamp(g.timestamp() + 600).nbits(g.nbits())
                .valLossBits(prev).prevValLossBits(prev).dims(r.growthSchedule().dimsAt(1)).stagnation(1).build();
        assertThat(HeaderValidator.checkWithoutSignature(r, eq, ctx, g.timestamp() + 600).accepted()).isTrue();
    }

    @Test
    void theModelStackIsNotOnThePath() {
        for (String absent : new String[] {"org.flowcoin.moe.ModelWeights", "org.flowcoin.ggml.natives.GgmlNatives", "com.github.luben.zstd.Zstd"}) {
            assertThatThrownBy(() -> Class.forName(absent)).as(absent).isInstanceOf(ClassNotFoundException.class);
        }
    }
}
