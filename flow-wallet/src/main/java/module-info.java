/** FlowCoin SDK: wallet. */
module org.flowcoin.wallet {
    requires transitive org.flowcoin.primitives;
    requires com.google.protobuf;

    exports org.flowcoin.wallet;
    exports org.flowcoin.wallet.storage;

    // Generated message classes look up their accessors reflectively.
    opens org.flowcoin.wallet.internal.proto to com.google.protobuf;
}
