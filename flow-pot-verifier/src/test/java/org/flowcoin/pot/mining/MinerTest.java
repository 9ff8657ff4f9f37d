package org.flowcoin.pot.mining;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.delta.Delta;
import org.flowcoin.moe.train.TrainConfig;
import org.flowcoin.pot.BloomFilter;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.GenesisCorpus;
import org.flowcoin.pot.PotParams;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.consensus.HeaderValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinerTest {
    static final PotParams P = PotParams.forChain(ChainParams.regtest());
    static final Ed25519PrivateKey KEY = Ed25519PrivateKey.fromSeed(new byte[32]);

    static MinerConfig config() {
        return MinerConfig.defaults(InstantSource.system())
                .withTrain(TrainConfig.defaults().withLearningRate(3e-3f).withBatch(4, 64).withThreads(2).withSeed(5))
                .withEvalThreads(2).withMaxSteps(200).withMaxDeltaEntries(20_000);
    }

    /** Training text: a slice of the shipped corpus, away from its start. */
    static byte[] data(int block) {
        byte[] c = GenesisCorpus.bytes();
        return Arrays.copyOfRange(c, 100_000 + block * 8192, 100_000 + (block + 1) * 8192);
    }

    /** Keccak-256 of every tensor's bytes in canonical order. */
    static String fingerprint(ModelWeights w) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        for (MemorySegment s : w.tensors()) o.writeBytes(s.toArray(ValueLayout.JAVA_BYTE));
        return HexFormat.of().formatHex(Keccak.keccak256(o.toByteArray()));
    }

    @Test
    void minedBlocksConnectAndTheStateMatchesTheMinersModel(@TempDir Path dir) throws Exception {
        try (ChainState cs = ChainState.open(dir, P, Evaluators.reference(2), InstantSource.system())) {
            for (int i = 0; i < 2; i++) {
                MiningTip tip = MiningTip.of(cs);
                TrainingPayload.Result pl = TrainingPayload.build(data(i), P, tip.bloom());
                assertThat(pl.verdict().accepted()).as(pl.verdict().toString()).isTrue();
                List<MiningProgress> seen = new ArrayList<>();
                Optional<MiningResult> r = new Miner(config()).mine(tip, pl.payload(), KEY, seen::add);
                assertThat(r).isPresent();
                MiningResult m = r.get();
                assertThat(seen).isNotEmpty();
                assertThat(seen.get(seen.size() - 1).hashesTried()).isEqualTo(m.hashesTried());
                assertThat(Float.floatToRawIntBits(m.valLoss())).isLessThanOrEqualTo(Float.floatToRawIntBits(m.prevValLoss()));
                assertThat(m.block().header().valLossBits()).isEqualTo(Float.floatToRawIntBits(m.valLoss()));
                assertThat(HeaderValidator.checkPow(P.chain(), m.block().header()).accepted()).isTrue();
                ChainState.Result res = cs.submit(m.block());
                assertThat(res.status()).as(res.toString()).isEqualTo(ChainState.Status.CONNECTED);
                assertThat(cs.weightsCopy().bitEquals(m.newWeights())).isTrue();
            }
            assertThat(cs.tipHeight()).isEqualTo(2);
        }
    }

    @Test
    void aFreshProcessReproducesTheMinersWeightsAndLossBits(@TempDir Path dir, @TempDir Path out) throws Exception {
        MiningResult m;
        try (ChainState cs = ChainState.open(dir, P, Evaluators.reference(2), InstantSource.system())) {
            MiningTip tip = MiningTip.of(cs);
            m = new Miner(config()).mine(tip, TrainingPayload.build(data(3), P, tip.bloom()).payload(), KEY, null).orElseThrow();
        }
        Path blockFile = out.resolve("block.bin");
        Files.write(blockFile, m.block().toByteArray());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", childClassPath(), DeltaReplayChild.class.getName(), blockFile.toString(), "regtest")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new String(child.getInputStream().readAllBytes()).trim();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        String expected = fingerprint(m.newWeights()) + " "
                + String.format("%08x %08x", Float.floatToRawIntBits(m.valLoss()), Float.floatToRawIntBits(m.prevValLoss()));
        assertThat(line).isEqualTo(expected);
        // and the delta is a real change: the fingerprint differs from the parent model's
        assertThat(m.delta().delta().nonZeroCount()).isPositive();
    }

    @Test
    void payoutScriptAndFeesGoToTheCoinbase(@TempDir Path dir) throws Exception {
        Ed25519PrivateKey other = Ed25519PrivateKey.fromSeed(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        var payout = org.flowcoin.primitives.script.Templates.payToKeyHash(other.publicKey().toByteArray());
        try (ChainState cs = ChainState.open(dir, P, Evaluators.reference(2), InstantSource.system())) {
            MiningTip tip = MiningTip.of(cs);
            byte[] payload = TrainingPayload.build(data(9), P, tip.bloom()).payload();
            MiningResult m = new Miner(config()).mine(tip, payload, KEY, payout, List.of(), 0, null).orElseThrow();
            var cb = m.block().transactions().get(0);
            assertThat(cb.outputs().get(0).script()).isEqualTo(payout);
            assertThat(cb.outputs().get(0).value()).isEqualTo(P.chain().subsidy(1));
            assertThat(cs.submit(m.block()).status()).isEqualTo(ChainState.Status.CONNECTED);
            // claiming fees that no transaction pays makes the coinbase overpay: the chain refuses the block
            MiningTip tip2 = MiningTip.of(cs);
            MiningResult bad = new Miner(config()).mine(tip2, TrainingPayload.build(data(10), P, tip2.bloom()).payload(), KEY, payout,
                    List.of(), 1, null).orElseThrow();
            assertThat(bad.block().transactions().get(0).outputs().get(0).value()).isEqualTo(P.chain().subsidy(2) + 1);
            assertThat(cs.submit(bad.block()).status()).isEqualTo(ChainState.Status.INVALID);
        }
    }

    @Test
    void deltaRoundTripAndBudget() {
        try (ChainStateless s = new ChainStateless()) {
            ModelWeights tip = s.genesis;
            ModelWeights trained = tip.copy();
            // change 1000 parameters by distinct amounts
            for (int i = 0; i < 1000; i++) trained.set(i * 97L, trained.get(i * 97L) + (i + 1) * 1e-4f);
            var r = org.flowcoin.moe.train.DeltaBuilder.build(tip, trained, 1 << 20, 100).orElseThrow();
            assertThat(r.delta().entryCount()).isEqualTo(100);
            // the 100 largest are the last 100 changed indices
            for (int i = 0; i < 100; i++) assertThat(r.delta().index(i)).isEqualTo((900 + i) * 97L);
            Delta back = Delta.decode(r.payload(), tip.layout().parameterCount());
            assertThat(back).isEqualTo(r.delta());
            ModelWeights again = tip.copy();
            back.apply(again);
            assertThat(again.bitEquals(r.applied())).isTrue();
            // byte budget: a tight limit shrinks k until the payload fits
            var small = org.flowcoin.moe.train.DeltaBuilder.build(tip, trained, 400, 1000).orElseThrow();
            assertThat(small.payload().length).isLessThanOrEqualTo(400);
            assertThat(small.delta().entryCount()).isLessThan(1000).isPositive();
            assertThat(org.flowcoin.moe.train.DeltaBuilder.build(tip, tip.copy(), 1 << 20, 10)).isEmpty();
        }
    }

    @Test
    void cancelStopsTheLoop(@TempDir Path dir) throws Exception {
        try (ChainState cs = ChainState.open(dir, P, Evaluators.reference(2), InstantSource.system())) {
            MiningTip tip = MiningTip.of(cs);
            // nbits no hash can meet: the miner can only stop by cancellation
            MiningTip hard = new MiningTip(tip.params(), tip.parent(), tip.parentWeights(), tip.validationSet(), 0x03000001,
                    tip.medianTimePast(), tip.bloom());
            Miner miner = new Miner(config().withMaxSteps(Long.MAX_VALUE).withNoncesPerCandidate(16));
            List<MiningProgress> seen = new ArrayList<>();
            Optional<MiningResult> r = miner.mine(hard, data(5), KEY, p -> {
                seen.add(p);
                if (seen.size() == 3) miner.cancel();
            });
            assertThat(r).isEmpty();
            assertThat(seen).hasSize(3);
        }
    }

    @Test
    void payloadDropsChunksSeenBefore() {
        byte[] raw = data(7);
        BloomFilter bloom = BloomFilter.empty(P);
        TrainingPayload.Result first = TrainingPayload.build(raw, P, bloom);
        assertThat(first.verdict().accepted()).isTrue();
        assertThat(first.payload()).isEqualTo(raw);
        for (var h : org.flowcoin.pot.TrainingData.chunkHashes(Arrays.copyOf(raw, 2 * P.chunkSize()), P.chunkSize())) bloom.add(h);
        TrainingPayload.Result second = TrainingPayload.build(raw, P, bloom);
        assertThat(second.dropped()).isEqualTo(2);
        assertThat(second.payload()).isEqualTo(Arrays.copyOfRange(raw, 2 * P.chunkSize(), raw.length));
        assertThat(second.verdict().accepted()).isTrue();
        byte[] repeated = new byte[4096];
        TrainingPayload.Result rep = TrainingPayload.build(repeated, P, BloomFilter.empty(P));
        assertThat(rep.kept()).isZero();
        assertThat(rep.verdict().accepted()).isFalse();
    }

    /** The genesis model of the test chain without a data directory. */
    private static final class ChainStateless implements AutoCloseable {
        final ModelWeights genesis = org.flowcoin.pot.ModelTransition.genesisModel(P.chain());

        @Override
        public void close() {}
    }

    static String childClassPath() throws Exception {
        Set<String> cp = new LinkedHashSet<>();
        cp.add(Path.of(DeltaReplayChild.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        for (String prop : new String[] {"jdk.module.path", "java.class.path"}) {
            String v = System.getProperty(prop);
            if (v != null) for (String e : v.split(File.pathSeparator)) if (!e.isBlank()) cp.add(e);
        }
        return String.join(File.pathSeparator, cp);
    }
}
