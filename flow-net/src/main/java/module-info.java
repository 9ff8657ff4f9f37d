/**
 * FlowCoin SDK: peer-to-peer networking.
 *
 * <p>Wire framing ({@link org.flowcoin.net.Frame}, {@link org.flowcoin.net.FrameDecoder}), message
 * codecs ({@link org.flowcoin.net.message}), the optional encrypted transport
 * ({@link org.flowcoin.net.transport}) and a small peer ({@link org.flowcoin.net.peer}). The normative
 * byte layouts are in {@code docs/spec/p2p.md}.
 */
module org.flowcoin.net {
    requires transitive org.flowcoin.primitives;

    exports org.flowcoin.net;
    exports org.flowcoin.net.message;
    exports org.flowcoin.net.transport;
    exports org.flowcoin.net.peer;
}
