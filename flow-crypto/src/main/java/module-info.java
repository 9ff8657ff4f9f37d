/** FlowCoin SDK: crypto. */
module org.flowcoin.crypto {
    requires org.bouncycastle.provider;

    exports org.flowcoin.crypto;
}
