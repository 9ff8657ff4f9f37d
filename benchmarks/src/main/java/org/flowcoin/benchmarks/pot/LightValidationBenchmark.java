package org.flowcoin.benchmarks.pot;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.pot.PotParams;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.block.Genesis;
import org.flowcoin.primitives.block.HeaderBuilder;
import org.flowcoin.primitives.consensus.HeaderValidator;
import org.flowcoin.primitives.consensus.Verdict;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Light (header-only) validation of a 512-header regtest chain: every HDR rule, Ed25519 signature
 * and proof-of-work hash. Scores are headers per second: one core verifying each signature, all
 * cores (headers split across threads), and one core with batch signature verification.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LightValidationBenchmark {
    static final int N = 512;
    PotParams params;
    List<BlockHeader> headers;
    HeaderValidator.Context[] contexts;
    long now;

    @Setup
    public void setup() {
        params = PotParams.forChain(ChainParams.regtest());
        ChainParams c = params.chain();
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(new byte[32]);
        headers = new ArrayList<>();
        headers.add(Genesis.block(c).header());
        int loss = Float.floatToIntBits(5.5f);
        for (int i = 1; i <= N; i++) {
            BlockHeader parent = headers.get(i - 1);
            int prev = loss;
            loss -= 1000;
            HeaderBuilder hb = new HeaderBuilder().prevHash(parent.hash()).merkleRoot(Hash256.keccak256(new byte[] {(byte) i}))
                    .trainingHash(Hash256.keccak256(new byte[] {2, (byte) i})).datasetHash(Hash256.keccak256(new byte[] {3, (byte) i}))
                    .height(i).timestamp(parent.timestamp() + 600).nbits(c.powLimitBits()).valLossBits(loss).prevValLossBits(prev)
                    .dims(c.growthSchedule().dimsAt(i)).minerPubkey(key.publicKey().toByteArray());
            BigInteger target = c.powLimit();
            byte[] buf = hb.unsignedBuffer();
            for (int n = 0; ; n++) {
                HeaderBuilder.setNonce(buf, n);
                if (Hash256.of(HeaderBuilder.hashOf(buf)).toUnsignedLittleEndian().compareTo(target) <= 0) {
                    hb.nonce(n);
                    break;
                }
            }
            headers.add(hb.sign(key));
        }
        now = headers.get(N).timestamp();
        contexts = new HeaderValidator.Context[N + 1];
        for (int i = 1; i <= N; i++) {
            contexts[i] = HeaderValidator.context(c, headers.get(i - 1), h -> headers.get((int) h));
        }
        if (!HeaderValidator.checkChain(params.chain(), headers, now).stream().allMatch(Verdict::accepted)) throw new IllegalStateException("bad chain");
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int singleCore() {
        int ok = 0;
        for (int i = 1; i <= N; i++) if (HeaderValidator.check(params.chain(), headers.get(i), contexts[i], now, true).accepted()) ok++;
        return ok;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long allCores() {
        return IntStream.rangeClosed(1, N).parallel().filter(i -> HeaderValidator.check(params.chain(), headers.get(i), contexts[i], now, true).accepted()).count();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int batchChain() {
        return HeaderValidator.checkChain(params.chain(), headers, now).size();
    }
}
