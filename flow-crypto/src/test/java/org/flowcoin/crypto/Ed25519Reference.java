package org.flowcoin.crypto;

/** An independent Ed25519 verifier the vector tests compare with. */
interface Ed25519Reference {
    /** Whether {@code sig} is a valid signature of {@code msg} under {@code pub}, by that implementation. */
    boolean verify(byte[] pub, byte[] msg, byte[] sig);

    /**
     * libsodium's verifier, or null where this runtime cannot call it (before Java 25, where its
     * adapter is not compiled in, or where the library is not installed).
     */
    static Ed25519Reference libsodium() {
        try {
            Object sodium = Class.forName("org.flowcoin.crypto.Ed25519LibSodium")
                    .getDeclaredMethod("load")
                    .invoke(null);
            return (Ed25519Reference) sodium;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
