/** FlowCoin SDK: moe. */
module org.flowcoin.moe {
    requires transitive org.flowcoin.primitives;

}
