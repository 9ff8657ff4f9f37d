/** FlowCoin SDK: primitives (hashes, amounts, scripts, transactions, headers, blocks, chain parameters, difficulty). */
module org.flowcoin.primitives {
    requires transitive org.flowcoin.crypto;

    exports org.flowcoin.primitives;
    exports org.flowcoin.primitives.block;
    exports org.flowcoin.primitives.consensus;
    exports org.flowcoin.primitives.pow;
    exports org.flowcoin.primitives.script;
    exports org.flowcoin.primitives.tx;
}
