package org.flowcoin.moe.train;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.flowcoin.moe.ModelWeights;
import org.flowcoin.moe.TensorInfo;
import org.flowcoin.moe.delta.Delta;

/**
 * Turns trained weights into a block delta (docs/training.md, "Delta construction"): the
 * float32 differences {@code trained - tip}, of which the {@code k} largest by magnitude are kept
 * (ties at the cut in flat-index order), with {@code k} as large as the entry budget and the
 * payload byte limit allow. The result carries the <em>applied</em> weights, {@code tip + delta}
 * by float32 addition: those, not the trained weights, are the block's model, and a verifier
 * reproduces them bit for bit from the payload.
 *
 * <pre>{@code
 * DeltaBuilder.Result r = DeltaBuilder.build(tip, trainer.weights(), chain.maxDeltaBytes(), 1 << 20);
 * byte[] payload = r.payload();          // goes into the block
 * ModelWeights next = r.applied();       // evaluate this on V_h
 * }</pre>
 */
public final class DeltaBuilder {
    private DeltaBuilder() {}

    /**
     * A built delta.
     *
     * @param delta the canonical delta
     * @param payload its encoding (one zstd frame)
     * @param applied a new copy of the tip with the delta applied
     * @param cutoff smallest magnitude kept
     * @param changed number of parameters whose value differs between trained and tip
     */
    public record Result(Delta delta, byte[] payload, ModelWeights applied, float cutoff, long changed) {
        /** Keccak-256 of the payload: the header's training_hash. */
        public byte[] hash() {
            return Delta.hash(payload);
        }
    }

    /**
     * Builds the delta; empty when trained and tip are identical.
     *
     * @param maxPayloadBytes largest encoded payload (the chain's max delta bytes)
     * @param maxEntries most entries to keep (a top-k budget), at least 1
     */
    public static java.util.Optional<Result> build(ModelWeights tip, ModelWeights trained, long maxPayloadBytes, long maxEntries) {
        if (!tip.config().equals(trained.config())) throw new IllegalArgumentException("different model configurations");
        if (maxEntries < 1 || maxPayloadBytes < 64) throw new IllegalArgumentException("budget too small");
        long p = tip.layout().parameterCount();
        if (p > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("model too large for an in-memory delta");
        float[] diff = new float[(int) p];
        long nz = 0;
        List<TensorInfo> ts = tip.layout().tensors();
        for (int t = 0; t < ts.size(); t++) {
            MemorySegment a = tip.tensor(t), b = trained.tensor(t);
            int off = (int) ts.get(t).offset();
            for (int i = 0, n = (int) ts.get(t).count(); i < n; i++) {
                float x = a.getAtIndex(ModelWeights.FLOAT_LE, i), y = b.getAtIndex(ModelWeights.FLOAT_LE, i);
                float dlt = y - x;
                if (dlt != 0f && Float.isFinite(dlt) && Float.isFinite(x + dlt)) {
                    diff[off + i] = dlt;
                    nz++;
                }
            }
        }
        if (nz == 0) return java.util.Optional.empty();
        long k = Math.min(nz, maxEntries);
        k = Math.min(k, Math.max(1, (maxPayloadBytes - Delta.HEADER_SIZE - 32) / 12));
        while (true) {
            int cut = selectCutBits(diff, k);
            long[] idx = new long[(int) k];
            float[] val = new float[(int) k];
            long above = countAbove(diff, cut);
            long tiesAllowed = k - above;
            int j = 0;
            for (int i = 0; i < diff.length && j < k; i++) {
                float dv = diff[i];
                if (dv == 0f) continue;
                int bits = Float.floatToRawIntBits(dv) & 0x7fff_ffff;
                if (bits > cut || (bits == cut && tiesAllowed-- > 0)) {
                    idx[j] = i;
                    val[j++] = dv;
                }
            }
            Delta d = Delta.of(p, idx, val);
            byte[] payload = d.encode();
            if (payload.length <= maxPayloadBytes) {
                ModelWeights applied = tip.copy();
                d.apply(applied);
                return java.util.Optional.of(new Result(d, payload, applied, Float.intBitsToFloat(cut), nz));
            }
            if (k == 1) throw new IllegalArgumentException("a single entry does not fit in " + maxPayloadBytes + " bytes");
            k = Math.max(1, (long) (k * 0.95 * maxPayloadBytes / payload.length));
        }
    }

    private static long countAbove(float[] diff, int cut) {
        long n = 0;
        for (float v : diff) if (v != 0f && (Float.floatToRawIntBits(v) & 0x7fff_ffff) > cut) n++;
        return n;
    }

    /**
     * The magnitude bits of the k-th largest non-zero |diff| (radix select on the bit patterns of
     * the absolute values, which order like the values).
     */
    static int selectCutBits(float[] diff, long k) {
        int[] hi = new int[1 << 15];
        for (float v : diff) if (v != 0f) hi[(Float.floatToRawIntBits(v) & 0x7fff_ffff) >>> 16]++;
        long acc = 0;
        int hb = hi.length - 1;
        for (; hb >= 0; hb--) {
            if (acc + hi[hb] >= k) break;
            acc += hi[hb];
        }
        int[] lo = new int[1 << 16];
        for (float v : diff) {
            int b = Float.floatToRawIntBits(v) & 0x7fff_ffff;
            if (v != 0f && (b >>> 16) == hb) lo[b & 0xffff]++;
        }
        int lb = lo.length - 1;
        for (; lb >= 0; lb--) {
            if (acc + lo[lb] >= k) break;
            acc += lo[lb];
        }
        return (hb << 16) | lb;
    }
}
