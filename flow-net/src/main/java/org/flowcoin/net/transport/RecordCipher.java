package org.flowcoin.net.transport;


/**
 * One direction of the record layer: ChaCha20-Poly1305 (RFC 8439) under a per-direction key, nonce =
 * 4 zero bytes || u64 LE record counter (starting at 0, one per record, never sent), additional data =
 * the record's 4-byte length field. Because the counter is implicit, a replayed, dropped or reordered
 * record fails authentication.
 *
 * <pre>{@code
 * RecordCipher tx = new RecordCipher(key);   // the peer holds the same key for its receive side
 * byte[] record = tx.seal(plaintext, 0, plaintext.length);
 * }</pre>
 */
public final class RecordCipher {
    /** Largest plaintext in one record. */
    public static final int MAX_PLAINTEXT = 1 << 16;
    /** Size of the Poly1305 tag. */
    public static final int TAG_SIZE = 16;
    /** Size of the length field. */
    public static final int LENGTH_SIZE = 4;

    private final javax.crypto.SecretKey key;
    private long counter;
    private boolean exhausted;

    /** A cipher over a copy of a 32-byte key. */
    public RecordCipher(byte[] key) {
        if (key.length != 32) throw new IllegalArgumentException("key must be 32 bytes");
        this.key = new javax.crypto.spec.SecretKeySpec(key, "ChaCha20");
    }

    private byte[] nonce() throws TransportException {
        if (exhausted) throw new TransportException(TransportException.Reason.COUNTER_EXHAUSTED, "record counter exhausted");
        byte[] n = new byte[12];
        for (int i = 0; i < 8; i++) n[4 + i] = (byte) (counter >>> (8 * i));
        if (++counter == 0) exhausted = true;
        return n;
    }

    /** The JDK's ChaCha20-Poly1305 (RFC 8439), a fresh instance per record: each record has its own nonce. */
    private javax.crypto.Cipher cipher(int mode, byte[] nonce, byte[] aad) throws java.security.GeneralSecurityException {
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("ChaCha20-Poly1305");
        c.init(mode, key, new javax.crypto.spec.IvParameterSpec(nonce));
        c.updateAAD(aad);
        return c;
    }

    static byte[] lengthField(int ciphertextLength) {
        return new byte[] {(byte) ciphertextLength, (byte) (ciphertextLength >>> 8), (byte) (ciphertextLength >>> 16), (byte) (ciphertextLength >>> 24)};
    }

    /** Encrypts 1..{@link #MAX_PLAINTEXT} bytes into one record: length (u32 LE) || ciphertext || tag. */
    public byte[] seal(byte[] plaintext, int off, int len) throws TransportException {
        if (len < 1 || len > MAX_PLAINTEXT) throw new IllegalArgumentException("record plaintext must be 1.." + MAX_PLAINTEXT + " bytes");
        int ctLen = len + TAG_SIZE;
        byte[] lf = lengthField(ctLen);
        byte[] out = new byte[LENGTH_SIZE + ctLen];
        System.arraycopy(lf, 0, out, 0, LENGTH_SIZE);
        try {
            javax.crypto.Cipher c = cipher(javax.crypto.Cipher.ENCRYPT_MODE, nonce(), lf);
            c.doFinal(plaintext, off, len, out, LENGTH_SIZE);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("encryption cannot fail", e);
        }
        return out;
    }

    /**
     * Checks a record length field before anything is allocated for the record.
     *
     * @return the ciphertext length (plaintext + tag)
     */
    public static int checkLength(byte[] lengthField) throws TransportException {
        long l = (lengthField[0] & 0xffL) | (lengthField[1] & 0xffL) << 8 | (lengthField[2] & 0xffL) << 16 | (lengthField[3] & 0xffL) << 24;
        if (l < 1 + TAG_SIZE || l > MAX_PLAINTEXT + TAG_SIZE) {
            throw new TransportException(TransportException.Reason.BAD_RECORD_LENGTH, "record length " + l);
        }
        return (int) l;
    }

    /** Authenticates and decrypts one record's ciphertext (after its length field). */
    public byte[] open(byte[] lengthField, byte[] ciphertext) throws TransportException {
        if (checkLength(lengthField) != ciphertext.length) {
            throw new TransportException(TransportException.Reason.BAD_RECORD_LENGTH, "record length mismatch");
        }
        byte[] nonce = nonce();
        try {
            return cipher(javax.crypto.Cipher.DECRYPT_MODE, nonce, lengthField.clone()).doFinal(ciphertext);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new TransportException(TransportException.Reason.RECORD_AUTHENTICATION_FAILED, "record rejected");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's ChaCha20-Poly1305 is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "RecordCipher[counter=" + counter + "]";
    }
}
