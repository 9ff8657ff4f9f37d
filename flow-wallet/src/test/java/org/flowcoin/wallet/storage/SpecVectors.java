package org.flowcoin.wallet.storage;

import java.util.Arrays;

/** Test access to deterministic sealing (fixed salt and nonce) for the spec vector. */
public final class SpecVectors {
    private SpecVectors() {}

    public static byte[] seal(byte[] body, char[] passphrase, KdfParams kdf, byte[] salt, byte[] nonce) {
        byte[] key = WalletStore.deriveKey(passphrase, salt, kdf);
        try {
            return WalletFileCodec.seal(body, key, kdf, salt, nonce);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
