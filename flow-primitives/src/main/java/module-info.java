/** FlowCoin SDK: primitives. */
module org.flowcoin.primitives {
    requires transitive org.flowcoin.crypto;

    exports org.flowcoin.primitives;
}
