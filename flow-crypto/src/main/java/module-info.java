/** FlowCoin SDK: crypto. */
module org.flowcoin.crypto {
    requires org.bouncycastle.provider;
    // Optional: the four-way Keccak for bulk hashing (Keccak.keccak256dAll).
    requires static jdk.incubator.vector;

    exports org.flowcoin.crypto;
}
