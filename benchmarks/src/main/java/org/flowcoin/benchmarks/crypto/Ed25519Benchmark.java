package org.flowcoin.benchmarks.crypto;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.flowcoin.crypto.Ed25519;
import org.flowcoin.crypto.Ed25519BatchVerifier;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ed25519 sign / verify / batch verify: ours, Bouncy Castle and libsodium (through java.lang.foreign;
 * its benchmarks fail at setup with a clear message, and the rest still run, when libsodium is not
 * installed). Scores are operations (signatures) per second; batch scores are per signature.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar Ed25519Benchmark -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class Ed25519Benchmark {
    static final int N = 1024;
    static final int MSG_LEN = 32; // a sighash

    byte[][] seeds = new byte[N][];
    byte[][] pubs = new byte[N][];
    byte[][] msgs = new byte[N][];
    byte[][] sigs = new byte[N][];
    Ed25519PrivateKey[] keys = new Ed25519PrivateKey[N];
    byte[][] bcExpanded = new byte[N][];
    SecureRandom batchRandom = new SecureRandom();
    int next;

    @Setup
    public void setup() {
        Random r = new Random(1);
        for (int i = 0; i < N; i++) {
            seeds[i] = new byte[32];
            r.nextBytes(seeds[i]);
            msgs[i] = new byte[MSG_LEN];
            r.nextBytes(msgs[i]);
            keys[i] = Ed25519PrivateKey.fromSeed(seeds[i]);
            pubs[i] = keys[i].publicKey().toByteArray();
            sigs[i] = keys[i].sign(msgs[i]);
        }
    }

    private int index() {
        int i = next;
        next = (i + 1) & (N - 1);
        return i;
    }

    @Benchmark
    public byte[] signOurs() {
        int i = index();
        return keys[i].sign(msgs[i]);
    }

    @Benchmark
    public byte[] signBouncyCastle() {
        int i = index();
        byte[] sig = new byte[64];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seeds[i], 0, msgs[i], 0, MSG_LEN, sig, 0);
        return sig;
    }

    @Benchmark
    public boolean verifyOurs() {
        int i = index();
        return Ed25519.verify(pubs[i], msgs[i], sigs[i]);
    }

    @Benchmark
    public boolean verifyBouncyCastle() {
        int i = index();
        return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(sigs[i], 0, pubs[i], 0, msgs[i], 0, MSG_LEN);
    }

    private boolean batch(int n) {
        Ed25519BatchVerifier b = new Ed25519BatchVerifier(batchRandom);
        int start = next;
        for (int j = 0; j < n; j++) {
            int i = (start + j) & (N - 1);
            b.add(pubs[i], msgs[i], sigs[i]);
        }
        next = (start + n) & (N - 1);
        if (!b.verifyAll()) throw new AssertionError("valid batch rejected");
        return true;
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public boolean batchVerify64Ours() {
        return batch(64);
    }

    @Benchmark
    @OperationsPerInvocation(1024)
    public boolean batchVerify1024Ours() {
        return batch(1024);
    }

    /** libsodium 1.0.18 (Debian libsodium23) through java.lang.foreign. */
    @State(Scope.Thread)
    public static class Sodium {
        MethodHandle sign, verify;
        Arena arena;
        MemorySegment sk, pk, msg, sig, sigLen;
        byte[][] skBytes = new byte[N][];

        @Setup
        public void setup(Ed25519Benchmark b) throws Throwable {
            SymbolLookup lib = null;
            for (String name : new String[] {"libsodium.so.23", "libsodium.so"}) {
                try {
                    lib = SymbolLookup.libraryLookup(name, Arena.global());
                    break;
                } catch (IllegalArgumentException e) {
                    // try the next name
                }
            }
            if (lib == null) {
                throw new IllegalStateException("libsodium not installed (apt-get install -y libsodium23): skipping");
            }
            Linker l = Linker.nativeLinker();
            MethodHandle init = l.downcallHandle(lib.findOrThrow("sodium_init"), FunctionDescriptor.of(ValueLayout.JAVA_INT));
            if ((int) init.invokeExact() < 0) throw new IllegalStateException("sodium_init failed");
            var A = ValueLayout.ADDRESS;
            var J = ValueLayout.JAVA_LONG;
            var I = ValueLayout.JAVA_INT;
            MethodHandle keypair = l.downcallHandle(lib.findOrThrow("crypto_sign_ed25519_seed_keypair"), FunctionDescriptor.of(I, A, A, A));
            sign = l.downcallHandle(lib.findOrThrow("crypto_sign_ed25519_detached"), FunctionDescriptor.of(I, A, A, A, J, A));
            verify = l.downcallHandle(lib.findOrThrow("crypto_sign_ed25519_verify_detached"), FunctionDescriptor.of(I, A, A, J, A));
            arena = Arena.ofAuto();
            sk = arena.allocate(64);
            pk = arena.allocate(32);
            msg = arena.allocate(MSG_LEN);
            sig = arena.allocate(64);
            sigLen = arena.allocate(8);
            MemorySegment seed = arena.allocate(32);
            for (int i = 0; i < N; i++) {
                MemorySegment.copy(b.seeds[i], 0, seed, ValueLayout.JAVA_BYTE, 0, 32);
                if ((int) keypair.invokeExact(pk, sk, seed) != 0) throw new IllegalStateException("keypair");
                if (!java.util.Arrays.equals(pk.toArray(ValueLayout.JAVA_BYTE), b.pubs[i])) {
                    throw new IllegalStateException("libsodium public key differs");
                }
                skBytes[i] = sk.toArray(ValueLayout.JAVA_BYTE);
            }
        }
    }

    @Benchmark
    public byte[] signLibsodium(Sodium s) throws Throwable {
        int i = index();
        MemorySegment.copy(s.skBytes[i], 0, s.sk, ValueLayout.JAVA_BYTE, 0, 64);
        MemorySegment.copy(msgs[i], 0, s.msg, ValueLayout.JAVA_BYTE, 0, MSG_LEN);
        int rc = (int) s.sign.invokeExact(s.sig, s.sigLen, s.msg, (long) MSG_LEN, s.sk);
        if (rc != 0) throw new IllegalStateException("sign");
        return s.sig.toArray(ValueLayout.JAVA_BYTE);
    }

    @Benchmark
    public boolean verifyLibsodium(Sodium s) throws Throwable {
        int i = index();
        MemorySegment.copy(sigs[i], 0, s.sig, ValueLayout.JAVA_BYTE, 0, 64);
        MemorySegment.copy(msgs[i], 0, s.msg, ValueLayout.JAVA_BYTE, 0, MSG_LEN);
        MemorySegment.copy(pubs[i], 0, s.pk, ValueLayout.JAVA_BYTE, 0, 32);
        return (int) s.verify.invokeExact(s.sig, s.msg, (long) MSG_LEN, s.pk) == 0;
    }
}
