package org.flowcoin.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowcoin.crypto.Keccak;
import org.flowcoin.net.message.*;
import org.flowcoin.primitives.Hash256;

/** Deterministic sample messages: the inputs of the vectors in docs/spec/p2p.md. */
public final class Samples {
    private Samples() {}

    /** The magic the vectors are framed with (regtest's wire bytes). */
    public static final NetworkMagic MAGIC = NetworkMagic.ofHex("f1c04e67");

    /** Bytes i -> (seed + 7i) mod 256. */
    public static byte[] pattern(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) b[i] = (byte) (seed + 7 * i);
        return b;
    }

    public static Hash256 hash(int seed) {
        return Hash256.of(pattern(32, seed));
    }

    /** A sample delta payload (not a real zstd frame; the wire layer does not look inside). */
    public static byte[] delta() {
        return pattern(100, 0x44);
    }

    /** A 308-byte header whose delta hash (bytes 64..95) is Keccak-256 of {@link #delta()}, height 7. */
    public static RawHeader header() {
        byte[] h = pattern(308, 0x10);
        System.arraycopy(Keccak.keccak256(delta()), 0, h, 64, 32);
        for (int i = 0; i < 8; i++) h[128 + i] = (byte) (i == 0 ? 7 : 0);
        return RawHeader.of(h);
    }

    static NetAddress v4(String ip, int port, long services) {
        try {
            return NetAddress.of(services, InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One sample per message type, by vector name. */
    public static Map<String, Message> all() {
        Map<String, Message> m = new LinkedHashMap<>();
        m.put("version", new VersionMessage(1, Services.NODE_NETWORK | Services.NODE_CHECKPOINTS | Services.NODE_TRAINING,
                1_767_225_600L, v4("127.0.0.1", 29555, Services.NODE_NETWORK), NetAddress.UNSPECIFIED,
                0x0102030405060708L, "/flowcoin-sdk:0.1.0/", 42));
        m.put("verack", new VerackMessage());
        m.put("ping", new PingMessage(0x1122334455667788L));
        m.put("pong", new PongMessage(0x1122334455667788L));
        m.put("getaddr", new GetAddrMessage());
        try {
            m.put("addr", new AddrMessage(List.of(
                    new AddrEntry(1_767_225_600L, v4("10.0.0.1", 9555, Services.NODE_NETWORK)),
                    new AddrEntry(1_767_225_601L, NetAddress.of(Services.NODE_NETWORK | Services.NODE_TRAINING,
                            InetAddress.getByName("2001:db8::1"), 19555)))));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        m.put("inv", new InvMessage(List.of(new InvItem(InvType.TX, hash(1)), new InvItem(InvType.BLOCK, hash(2)),
                new InvItem(InvType.DELTA, hash(3)), new InvItem(InvType.CHECKPOINT, hash(4)))));
        m.put("getdata", new GetDataMessage(List.of(new InvItem(InvType.BLOCK, hash(2)))));
        m.put("notfound", new NotFoundMessage(List.of(new InvItem(InvType.TX, hash(1)))));
        m.put("getheaders", new GetHeadersMessage(1, List.of(hash(5), hash(6)), Hash256.ZERO));
        m.put("headers", new HeadersMessage(List.of(header())));
        m.put("sendheaders", new SendHeadersMessage());
        byte[] block = new byte[308 + 4];
        System.arraycopy(header().toByteArray(), 0, block, 0, 308);
        block[308] = 1;
        block[309] = 2;
        block[310] = 3;
        block[311] = 4;
        m.put("block", BlockMessage.of(block));
        m.put("tx", TxMessage.of(pattern(10, 0x77)));
        ChunkedObject delta = ChunkedObject.of(InvType.DELTA, delta());
        m.put("cmpctdelta", DeltaAnnouncementMessage.of(header(), delta.info()));
        ChunkedObject ckpt = ChunkedObject.of(InvType.CHECKPOINT, pattern(40, 0x63));
        m.put("ckptann", new CheckpointAnnouncementMessage(7, header().hash(), ckpt.info()));
        m.put("getchunk", new GetChunkMessage(InvType.DELTA, delta.info().hash(), 0));
        m.put("chunk", delta.chunk(0));
        return m;
    }
}
