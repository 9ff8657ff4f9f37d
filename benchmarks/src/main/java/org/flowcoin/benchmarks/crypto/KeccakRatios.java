package org.flowcoin.benchmarks.crypto;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.crypto.internal.keccak.KeccakF1600;
import org.flowcoin.crypto.internal.keccak.KeccakKernel;

/**
 * Keccak speed ratios for a shared, busy machine, as a companion to {@link KeccakBenchmark}: the
 * contenders alternate in short slices inside one JVM (so all see the same load), each slice is
 * timed in thread CPU time (time spent descheduled does not count). Reported: the median and the
 * fastest slice of each, and the median over rounds of the ratio within one round (paired: both
 * slices of a round see nearly the same load, so drifting load cancels out). Contenders:
 * Keccak-256d of a 244-byte header through the public {@link Keccak#keccak256d} (the kernel
 * {@link KeccakKernel} selected, printed first), Bouncy Castle's {@code KeccakDigest} with a fresh
 * and with a reused digest object, and the bare permutation, selected kernel vs scalar.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     org.flowcoin.benchmarks.crypto.KeccakRatios [slices] [opsPerSlice]
 * </pre>
 *
 * Add {@code -Dflow.keccak.impl=scalar} to measure the public call with the scalar kernel.
 */
public final class KeccakRatios {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final String[] NAMES = {
        "ours Keccak.keccak256d", "BC KeccakDigest, fresh", "BC KeccakDigest, reused",
        "permutation, selected kernel", "permutation, scalar kernel",
    };

    private KeccakRatios() {}

    private static long sink;

    /** Applies {@code -Dflow.keccak.impl=auto|scalar|vector} (a benchmark setting) through {@link Keccak#useKernel}. */
    static void applyForcedKernel() {
        String forced = System.getProperty("flow.keccak.impl");
        if (forced != null) Keccak.useKernel(Keccak.Kernel.valueOf(forced.trim().toUpperCase(java.util.Locale.ROOT)));
    }

    public static void main(String[] args) {
        applyForcedKernel();
        int slices = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        byte[] header = new byte[244];
        new SplittableRandom(244).nextBytes(header);
        // The contenders must agree before their speed means anything.
        if (!Arrays.equals(Keccak.keccak256d(header), bc(header, new KeccakDigest(256)).clone())) {
            throw new AssertionError("Keccak-256d differs from Bouncy Castle");
        }
        KeccakDigest reused = new KeccakDigest(256);
        long[] state = new long[25];
        double[][] ns = new double[NAMES.length][slices];
        for (int s = -slices / 10; s < slices; s++) { // the first tenth warms up and is dropped
            for (int c = 0; c < NAMES.length; c++) {
                long t0 = CPU.getCurrentThreadCpuTime();
                switch (c) {
                    case 0 -> { for (int i = 0; i < ops; i++) { header[0] = (byte) i; sink += Keccak.keccak256d(header)[0]; } }
                    case 1 -> { for (int i = 0; i < ops; i++) { header[0] = (byte) i; sink += bc(header, new KeccakDigest(256))[0]; } }
                    case 2 -> { for (int i = 0; i < ops; i++) { header[0] = (byte) i; sink += bc(header, reused)[0]; } }
                    case 3 -> { for (int i = 0; i < ops; i++) { state[0] += i; KeccakKernel.permute(state); } }
                    default -> { for (int i = 0; i < ops; i++) { state[0] += i; KeccakF1600.permute(state); } }
                }
                if (s >= 0) ns[c][s] = (CPU.getCurrentThreadCpuTime() - t0) / (double) ops;
            }
        }
        sink += state[1];
        System.out.printf("kernel: %s, %d slices of %d operations, thread CPU time%n", Keccak.kernelName(), slices, ops);
        double[] med = new double[NAMES.length];
        double[] min = new double[NAMES.length];
        for (int c = 0; c < NAMES.length; c++) {
            double[] v = ns[c].clone();
            Arrays.sort(v);
            med[c] = v[v.length / 2];
            min[c] = v[0];
            System.out.printf("%-30s median %8.1f ns   fastest %8.1f ns%n", NAMES[c], med[c], min[c]);
        }
        System.out.printf("ours vs BC fresh digest:   %.2fx (median)  %.2fx (fastest)  %.2fx (paired median)%n",
                med[1] / med[0], min[1] / min[0], pairedMedian(ns[1], ns[0]));
        System.out.printf("ours vs BC reused digest:  %.2fx (median)  %.2fx (fastest)  %.2fx (paired median)%n",
                med[2] / med[0], min[2] / min[0], pairedMedian(ns[2], ns[0]));
        System.out.printf("selected vs scalar permutation: %.2fx (median)  %.2fx (fastest)  %.2fx (paired median)%n",
                med[4] / med[3], min[4] / min[3], pairedMedian(ns[4], ns[3]));
        if (sink == 42) System.out.println();
    }

    private static double pairedMedian(double[] slower, double[] faster) {
        double[] r = new double[slower.length];
        for (int i = 0; i < r.length; i++) r[i] = slower[i] / faster[i];
        Arrays.sort(r);
        return r[r.length / 2];
    }

    // Reused output buffers, as in KeccakBenchmark (Bouncy Castle's best case).
    private static final byte[] INNER = new byte[32];
    private static final byte[] OUTER = new byte[32];

    private static byte[] bc(byte[] header, KeccakDigest d) {
        byte[] inner = INNER;
        byte[] outer = OUTER;
        d.update(header, 0, header.length);
        d.doFinal(inner, 0);
        d.update(inner, 0, 32);
        d.doFinal(outer, 0);
        return outer;
    }
}
