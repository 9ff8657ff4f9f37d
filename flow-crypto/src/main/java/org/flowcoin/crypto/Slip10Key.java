package org.flowcoin.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * An extended ed25519 private key of SLIP-0010: 32-byte private key (an Ed25519 seed in RFC 8032
 * terms), 32-byte chain code, and the path it was derived at. Secret: never printed, compared in
 * constant time, wiped by {@link #destroy()}.
 *
 * <pre>{@code
 * Slip10Key account = Slip10.derive(seed, DerivationPath.parse("m/44'/9555'/0'"));
 * Slip10Key first = account.deriveHardened(0).deriveHardened(0);
 * byte[] sig = first.ed25519PrivateKey().sign(message);
 * }</pre>
 */
public final class Slip10Key {
    private final byte[] privateKey;
    private final byte[] chainCode;
    private final DerivationPath path;
    private volatile boolean destroyed;

    Slip10Key(byte[] privateKey, byte[] chainCode, DerivationPath path) {
        this.privateKey = privateKey;
        this.chainCode = chainCode;
        this.path = path;
    }

    /**
     * The child at raw index {@code index} (hardened bit set, i.e. {@code n | 0x80000000}).
     *
     * @throws DerivationPathException for a non-hardened index
     */
    public Slip10Key derive(int index) {
        checkLive();
        return Slip10.child(privateKey, chainCode, path, index);
    }

    /** The hardened child {@code n'} (n in 0..2^31-1). */
    public Slip10Key deriveHardened(int n) {
        if (n < 0) throw new DerivationPathException("index out of range");
        return derive(n | DerivationPath.HARDENED);
    }

    /** The path of this key. */
    public DerivationPath path() {
        return path;
    }

    /** A copy of the 32-byte private key; the caller should wipe it. */
    public byte[] privateKey() {
        checkLive();
        return privateKey.clone();
    }

    /** A copy of the 32-byte chain code (secret as well: it derives every child). */
    public byte[] chainCode() {
        checkLive();
        return chainCode.clone();
    }

    /** The Ed25519 signing key for this private key. */
    public Ed25519PrivateKey ed25519PrivateKey() {
        checkLive();
        return Ed25519PrivateKey.fromSeed(privateKey);
    }

    /** The Ed25519 public key (32 bytes; SLIP-0010 prints it with a 0x00 prefix). */
    public Ed25519PublicKey publicKey() {
        Ed25519PrivateKey k = ed25519PrivateKey();
        try {
            return k.publicKey();
        } finally {
            k.destroy();
        }
    }

    /** Wipes key and chain code; the object is unusable afterwards. */
    public void destroy() {
        Arrays.fill(privateKey, (byte) 0);
        Arrays.fill(chainCode, (byte) 0);
        destroyed = true;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    private void checkLive() {
        if (destroyed) throw new IllegalStateException("key destroyed");
    }

    /** Constant-time comparison of key and chain code, plus the path. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Slip10Key k)) return false;
        boolean keyEq = MessageDigest.isEqual(privateKey, k.privateKey);
        boolean ccEq = MessageDigest.isEqual(chainCode, k.chainCode);
        return keyEq & ccEq & path.equals(k.path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return "Slip10Key[" + path + ", redacted]";
    }
}
