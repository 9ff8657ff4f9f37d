package org.flowcoin.benchmarks.crypto;

import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.flowcoin.crypto.Argon2id;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Argon2id as the wallet file uses it (RFC 9106's second recommended option, 64 MiB, t = 3, p = 4,
 * 32-byte key): flow-crypto's against Bouncy Castle's, which the wallet used before. Milliseconds
 * per derivation.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar Argon2idBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class Argon2idBenchmark {
    @Param({"65536"})
    int memoryKiB;

    @Param({"3"})
    int iterations;

    @Param({"4"})
    int parallelism;

    final byte[] password = "correct horse battery staple".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    final byte[] salt = new byte[32];

    @Setup
    public void setup() {
        for (int i = 0; i < salt.length; i++) salt[i] = (byte) i;
        byte[] ours = flowCrypto();
        byte[] theirs = bouncyCastle();
        if (!java.util.Arrays.equals(ours, theirs)) throw new IllegalStateException("Argon2id implementations disagree");
    }

    @Benchmark
    public byte[] flowCrypto() {
        return Argon2id.hash(password, salt, memoryKiB, iterations, parallelism, 32);
    }

    @Benchmark
    public byte[] bouncyCastle() {
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt)
                .withMemoryAsKB(memoryKiB).withIterations(iterations).withParallelism(parallelism).build());
        byte[] out = new byte[32];
        gen.generateBytes(password, out);
        return out;
    }
}
