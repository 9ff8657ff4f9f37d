package org.flowcoin.crypto;

import java.util.ArrayList;
import java.util.List;

/**
 * Verifies many Ed25519 signatures at once. Verdicts always equal {@link Ed25519#verify} on each item.
 *
 * <pre>{@code
 * Ed25519BatchVerifier batch = new Ed25519BatchVerifier();
 * for (Tx tx : block) batch.add(pub, sighash, sig);
 * boolean allValid = batch.verifyAll();
 * }</pre>
 */
public final class Ed25519BatchVerifier {
    private record Item(byte[] publicKey, byte[] message, byte[] signature) {}

    private final List<Item> items = new ArrayList<>();

    /** Adds one (public key, message, signature) triple; arrays are copied. */
    public Ed25519BatchVerifier add(byte[] publicKey, byte[] message, byte[] signature) {
        items.add(new Item(copy(publicKey), message.clone(), copy(signature)));
        return this;
    }

    public int size() {
        return items.size();
    }

    /** True iff every item verifies. */
    public boolean verifyAll() {
        for (Item it : items) {
            if (!Ed25519.verify(it.publicKey, it.message, it.signature)) return false;
        }
        return true;
    }

    /** Per-item verdicts, in insertion order. */
    public boolean[] verifyEach() {
        boolean[] out = new boolean[items.size()];
        for (int i = 0; i < out.length; i++) {
            Item it = items.get(i);
            out[i] = Ed25519.verify(it.publicKey, it.message, it.signature);
        }
        return out;
    }

    private static byte[] copy(byte[] b) {
        return b == null ? null : b.clone();
    }
}
