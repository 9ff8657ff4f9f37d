package org.flowcoin.net.message;

/**
 * Service bits of the {@code services} field (u64) in {@code version} and {@code addr}. Bits this
 * version does not define are carried through unchanged and otherwise ignored.
 *
 * <pre>{@code
 * long services = Services.NODE_NETWORK | Services.NODE_CHECKPOINTS;
 * boolean servesCheckpoints = Services.has(services, Services.NODE_CHECKPOINTS);
 * }</pre>
 */
public final class Services {
    private Services() {}

    /** Serves the full chain: headers, blocks and deltas. */
    public static final long NODE_NETWORK = 1L;
    /** Serves model checkpoints (chunked, {@code ckptann} / {@code getchunk}). */
    public static final long NODE_CHECKPOINTS = 1L << 1;
    /** Training-capable: evaluates and produces deltas (a miner), so it relays deltas early. */
    public static final long NODE_TRAINING = 1L << 2;

    /** True if every bit of {@code flag} is set in {@code services}. */
    public static boolean has(long services, long flag) {
        return (services & flag) == flag;
    }
}
