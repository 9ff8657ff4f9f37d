package org.flowcoin.benchmarks.crypto;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.flowcoin.crypto.Keccak;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Keccak-256d of a 244-byte block header (the block-hash workload): ours vs Bouncy Castle's
 * KeccakDigest vs OpenSSL's SHA3-256 (same permutation and rate, different padding byte) through
 * java.lang.foreign as a native speed anchor. The native benchmark is skipped when libcrypto.so.3
 * is not installed.
 *
 * <p>Every fork runs with {@code --add-modules jdk.incubator.vector}, as an application that wants
 * the fast paths would, so {@code flowKeccak256d} measures whichever one-state kernel
 * {@link Keccak} selects on this CPU (the vector kernel with AVX-512; each fork prints
 * {@code # Keccak kernel: ...}), and {@code flowKeccak256dScalar} the same public call with the
 * scalar kernel forced ({@code -Dflow.keccak.impl=scalar}, which the benchmark passes to
 * {@code Keccak.useKernel}).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar KeccakBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Thread)
@Fork(jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KeccakBenchmark {
    private static final String LIBCRYPTO = "/usr/lib/x86_64-linux-gnu/libcrypto.so.3";

    private final byte[] header = new byte[244];
    private final byte[] inner = new byte[32];
    private final byte[] outer = new byte[32];

    @Setup
    public void setup() {
        new SplittableRandom(244).nextBytes(header);
    }

    @Setup(Level.Trial)
    public void reportKernel() {
        KeccakRatios.applyForcedKernel();
        System.out.println("# Keccak kernel: " + Keccak.kernelName());
    }

    /** Ours: Keccak-256(Keccak-256(header)), the public one-header call. */
    @Benchmark
    public byte[] flowKeccak256d() {
        return Keccak.keccak256d(header);
    }

    /** Ours, the same public call with the scalar permutation forced (CPUs without AVX-512). */
    @Benchmark
    @Fork(jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dflow.keccak.impl=scalar"})
    public byte[] flowKeccak256dScalar() {
        return Keccak.keccak256d(header);
    }

    /**
     * Ours, bulk: Keccak-256d of 64 headers per call through {@link Keccak#keccak256dAll} (the
     * four-way vector permutation when the JVM runs with --add-modules jdk.incubator.vector).
     * The score is per header, like the single-hash benchmarks.
     */
    @Benchmark
    @OperationsPerInvocation(64)
    public byte[] flowKeccak256dBulk64(BulkState st) {
        Keccak.keccak256dAll(st.headers, st.out);
        return st.out;
    }

    /** 64 distinct headers (differing nonces) for the bulk benchmark. */
    @State(Scope.Thread)
    public static class BulkState {
        final byte[][] headers = new byte[64][244];
        final byte[] out = new byte[32 * 64];

        @Setup
        public void setup() {
            SplittableRandom r = new SplittableRandom(64);
            for (byte[] h : headers) r.nextBytes(h);
        }
    }

    /** Ours, single Keccak-256 (for the per-hash figure). */
    @Benchmark
    public byte[] flowKeccak256() {
        return Keccak.keccak256(header);
    }

    /** Bouncy Castle KeccakDigest, the way its API is meant to be used (one digest object per hash pair). */
    @Benchmark
    public byte[] bouncyCastleKeccak256d() {
        KeccakDigest d = new KeccakDigest(256);
        d.update(header, 0, header.length);
        d.doFinal(inner, 0);
        d.update(inner, 0, 32);
        d.doFinal(outer, 0);
        return outer;
    }

    /** Bouncy Castle with a reused digest object (its best case). */
    @Benchmark
    public byte[] bouncyCastleKeccak256dReused(BcState st) {
        KeccakDigest d = st.digest;
        d.update(header, 0, header.length);
        d.doFinal(inner, 0);
        d.update(inner, 0, 32);
        d.doFinal(outer, 0);
        return outer;
    }

    /** OpenSSL SHA3-256 twice (244 bytes, then 32), reusing one EVP_MD_CTX. */
    @Benchmark
    public int opensslSha3x2(NativeState st) throws Throwable {
        return st.hash2();
    }

    @State(Scope.Thread)
    public static class BcState {
        final KeccakDigest digest = new KeccakDigest(256);
    }

    @State(Scope.Thread)
    public static class NativeState {
        Arena arena;
        MethodHandle init;
        MethodHandle update;
        MethodHandle fin;
        MemorySegment ctx;
        MemorySegment md;
        MemorySegment in;
        MemorySegment mid;
        MemorySegment out;

        @Setup(Level.Trial)
        public void setup(BenchmarkParams params) throws Throwable {
            if (!params.getBenchmark().endsWith("opensslSha3x2")) return;
            if (!Files.exists(Path.of(LIBCRYPTO))) {
                throw new IllegalStateException("skipped: " + LIBCRYPTO + " not installed (apt-get install libssl3)");
            }
            arena = Arena.ofConfined();
            Linker linker = Linker.nativeLinker();
            SymbolLookup lib = SymbolLookup.libraryLookup(Path.of(LIBCRYPTO), arena);
            MethodHandle ctxNew = linker.downcallHandle(lib.find("EVP_MD_CTX_new").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.ADDRESS));
            MethodHandle sha3 = linker.downcallHandle(lib.find("EVP_sha3_256").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.ADDRESS));
            init = linker.downcallHandle(lib.find("EVP_DigestInit_ex").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
                    Linker.Option.critical(false));
            update = linker.downcallHandle(lib.find("EVP_DigestUpdate").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                    Linker.Option.critical(false));
            fin = linker.downcallHandle(lib.find("EVP_DigestFinal_ex").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
                    Linker.Option.critical(false));
            ctx = (MemorySegment) ctxNew.invokeExact();
            md = (MemorySegment) sha3.invokeExact();
            in = arena.allocate(244);
            byte[] h = new byte[244];
            new SplittableRandom(244).nextBytes(h);
            MemorySegment.copy(h, 0, in, ValueLayout.JAVA_BYTE, 0, 244);
            mid = arena.allocate(32);
            out = arena.allocate(32);
        }

        int hash2() throws Throwable {
            int r = (int) init.invokeExact(ctx, md, MemorySegment.NULL);
            r &= (int) update.invokeExact(ctx, in, 244L);
            r &= (int) fin.invokeExact(ctx, mid, MemorySegment.NULL);
            r &= (int) init.invokeExact(ctx, md, MemorySegment.NULL);
            r &= (int) update.invokeExact(ctx, mid, 32L);
            r &= (int) fin.invokeExact(ctx, out, MemorySegment.NULL);
            return r;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (arena != null) arena.close();
        }
    }
}
