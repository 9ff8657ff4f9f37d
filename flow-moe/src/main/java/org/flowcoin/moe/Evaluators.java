package org.flowcoin.moe;

import java.util.Locale;
import org.flowcoin.moe.internal.CanonicalEvaluator;
import org.flowcoin.moe.internal.ScalarKernels;

/**
 * The canonical evaluators: a plain Java reference and a Vector API path that gives the same bits
 * by construction. The vector path needs the {@code jdk.incubator.vector} module in the boot layer
 * ({@code --add-modules jdk.incubator.vector}); {@link #best(int)} falls back to the reference.
 *
 * <pre>{@code
 * LossEvaluator ev = Evaluators.best(4);
 * LossResult r = ev.evaluate(weights, Sequences.split(data, 256));
 * }</pre>
 */
public final class Evaluators {
    private Evaluators() {}

    /** The scalar reference evaluator using {@code threads} threads (split by sequence). */
    public static LossEvaluator reference(int threads) {
        return new CanonicalEvaluator(ScalarKernels.INSTANCE, threads);
    }

    /** True when the Vector API module is present, so {@link #vector(int)} works. */
    public static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector")
                .map(m -> Evaluators.class.getModule().canRead(m))
                .orElse(false);
    }

    /**
     * The Vector API evaluator.
     *
     * @throws UnsupportedOperationException when {@code jdk.incubator.vector} is absent
     */
    public static LossEvaluator vector(int threads) {
        if (!vectorAvailable()) {
            throw new UnsupportedOperationException("the vector backend needs --add-modules jdk.incubator.vector");
        }
        return VectorHolder.create(threads);
    }

    /** The vector evaluator when available and hardware-backed, otherwise the reference. */
    public static LossEvaluator best(int threads) {
        if (vectorAvailable() && VectorHolder.accelerated()) return VectorHolder.create(threads);
        return reference(threads);
    }

    /**
     * An evaluator by name: {@code reference} (or {@code scalar}) or {@code vector}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static LossEvaluator byName(String name, int threads) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "reference", "scalar" -> reference(threads);
            case "vector" -> vector(threads);
            default -> throw new IllegalArgumentException("unknown backend: " + name + " (reference|vector)");
        };
    }

    // Separate class so that the vector classes are only linked when the module is present.
    private static final class VectorHolder {
        static LossEvaluator create(int threads) {
            return new CanonicalEvaluator(org.flowcoin.moe.internal.VectorKernels.INSTANCE, threads);
        }

        static boolean accelerated() {
            return org.flowcoin.moe.internal.VectorKernels.hardwareAccelerated();
        }
    }
}
