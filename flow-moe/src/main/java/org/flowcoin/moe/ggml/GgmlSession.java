package org.flowcoin.moe.ggml;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.flowcoin.moe.ModelConfig;
import org.flowcoin.moe.ModelWeights;

/**
 * Incremental evaluation with a key/value cache, for generation: bytes are appended one call at a
 * time and each call returns their logits, computing attention over everything appended so far
 * without re-evaluating it. Positions start at 0, so the logits of a byte equal (to ggml's rounding)
 * those {@link GgmlEvaluator#logits} gives for the whole text up to it, up to {@link #capacity()}
 * bytes. Not canonical (numerics.md, "ggml backend policy"). One thread at a time; close it.
 *
 * <pre>{@code
 * try (GgmlSession s = new GgmlEvaluator(1).session(weights, 256)) {
 *     float[] z = s.append("The ".getBytes(UTF_8));   // 4 x 256 logits
 *     float[] next = s.append(new byte[] {'c'});       // 256 logits of the 5th position
 * }
 * }</pre>
 */
public final class GgmlSession implements AutoCloseable {
    private final Arena arena = Arena.ofConfined();
    private final Ggml g;
    private final GgmlForward forward;
    private final MemorySegment cctx;
    private final MemorySegment[] k, v;
    private final int capacity;
    private int position;

    GgmlSession(Ggml g, ModelWeights weights, int capacity, int threads) {
        this.g = g;
        this.capacity = capacity;
        ModelConfig c = weights.config();
        int layers = c.nLayers(), kv = c.nKvHeads(), hd = ModelConfig.HEAD_DIM;
        k = new MemorySegment[layers];
        v = new MemorySegment[layers];
        try {
            long overhead = (long) g.tensorOverhead.invokeExact();
            cctx = g.newContext(arena, overhead * (2L * layers + 4), true);
            Ops o = new Ops(g, cctx);
            long bytes = 4L * hd * capacity * kv;
            for (int l = 0; l < layers; l++) {
                k[l] = o.tensor3d(Ggml.TYPE_F32, hd, capacity, kv);
                v[l] = o.tensor3d(Ggml.TYPE_F32, capacity, hd, kv);
                Ggml.setData(k[l], arena.allocate(bytes, 64));
                Ggml.setData(v[l], arena.allocate(bytes, 64));
            }
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        } catch (Throwable t) {
            arena.close();
            throw new IllegalStateException("ggml session set-up failed", t);
        }
        GgmlForward f;
        try {
            f = new GgmlForward(g, weights, threads);
        } catch (RuntimeException | Error e) {
            close(null);
            throw e;
        }
        this.forward = f;
    }

    /** Bytes appended so far. */
    public int position() {
        return position;
    }

    /** Bytes the cache holds at most. */
    public int capacity() {
        return capacity;
    }

    /**
     * Appends {@code bytes} and returns their logits, {@code bytes.length * 256} floats (row i: the
     * distribution of the byte after {@code bytes[i]}).
     *
     * @throws IllegalArgumentException if {@code bytes} is empty or would exceed the capacity
     */
    public float[] append(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) throw new IllegalArgumentException("nothing to append");
        if (bytes.length > capacity - position) {
            throw new IllegalArgumentException("session holds " + capacity + " bytes; " + position + " used, " + bytes.length + " more asked");
        }
        float[] z = forward.logitsAfter(k, v, capacity, position, bytes);
        position += bytes.length;
        return z;
    }

    /** Forgets every appended byte (the cache is reused from position 0). */
    public void reset() {
        position = 0;
    }

    @Override
    public void close() {
        close(forward);
    }

    private void close(GgmlForward f) {
        try (arena) {
            if (f != null) f.close();
            g.free.invokeExact(cctx);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("ggml release failed", t);
        }
    }

    @Override
    public String toString() {
        return "GgmlSession[" + position + "/" + capacity + "]";
    }
}
