package org.flowcoin.net.transport;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KDF;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.HKDFParameterSpec;

/**
 * The transport's primitives from the JDK alone: X25519 (RFC 7748) on raw 32-byte strings and
 * HKDF-SHA256 (RFC 5869). The JDK speaks keys and BigIntegers; this class speaks the wire's bytes.
 */
final class JdkCrypto {
    private JdkCrypto() {}

    /** The u-coordinate 9 of the base point. */
    private static final byte[] BASE = new byte[32];

    static {
        BASE[0] = 9;
    }

    /**
     * X25519(k, u) for a 32-byte scalar and a 32-byte little-endian u (its top bit ignored, as RFC
     * 7748 says).
     *
     * @throws InvalidKeyException when the result is all zero (u of small order)
     */
    static byte[] x25519(byte[] scalar, byte[] u) throws InvalidKeyException {
        try {
            KeyFactory kf = KeyFactory.getInstance("XDH");
            PrivateKey k = kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
            byte[] be = new byte[32];
            for (int i = 0; i < 32; i++) be[i] = u[31 - i];
            be[0] &= 0x7f;
            KeyAgreement ka = KeyAgreement.getInstance("XDH");
            ka.init(k);
            ka.doPhase(kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be))), true);
            byte[] out = ka.generateSecret();
            boolean zero = true;
            for (byte b : out) zero &= b == 0;
            if (zero) throw new InvalidKeyException("all-zero X25519 output");
            return out;
        } catch (InvalidKeyException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's X25519 is unavailable", e);
        }
    }

    /** The public key of a 32-byte X25519 scalar. */
    static byte[] x25519Public(byte[] scalar) {
        try {
            return x25519(scalar, BASE);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("the base point cannot give zero", e);
        }
    }

    /** HKDF-SHA256 extract-then-expand to 32 bytes. */
    static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info) {
        try {
            KDF kdf = KDF.getInstance("HKDF-SHA256");
            return kdf.deriveData(HKDFParameterSpec.ofExtract().addIKM(ikm).addSalt(salt).thenExpand(info, 32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's HKDF-SHA256 is unavailable", e);
        }
    }
}
