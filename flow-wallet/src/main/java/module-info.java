/** FlowCoin SDK: wallet. */
module org.flowcoin.wallet {
    requires transitive org.flowcoin.primitives;

}
