/**
 * FlowCoin SDK: payment channels (docs/spec/channels.md).
 *
 * <p>So far the revocation secrets ({@link org.flowcoin.channels.revocation}): each side derives
 * its per-commitment secrets from one seed and stores the other side's revealed secrets in 49
 * slots, after BOLT-3; and the funding and {@code to_local} scripts
 * ({@link org.flowcoin.channels.script}).
 */
module org.flowcoin.channels {
    requires transitive org.flowcoin.primitives;

    exports org.flowcoin.channels.revocation;
    exports org.flowcoin.channels;
    exports org.flowcoin.channels.commitment;
    exports org.flowcoin.channels.invoice;
    exports org.flowcoin.channels.script;
    exports org.flowcoin.channels.store;
    exports org.flowcoin.channels.wire;
}
