package org.flowcoin.crypto;

import java.util.Arrays;
import java.util.Objects;
import org.flowcoin.crypto.Bech32Exception.Reason;

/**
 * Bech32 (BIP-173) and Bech32m (BIP-350) strings: encode, decode, and the 8&lt;-&gt;5-bit
 * regrouping with BIP-173's padding rules.
 *
 * <p>Decoding enforces every rule of the BIPs: at most 90 characters, characters in US-ASCII
 * 33..126, not mixed case, a non-empty HRP before the last '1', at least 6 checksum characters,
 * data characters from the Bech32 alphabet, and a checksum valid for one of the two encodings
 * (which one is reported). Failures are {@link Bech32Exception}s with a {@link Bech32Exception.Reason}.
 *
 * <pre>{@code
 * Bech32.Decoded d = Bech32.decode("a1lqfn3a");        // hrp "a", no data, BECH32M
 * String s = Bech32.encode("fl", Bech32.toWords(bytes), Bech32.Encoding.BECH32M);
 * }</pre>
 */
public final class Bech32 {
    private Bech32() {}

    /** The BIP-173 limit on a whole string. */
    public static final int MAX_LENGTH = 90;

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final byte[] REV = new byte[128];

    static {
        Arrays.fill(REV, (byte) -1);
        for (int i = 0; i < CHARSET.length(); i++) {
            REV[CHARSET.charAt(i)] = (byte) i;
        }
    }

    /** The checksum variant; they differ only in the constant XORed into the checksum. */
    public enum Encoding {
        /** BIP-173, constant 1. */
        BECH32(1),
        /** BIP-350, constant 0x2bc830a3. */
        BECH32M(0x2bc830a3);

        private final int constant;

        Encoding(int constant) {
            this.constant = constant;
        }
    }

    /** A decoded string: its lower-case HRP, its 5-bit data values (checksum removed), its encoding. */
    public static final class Decoded {
        private final String hrp;
        private final byte[] data;
        private final Encoding encoding;

        private Decoded(String hrp, byte[] data, Encoding encoding) {
            this.hrp = hrp;
            this.data = data;
            this.encoding = encoding;
        }

        public String hrp() {
            return hrp;
        }

        /** A copy of the 5-bit values (each 0..31). */
        public byte[] data() {
            return data.clone();
        }

        public Encoding encoding() {
            return encoding;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Decoded d && hrp.equals(d.hrp) && encoding == d.encoding && Arrays.equals(data, d.data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(hrp, encoding, Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "Bech32.Decoded[hrp=" + hrp + ", encoding=" + encoding + ", " + data.length + " values]";
        }
    }

    private static int polymod(int chk, int value) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        if ((top & 1) != 0) chk ^= 0x3b6a57b2;
        if ((top & 2) != 0) chk ^= 0x26508e6d;
        if ((top & 4) != 0) chk ^= 0x1ea119fa;
        if ((top & 8) != 0) chk ^= 0x3d4233dd;
        if ((top & 16) != 0) chk ^= 0x2a1462b3;
        return chk;
    }

