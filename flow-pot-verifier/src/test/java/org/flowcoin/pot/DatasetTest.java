package org.flowcoin.pot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelInit;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.delta.Delta;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.junit.jupiter.api.Test;

class DatasetTest {
    static final PotParams REG = PotParams.forChain(ChainParams.regtest());

    @Test
    void log2MatchesMathWithinTwoToMinus24() {
        for (long x : new long[] {1, 2, 3, 5, 7, 10, 255, 256, 1000, 65_535, 1 << 20, (1L << 31) - 1}) {
            double exact = Math.log(x) / Math.log(2);
            assertThat(Math.abs(TrainingData.log2Q32(x) / 4294967296.0 - exact)).as("x=%d", x).isLessThan(1.0 / (1 << 24));
        }
        assertThat(TrainingData.log2Q32(1)).isZero();
        assertThat(TrainingData.log2Q32(1024)).isEqualTo(10L << 32);
        // pinned values (docs/spec/dataset.md)
        assertThat(Long.toHexString(TrainingData.log2Q32(3))).isEqualTo("195c01a39");
        assertThat(Long.toHexString(TrainingData.log2Q32(10))).isEqualTo("35269e12e");
    }

    @Test
    void entropyOfCorpusAndUniformData() {
        byte[] corpus = GenesisCorpus.bytes();
        double bits = TrainingData.entropyTotalQ32(corpus) / 4294967296.0 / corpus.length;
        assertThat(bits).isBetween(4.0, 5.0);
        byte[] all = new byte[256 * 4];
        for (int i = 0; i < all.length; i++) all[i] = (byte) i;
        assertThat(TrainingData.entropyTotalQ32(all)).isEqualTo(8L * all.length << 32);
        assertThat(TrainingData.entropyAtLeast(all, 800)).isTrue();
        assertThat(TrainingData.entropyAtLeast(new byte[100], 1)).isFalse();
        assertThat(TrainingData.check(java.util.Arrays.copyOf(corpus, 4096), REG, BloomFilter.empty(REG)).accepted()).isTrue();
    }

