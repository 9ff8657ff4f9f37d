/** FlowCoin SDK: crypto. */
module org.flowcoin.crypto {
    // Optional: the four-way Keccak for bulk hashing (Keccak.keccak256dAll) and, with AVX-512,
    // the single-state vector Keccak-f[1600] behind every Keccak digest.
    requires static jdk.incubator.vector;

    exports org.flowcoin.crypto;
}
