package org.flowcoin.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * SLIP-0010 key derivation for ed25519: master key from HMAC-SHA512(key "ed25519 seed", seed),
 * then hardened children only, I = HMAC-SHA512(chain code, 0x00 || key || ser32(index)); the
 * child key is I[0..32), its chain code I[32..64).
 *
 * <pre>{@code
 * Slip10Key k = Slip10.derive(seed, DerivationPath.parse("m/44'/9555'/0'/0'/0'"));
 * Ed25519PublicKey pub = k.publicKey();
 * k.destroy();
 * }</pre>
 */
public final class Slip10 {
    private Slip10() {}

    private static final byte[] ED25519_KEY = "ed25519 seed".getBytes(StandardCharsets.US_ASCII);

    /** The master key of {@code seed}. */
    public static Slip10Key master(HdSeed seed) {
        return master(seed.internalBytes());
    }

    /**
     * The master key of a raw seed of 16..64 bytes.
     *
     * @throws IllegalArgumentException for another length
     */
    public static Slip10Key master(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length < HdSeed.MIN_LENGTH || seed.length > HdSeed.MAX_LENGTH) {
            throw new IllegalArgumentException("seed must be 16..64 bytes");
        }
        byte[] i = HmacSha512.mac(ED25519_KEY, seed);
        try {
            return new Slip10Key(Arrays.copyOfRange(i, 0, 32), Arrays.copyOfRange(i, 32, 64), DerivationPath.master());
        } finally {
            Arrays.fill(i, (byte) 0);
        }
    }

    /** The key at {@code path} below the master key of {@code seed}. */
    public static Slip10Key derive(HdSeed seed, DerivationPath path) {
        return derive(seed.internalBytes(), path);
    }

    /** The key at {@code path} below the master key of a raw seed. */
    public static Slip10Key derive(byte[] seed, DerivationPath path) {
        Slip10Key k = master(seed);
        for (int level = 0; level < path.depth(); level++) {
            Slip10Key next = k.derive(path.index(level));
            k.destroy();
            k = next;
        }
        return k;
    }

    /** One hardened child step; {@code index} must have the hardened bit set. */
    static Slip10Key child(byte[] key, byte[] chainCode, DerivationPath parentPath, int index) {
        if ((index & DerivationPath.HARDENED) == 0) {
            throw new DerivationPathException("non-hardened index " + index + " (ed25519 supports hardened derivation only)");
        }
        byte[] data = new byte[37];
        System.arraycopy(key, 0, data, 1, 32);
        data[33] = (byte) (index >>> 24);
        data[34] = (byte) (index >>> 16);
        data[35] = (byte) (index >>> 8);
        data[36] = (byte) index;
        byte[] i = HmacSha512.mac(chainCode, data);
        try {
            return new Slip10Key(Arrays.copyOfRange(i, 0, 32), Arrays.copyOfRange(i, 32, 64),
                    parentPath.child(index & ~DerivationPath.HARDENED));
        } finally {
            Arrays.fill(i, (byte) 0);
            Arrays.fill(data, (byte) 0);
        }
    }
}
