/** FlowCoin SDK: net. */
module org.flowcoin.net {
    requires transitive org.flowcoin.primitives;

}
