/** FlowCoin SDK: pot. */
module org.flowcoin.pot {
    requires transitive org.flowcoin.primitives;
    requires transitive org.flowcoin.moe;

}
