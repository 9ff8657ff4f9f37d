package org.flowcoin.wallet.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.flowcoin.crypto.Keccak;

/**
 * The wallet file envelope, format version 1 (docs/spec/wallet.md, "File layout"). All integers
 * little-endian.
 *
 * <pre>
 *  0  8  magic 89 46 4C 4F 57 57 4C 54
 *  8  4  format version (1)
 * 12  4  rest length: bytes after offset 20, up to and including the trailing checksum
 * 16  4  prefix check: Keccak-256(bytes 0..16)[0..4]
 * 20  1  KDF id (1 = Argon2id v0x13)
 * 21  4  memory KiB
 * 25  4  iterations
 * 29  1  parallelism
 * 30 32  salt
 * 62  1  AEAD id (1 = AES-256-GCM, 128-bit tag)
 * 63 12  nonce
 * 75  n  ciphertext ‖ tag of the protobuf body; associated data = bytes 0..75
 * 75+n 32 checksum: Keccak-256 of every preceding byte
 * </pre>
 *
 * The unkeyed checksums make damage distinguishable from a wrong passphrase: a flipped byte
 * fails a checksum before any key is derived, so only an intact file can report a wrong
 * passphrase. The prefix check lets a corrupted version field be told apart from a genuinely
 * newer file.
 */
final class WalletFileCodec {
    static final byte[] MAGIC = {(byte) 0x89, 'F', 'L', 'O', 'W', 'W', 'L', 'T'};
    static final int FORMAT_VERSION = 1;
    static final int PREFIX_SIZE = 20;
    static final int KDF_ARGON2ID = 1;
    static final int AEAD_AES256_GCM = 1;
    static final int SALT_SIZE = 32;
    static final int NONCE_SIZE = 12;
    static final int TAG_SIZE = 16;
    static final int CHECKSUM_SIZE = 32;
    /** Offset of the ciphertext: the end of the associated data. */
    static final int HEADER_SIZE = 75;
    /** A wallet body is small; this bounds what a loader reads. */
    static final int MAX_FILE_SIZE = 64 * 1024 * 1024;

    private WalletFileCodec() {}

    /** The parsed, checksum-verified envelope; nothing is decrypted yet. */
    record Envelope(KdfParams kdf, byte[] salt, byte[] nonce, byte[] file) {
        int ciphertextLength() {
            return file.length - HEADER_SIZE - CHECKSUM_SIZE;
        }
    }

    static byte[] seal(byte[] body, byte[] aesKey, KdfParams kdf, byte[] salt, byte[] nonce) {
        if (salt.length != SALT_SIZE || nonce.length != NONCE_SIZE || aesKey.length != 32) {
            throw new IllegalArgumentException("bad salt, nonce or key size");
        }
        if ((long) body.length + HEADER_SIZE + TAG_SIZE + CHECKSUM_SIZE > MAX_FILE_SIZE) {
            throw new IllegalArgumentException("wallet body too large");
        }
        int total = HEADER_SIZE + body.length + TAG_SIZE + CHECKSUM_SIZE;
        ByteBuffer buf = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(FORMAT_VERSION).putInt(total - PREFIX_SIZE);
        buf.put(Keccak.keccak256(buf.array(), 0, 16), 0, 4);
        buf.put((byte) KDF_ARGON2ID).putInt(kdf.memoryKiB()).putInt(kdf.iterations())
                .put((byte) kdf.parallelism()).put(salt).put((byte) AEAD_AES256_GCM).put(nonce);
        byte[] out = buf.array();
        try {
            Cipher gcm = gcm(Cipher.ENCRYPT_MODE, aesKey, nonce);
            gcm.updateAAD(out, 0, HEADER_SIZE);
            int n = gcm.doFinal(body, 0, body.length, out, HEADER_SIZE);
            if (n != body.length + TAG_SIZE) throw new IllegalStateException("unexpected GCM output length");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
        byte[] sum = Keccak.keccak256(out, 0, total - CHECKSUM_SIZE);
        System.arraycopy(sum, 0, out, total - CHECKSUM_SIZE, CHECKSUM_SIZE);
        return out;
    }

    /** Checks structure and checksums; the checks run in the order the spec lists them. */
    static Envelope parse(byte[] file) throws WalletFileException {
        int cmp = Math.min(file.length, MAGIC.length);
        if (!Arrays.equals(file, 0, cmp, MAGIC, 0, cmp)) throw new WalletFileException.NotAWalletFile();
        if (file.length < PREFIX_SIZE) throw new WalletFileException.Truncated(file.length, PREFIX_SIZE);
        ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        byte[] check = Keccak.keccak256(file, 0, 16);
        if (!Arrays.equals(check, 0, 4, file, 16, 20)) throw new WalletFileException.Corrupted("header check");
        long version = Integer.toUnsignedLong(buf.getInt(8));
        if (version > FORMAT_VERSION) throw new WalletFileException.UnsupportedVersion(version);
        if (version != FORMAT_VERSION) throw new WalletFileException.Corrupted("format version 0");
        long declared = PREFIX_SIZE + Integer.toUnsignedLong(buf.getInt(12));
        if (file.length < declared) throw new WalletFileException.Truncated(file.length, declared);
        if (file.length > declared) throw new WalletFileException.Corrupted("trailing bytes");
        if (declared < HEADER_SIZE + TAG_SIZE + CHECKSUM_SIZE) throw new WalletFileException.Corrupted("length");
        byte[] sum = Keccak.keccak256(file, 0, file.length - CHECKSUM_SIZE);
        if (!MessageDigest.isEqual(sum, Arrays.copyOfRange(file, file.length - CHECKSUM_SIZE, file.length))) {
            throw new WalletFileException.Corrupted("checksum");
        }
        if (file[20] != KDF_ARGON2ID) throw new WalletFileException.Corrupted("unknown KDF");
        long mem = Integer.toUnsignedLong(buf.getInt(21));
        long iter = Integer.toUnsignedLong(buf.getInt(25));
        int par = file[29] & 0xff;
        if (KdfParams.problem(mem, iter, par) != null) throw new WalletFileException.Corrupted("KDF parameters");
        if (file[62] != AEAD_AES256_GCM) throw new WalletFileException.Corrupted("unknown AEAD");
        return new Envelope(new KdfParams((int) mem, (int) iter, par),
                Arrays.copyOfRange(file, 30, 30 + SALT_SIZE),
                Arrays.copyOfRange(file, 63, 63 + NONCE_SIZE), file);
    }

    /** Decrypts; the caller owns (and wipes) the returned plaintext. */
    static byte[] open(Envelope env, byte[] aesKey) throws WalletFileException {
        byte[] file = env.file();
        try {
            Cipher gcm = gcm(Cipher.DECRYPT_MODE, aesKey, env.nonce());
            gcm.updateAAD(file, 0, HEADER_SIZE);
            return gcm.doFinal(file, HEADER_SIZE, env.ciphertextLength());
        } catch (AEADBadTagException e) {
            // The checksums passed, so the bytes are as written: the key is wrong.
            throw new WalletFileException.WrongPassphrase();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static Cipher gcm(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_SIZE * 8, nonce));
        return c;
    }
}
