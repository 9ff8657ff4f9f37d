package org.flowcoin.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flowcoin.crypto.internal.ed25519.Verifier;

/**
 * Verifies many Ed25519 signatures at once. Verdicts always equal {@link Ed25519#verify} on each
 * item.
 *
 * <p>Items failing the cheap rules (lengths, canonical S/A/R, small-order A/R) are rejected before
 * the batch. The rest are checked in chunks of up to {@value #CHUNK} with one random linear
 * combination each (128-bit coefficients from a {@link SecureRandom}), evaluated by a Straus
 * multi-scalar multiplication (Pippenger's bucket method from 256 signatures on):
 * [8](-(sum z_i S_i) B + sum z_i R_i + sum (z_i k_i) A_i) = identity. Because every item's own
 * equation is cofactored, a chunk of valid items always passes; if a chunk fails, its items are
 * verified one by one to give per-item verdicts.
 *
 * <pre>{@code
 * Ed25519BatchVerifier batch = new Ed25519BatchVerifier();
 * for (Tx tx : block) batch.add(pub, sighash, sig);
 * boolean allValid = batch.verifyAll();
 * }</pre>
 */
public final class Ed25519BatchVerifier {
    /** Largest number of signatures combined into one multi-scalar multiplication. */
    public static final int CHUNK = 1024;

    private record Item(byte[] publicKey, byte[] message, byte[] signature) {}

    private final List<Item> items = new ArrayList<>();
    private SecureRandom random;

    /** A batch drawing its coefficients from a fresh {@link SecureRandom}. */
    public Ed25519BatchVerifier() {}

    /** A batch drawing its coefficients from {@code random} (which must be unpredictable to signers). */
    public Ed25519BatchVerifier(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Adds one (public key, message, signature) triple; arrays are copied, nulls give an invalid item. */
    public Ed25519BatchVerifier add(byte[] publicKey, byte[] message, byte[] signature) {
        items.add(new Item(copy(publicKey), copy(message), copy(signature)));
        return this;
    }

    public int size() {
        return items.size();
    }

    /** True iff every item verifies (an empty batch is valid). */
    public boolean verifyAll() {
        List<Verifier.Prepared> chunk = new ArrayList<>(Math.min(CHUNK, items.size()));
        MessageDigest sha = Verifier.newSha512();
        for (Item it : items) {
            Verifier.Prepared p = Verifier.prepare(it.publicKey, it.message, it.signature, sha);
            if (p == null) return false;
            chunk.add(p);
            if (chunk.size() == CHUNK) {
                if (!Verifier.checkBatch(chunk, random())) return false;
                chunk.clear();
            }
        }
        return Verifier.checkBatch(chunk, random());
    }

    /** Per-item verdicts, in insertion order. */
    public boolean[] verifyEach() {
        boolean[] out = new boolean[items.size()];
        List<Verifier.Prepared> chunk = new ArrayList<>(Math.min(CHUNK, items.size()));
        int[] index = new int[CHUNK];
        MessageDigest sha = Verifier.newSha512();
        for (int i = 0; i < out.length; i++) {
            Item it = items.get(i);
            Verifier.Prepared p = Verifier.prepare(it.publicKey, it.message, it.signature, sha);
            if (p == null) continue;
            index[chunk.size()] = i;
            chunk.add(p);
            if (chunk.size() == CHUNK) {
                settle(chunk, index, out);
                chunk.clear();
            }
        }
        settle(chunk, index, out);
        return out;
    }

    private void settle(List<Verifier.Prepared> chunk, int[] index, boolean[] out) {
        if (chunk.isEmpty()) return;
        if (Verifier.checkBatch(chunk, random())) {
            for (int j = 0; j < chunk.size(); j++) out[index[j]] = true;
        } else {
            for (int j = 0; j < chunk.size(); j++) out[index[j]] = Verifier.checkPrepared(chunk.get(j));
        }
    }

    private SecureRandom random() {
        if (random == null) random = new SecureRandom();
        return random;
    }

    private static byte[] copy(byte[] b) {
        return b == null ? null : b.clone();
    }
}
