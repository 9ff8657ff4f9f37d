package org.flowcoin.net.peer;

import org.flowcoin.crypto.Keccak;
import org.flowcoin.net.Samples;
import org.flowcoin.net.message.RawHeader;
import org.flowcoin.primitives.Hash256;

/** Synthetic chains: linked 308-byte headers, blocks = header + body, deltas of chosen sizes. */
final class TestChains {
    private TestChains() {}

    static RawHeader header(Hash256 prev, long height, byte[] delta) {
        byte[] h = Samples.pattern(308, (int) height * 13 + 1);
        System.arraycopy(prev.toByteArray(), 0, h, 0, 32);
        byte[] dh = delta == null ? new byte[32] : Keccak.keccak256(delta);
        System.arraycopy(dh, 0, h, 64, 32);
        for (int i = 0; i < 8; i++) h[128 + i] = (byte) (height >>> (8 * i));
        return RawHeader.of(h);
    }

    static byte[] block(RawHeader h, int bodySize) {
        byte[] b = new byte[308 + bodySize];
        System.arraycopy(h.toByteArray(), 0, b, 0, 308);
        byte[] body = Samples.pattern(bodySize, (int) h.height());
        System.arraycopy(body, 0, b, 308, bodySize);
        return b;
    }

    static RawHeader genesis() {
        return header(Hash256.ZERO, 0, null);
    }

    static MemoryChain fresh() {
        RawHeader g = genesis();
        return new MemoryChain(g, block(g, 50));
    }

    /** A chain of genesis plus one block per delta size (0: no delta). */
    static MemoryChain build(int... deltaSizes) throws ChainSink.ChainRejection {
        MemoryChain c = fresh();
        long height = 0;
        for (int size : deltaSizes) {
            height++;
            byte[] delta = size == 0 ? null : Samples.pattern(size, (int) height * 31);
            RawHeader h = header(c.tipHash(), height, delta);
            c.append(h, block(h, 200 + (int) height), delta);
        }
        return c;
    }
}