    @Test
    void bloomAddUndoAndFalsePositiveRate() {
        BloomFilter f = BloomFilter.empty(REG); // 2^20 bits, k = 8
        Random r = new Random(1);
        int n = 1 << 16; // m/n = 16: expected false-positive rate (1 - e^{-1/2})^8 = 5.7e-4
        for (int i = 0; i < n; i++) f.add(Hash256.keccak256(new byte[] {(byte) i, (byte) (i >> 8), 1}));
        BloomFilter snapshot = f.copy();
        Hash256 x = Hash256.keccak256(new byte[] {9, 9, 9, 9});
        int[] bits = f.add(x);
        assertThat(f.mightContain(x)).isTrue();
        f.clear(bits);
        assertThat(f).isEqualTo(snapshot);
        int fp = 0, trials = 200_000;
        for (int i = 0; i < trials; i++) if (f.mightContain(Hash256.keccak256(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16), 2}))) fp++;
        assertThat(fp / (double) trials).isBetween(1e-4, 2e-3);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(f.serializedSize());
        f.write(b);
        b.flip();
        assertThat(BloomFilter.read(b, REG)).isEqualTo(f);
        // probes are the little-endian u32 words of the hash, masked (docs/spec/dataset.md)
        Hash256 h = Hash256.fromHex("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
        assertThat(f.probes(h)[0]).isEqualTo(0x04030201 & 0xfffff);
        assertThat(f.probes(h)[7]).isEqualTo(0x201f1e1d & 0xfffff);
    }

    @Test
    void validationSetIsDeterministicAndPadsFromCorpus() {
        Hash256 prev = Hash256.keccak256(new byte[] {1});
        ValidationSet young = ValidationSet.derive(REG, prev, List.of());
        assertThat(young.fromChain()).isZero();
        assertThat(young.sequences()).hasSize(8).allSatisfy(s -> assertThat(s).hasSize(64));
        assertThat(ValidationSet.derive(REG, prev, List.of()).hash()).isEqualTo(young.hash());
        assertThat(ValidationSet.derive(REG, Hash256.keccak256(new byte[] {2}), List.of()).hash()).isNotEqualTo(young.hash());
        byte[] data = new byte[200];
        new Random(4).nextBytes(data);
        ValidationSet mixed = ValidationSet.derive(REG, prev, List.of(data, data));
        assertThat(mixed.fromChain()).isEqualTo(6); // 400 bytes of window data hold 6 sequences of 64
        long start = Long.remainderUnsigned(ValidationSet.sample(prev, 0), 400 - 64 + 1);
        byte[] pool = new byte[400];
        System.arraycopy(data, 0, pool, 0, 200);
        System.arraycopy(data, 0, pool, 200, 200);
        assertThat(mixed.sequences().get(0)).isEqualTo(java.util.Arrays.copyOfRange(pool, (int) start, (int) start + 64));
        long cstart = Long.remainderUnsigned(ValidationSet.sample(prev, 7), GenesisCorpus.SIZE - 64 + 1);
        assertThat(mixed.sequences().get(7)).isEqualTo(java.util.Arrays.copyOfRange(GenesisCorpus.bytes(), (int) cstart, (int) cstart + 64));
        // vector for docs/spec/dataset.md: regtest, prev_hash = 32 zero bytes, empty window
        ValidationSet v = ValidationSet.derive(REG, Hash256.ZERO, List.of());
        assertThat(v.hash().toHex()).isEqualTo(VH_VECTOR);
    }

    static final String VH_VECTOR = "de9472637a61972ed454b159d415e63afa0bade8d944af467f0b4d15de94a30a";

    @Test
    void modelRootIncrementalEqualsFull() {
        ModelWeights w = ModelInit.init(ModelConfig.tiny(), "root-test");
        ModelRoot tree = ModelRoot.of(w);
        Hash256 before = tree.root();
        long p = w.layout().parameterCount();
        Delta d = Delta.of(p, new long[] {0, 5000, p - 1}, new float[] {0.5f, -0.25f, 1f});
        Delta.Applied a = d.apply(w);
        tree.update(w, d);
        assertThat(tree.root()).isEqualTo(ModelRoot.compute(w)).isNotEqualTo(before);
        d.revert(w, a.previous());
        tree.update(w, d);
        assertThat(tree.root()).isEqualTo(before);
        // one leaf per expert slice of the expert tensors: tiny has 16 experts of 16 x 64 floats each
        assertThat(tree.leafCount()).isGreaterThan(2 * 3 * 16);
        assertThat(ModelRoot.compute(w)).isEqualTo(independentRoot(w));
    }

    /** A second, straightforward implementation of the model root rules of docs/spec/validation.md. */
    static Hash256 independentRoot(ModelWeights w) {
        List<byte[]> level = new java.util.ArrayList<>();
        int experts = w.config().nExperts();
        for (org.flowcoin.moe.TensorInfo t : w.layout().tensors()) {
            boolean exps = t.name().endsWith("_exps.weight");
            long seg = exps ? t.count() / experts : t.count();
            for (long s = 0; s < t.count(); s += seg) {
                for (long o = 0; o < seg; o += ModelRoot.CHUNK_FLOATS) {
                    long n = Math.min(ModelRoot.CHUNK_FLOATS, seg - o);
                    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
                    b.write(0);
                    for (long i = 0; i < n; i++) {
                        int bits = Float.floatToRawIntBits(w.get(t.offset() + s + o + i));
                        b.write(bits);
                        b.write(bits >>> 8);
                        b.write(bits >>> 16);
                        b.write(bits >>> 24);
                    }
                    level.add(org.flowcoin.crypto.Keccak.keccak256(b.toByteArray()));
                }
            }
        }
        while (level.size() > 1) {
            List<byte[]> next = new java.util.ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                if (i + 1 == level.size()) {
                    next.add(level.get(i));
                    continue;
                }
                byte[] pair = new byte[65];
                pair[0] = 1;
                System.arraycopy(level.get(i), 0, pair, 1, 32);
                System.arraycopy(level.get(i + 1), 0, pair, 33, 32);
                next.add(org.flowcoin.crypto.Keccak.keccak256(pair));
            }
            level = next;
        }
        return Hash256.of(level.get(0));
    }
}
