package org.flowcoin.benchmarks.crypto;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.Random;
import org.flowcoin.crypto.Ed25519;
import org.flowcoin.crypto.Ed25519BatchVerifier;
import org.flowcoin.crypto.Ed25519PrivateKey;

/**
 * Ed25519 speed ratios for a shared, busy machine, as a companion to {@link Ed25519Benchmark}: the
 * contenders run in short interleaved blocks, each block is timed in thread CPU time (so time spent
 * descheduled by other processes does not count), and the fastest block of each contender is kept.
 * Prints microseconds per signature and the ratios the performance targets are stated in.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.flowcoin.benchmarks.crypto.Ed25519Ratios [rounds]
 * </pre>
 */
public final class Ed25519Ratios {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private Ed25519Ratios() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int n = 1024;
        byte[][] seeds = new byte[n][], pubs = new byte[n][], msgs = new byte[n][], sigs = new byte[n][];
        Ed25519PrivateKey[] keys = new Ed25519PrivateKey[n];
        Random r = new Random(1);
        for (int i = 0; i < n; i++) {
            seeds[i] = new byte[32];
            r.nextBytes(seeds[i]);
            msgs[i] = new byte[32];
            r.nextBytes(msgs[i]);
            keys[i] = Ed25519PrivateKey.fromSeed(seeds[i]);
            pubs[i] = keys[i].publicKey().toByteArray();
            sigs[i] = keys[i].sign(msgs[i]);
        }
        SecureRandom z = new SecureRandom();
        double ours = Double.MAX_VALUE, bc = Double.MAX_VALUE, b64 = Double.MAX_VALUE, b1024 = Double.MAX_VALUE;
        double signOurs = Double.MAX_VALUE, signBc = Double.MAX_VALUE;
        int off = 0;
        for (int round = 0; round < rounds; round++) {
            off = (off + 64) & (n - 1);
            long t0 = CPU.getCurrentThreadCpuTime();
            for (int i = off; i < off + 16; i++) check(Ed25519.verify(pubs[i], msgs[i], sigs[i]));
            long t1 = CPU.getCurrentThreadCpuTime();
            for (int i = off; i < off + 16; i++) {
                check(org.bouncycastle.math.ec.rfc8032.Ed25519.verify(sigs[i], 0, pubs[i], 0, msgs[i], 0, 32));
            }
            long t2 = CPU.getCurrentThreadCpuTime();
            Ed25519BatchVerifier b = new Ed25519BatchVerifier(z);
            for (int i = off; i < off + 64; i++) b.add(pubs[i], msgs[i], sigs[i]);
            check(b.verifyAll());
            long t3 = CPU.getCurrentThreadCpuTime();
            for (int i = off; i < off + 16; i++) keys[i].sign(msgs[i]);
            long t4 = CPU.getCurrentThreadCpuTime();
            byte[] sig = new byte[64];
            for (int i = off; i < off + 16; i++) {
                org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seeds[i], 0, msgs[i], 0, 32, sig, 0);
            }
            long t5 = CPU.getCurrentThreadCpuTime();
            ours = Math.min(ours, (t1 - t0) / 16e3);
            bc = Math.min(bc, (t2 - t1) / 16e3);
            b64 = Math.min(b64, (t3 - t2) / 64e3);
            signOurs = Math.min(signOurs, (t4 - t3) / 16e3);
            signBc = Math.min(signBc, (t5 - t4) / 16e3);
            if (round % 2 == 0) {
                long t6 = CPU.getCurrentThreadCpuTime();
                Ed25519BatchVerifier big = new Ed25519BatchVerifier(z);
                for (int i = 0; i < n; i++) big.add(pubs[i], msgs[i], sigs[i]);
                check(big.verifyAll());
                b1024 = Math.min(b1024, (CPU.getCurrentThreadCpuTime() - t6) / 1024e3);
            }
        }
        System.out.printf("us per signature (fastest block of %d, thread CPU time)%n", rounds);
        System.out.printf("  sign    ours %.1f  bc %.1f%n", signOurs, signBc);
        System.out.printf("  verify  ours %.1f  bc %.1f%n", ours, bc);
        System.out.printf("  batch   64: %.1f  1024: %.1f%n", b64, b1024);
        System.out.printf("ratios: verify ours/bc speed %.2f; batch64/single %.2f; batch1024/single %.2f%n",
                bc / ours, ours / b64, ours / b1024);
    }

    private static void check(boolean ok) {
        if (!ok) throw new AssertionError("valid signature rejected");
    }
}