    /** Polymod over the expanded (lower-case) HRP followed by {@code values}. */
    private static int checksumState(String hrp, byte[] values, int n) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) chk = polymod(chk, hrp.charAt(i) >>> 5);
        chk = polymod(chk, 0);
        for (int i = 0; i < hrp.length(); i++) chk = polymod(chk, hrp.charAt(i) & 31);
        for (int i = 0; i < n; i++) chk = polymod(chk, values[i]);
        return chk;
    }

    /**
     * Encodes {@code hrp} and 5-bit {@code values} with a checksum of the given encoding; the
     * output is lower case.
     *
     * @throws Bech32Exception if the HRP is empty or has characters outside 33..126, a value is
     *     not 0..31, or the result would exceed {@link #MAX_LENGTH}
     */
    public static String encode(String hrp, byte[] values, Encoding encoding) {
        return encode(hrp, values, encoding, MAX_LENGTH);
    }

    /**
     * Encodes like {@link #encode(String, byte[], Encoding)} with another length limit: BOLT-11
     * style payloads (invoices) are longer than BIP-173's 90 characters.
     *
     * @throws Bech32Exception as there, with {@code maxLength} as the limit
     */
    public static String encode(String hrp, byte[] values, Encoding encoding, int maxLength) {
        Objects.requireNonNull(hrp, "hrp");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(encoding, "encoding");
        if (hrp.isEmpty()) throw new Bech32Exception(Reason.EMPTY_HRP, "empty human-readable part");
        if (hrp.length() + 7 + values.length > maxLength) {
            throw new Bech32Exception(Reason.TOO_LONG, "encoding would exceed " + maxLength + " characters");
        }
        boolean lower = false, upper = false;
        for (int i = 0; i < hrp.length(); i++) {
            char c = hrp.charAt(i);
            if (c < 33 || c > 126) throw new Bech32Exception(Reason.CHARACTER_OUT_OF_RANGE, "HRP character out of range");
            if (c >= 'a' && c <= 'z') lower = true;
            if (c >= 'A' && c <= 'Z') upper = true;
        }
        if (lower && upper) throw new Bech32Exception(Reason.MIXED_CASE, "mixed-case HRP");
        String h = hrp.toLowerCase(java.util.Locale.ROOT);
        for (byte v : values) {
            if ((v & 0xff) > 31) throw new Bech32Exception(Reason.INVALID_DATA_CHARACTER, "data value out of range 0..31");
        }
        byte[] all = Arrays.copyOf(values, values.length + 6);
        int chk = checksumState(h, all, all.length) ^ encoding.constant;
        StringBuilder sb = new StringBuilder(h.length() + 1 + all.length).append(h).append('1');
        for (byte v : values) sb.append(CHARSET.charAt(v));
        for (int i = 0; i < 6; i++) sb.append(CHARSET.charAt((chk >>> (5 * (5 - i))) & 31));
        return sb.toString();
    }

    /** Decodes with the BIP-173 limit of 90 characters. */
    public static Decoded decode(String s) {
        return decode(s, MAX_LENGTH);
    }

    /**
     * Decodes a Bech32 or Bech32m string of at most {@code maxLength} characters.
     *
     * @throws Bech32Exception for any invalid input
     */
    public static Decoded decode(String s, int maxLength) {
        Objects.requireNonNull(s, "s");
        if (s.length() > maxLength) {
            throw new Bech32Exception(Reason.TOO_LONG, "longer than " + maxLength + " characters");
        }
        boolean lower = false, upper = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 33 || c > 126) {
                throw new Bech32Exception(Reason.CHARACTER_OUT_OF_RANGE, "character out of range at position " + i);
            }
            if (c >= 'a' && c <= 'z') lower = true;
            if (c >= 'A' && c <= 'Z') upper = true;
        }
        if (lower && upper) throw new Bech32Exception(Reason.MIXED_CASE, "mixed case");
        String str = s.toLowerCase(java.util.Locale.ROOT);
        int sep = str.lastIndexOf('1');
        if (sep < 0) throw new Bech32Exception(Reason.NO_SEPARATOR, "no separator '1'");
        if (sep == 0) throw new Bech32Exception(Reason.EMPTY_HRP, "empty human-readable part");
        int n = str.length() - sep - 1;
        if (n < 6) throw new Bech32Exception(Reason.TOO_SHORT_CHECKSUM, "checksum shorter than 6 characters");
        byte[] values = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = str.charAt(sep + 1 + i);
            byte v = REV[c];
            if (v < 0) {
                throw new Bech32Exception(Reason.INVALID_DATA_CHARACTER, "invalid data character at position " + (sep + 1 + i));
            }
            values[i] = v;
        }
        String hrp = str.substring(0, sep);
        int chk = checksumState(hrp, values, n);
        Encoding enc;
        if (chk == Encoding.BECH32.constant) enc = Encoding.BECH32;
        else if (chk == Encoding.BECH32M.constant) enc = Encoding.BECH32M;
        else throw new Bech32Exception(Reason.INVALID_CHECKSUM, "invalid checksum");
        return new Decoded(hrp, Arrays.copyOf(values, n - 6), enc);
    }

    /** 8-bit bytes to 5-bit values, zero-padding the last group (BIP-173 convertbits with pad). */
    public static byte[] toWords(byte[] bytes) {
        return convertBits(bytes, 0, bytes.length, 8, 5, true);
    }

    /**
     * 5-bit values to bytes without padding: at most 4 leftover bits, all zero.
     *
     * @throws Bech32Exception if a value exceeds 31 or the padding is invalid
     */
    public static byte[] fromWords(byte[] values) {
        return fromWords(values, 0, values.length);
    }

    /** {@link #fromWords(byte[])} over {@code values[off, off+len)}. */
    public static byte[] fromWords(byte[] values, int off, int len) {
        return convertBits(values, off, len, 5, 8, false);
    }

    /**
     * Regroups {@code in[off, off+len)} from {@code fromBits}-bit to {@code toBits}-bit values
     * (BIP-173's convertbits). With {@code pad} the last group is zero-padded; without it, more
     * than {@code fromBits - 1} leftover bits, or non-zero leftover bits, are an error.
     *
     * @throws Bech32Exception for an input value wider than {@code fromBits} or bad padding
     */
    public static byte[] convertBits(byte[] in, int off, int len, int fromBits, int toBits, boolean pad) {
        Objects.checkFromIndexSize(off, len, in.length);
        if (fromBits < 1 || fromBits > 8 || toBits < 1 || toBits > 8) {
            throw new IllegalArgumentException("bit widths must be 1..8");
        }
        long totalBits = (long) len * fromBits;
        int outLen = (int) (pad ? (totalBits + toBits - 1) / toBits : totalBits / toBits);
        byte[] out = new byte[outLen];
        int acc = 0, bits = 0, o = 0;
        int maxv = (1 << toBits) - 1;
        for (int i = 0; i < len; i++) {
            int v = in[off + i] & 0xff;
            if ((v >>> fromBits) != 0) throw new Bech32Exception(Reason.INVALID_PADDING, "input value out of range");
            acc = ((acc << fromBits) | v) & 0xffff;
            bits += fromBits;
            while (bits >= toBits) {
                bits -= toBits;
                out[o++] = (byte) ((acc >>> bits) & maxv);
            }
        }
        if (pad) {
            if (bits > 0) out[o++] = (byte) ((acc << (toBits - bits)) & maxv);
        } else if (bits >= fromBits) {
            throw new Bech32Exception(Reason.INVALID_PADDING, "more than " + (fromBits - 1) + " padding bits");
        } else if (((acc << (toBits - bits)) & maxv) != 0) {
            throw new Bech32Exception(Reason.INVALID_PADDING, "non-zero padding bits");
        }
        return out;
    }
}
