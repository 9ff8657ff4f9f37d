package org.flowcoin.channels.invoice;

import org.flowcoin.channels.ChannelException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.flowcoin.crypto.Bech32;
import org.flowcoin.crypto.Bech32Exception;
import org.flowcoin.crypto.Ed25519;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.channels.ChannelException.Reason;

/**
 * A payment request after BOLT-11, for FlowCoin (docs/spec/channels.md, section 8): Bech32 with no
 * 90-character limit, human-readable part {@code ln<network>[amount]}, a 35-bit timestamp, tagged
 * fields, and an Ed25519 signature by the payee over the human-readable part and the data. The
 * payee key field is mandatory: an Ed25519 signature does not reveal its key.
 *
 * <pre>{@code
 * String s = new Invoice("lnrfl", OptionalLong.of(250_000), 1_767_225_600L, paymentHash, payee.publicKey().toByteArray(),
 *         "coffee", 3600, 18).encode(payee);
 * Invoice i = Invoice.decode(s);   // throws ChannelException
 * }</pre>
 *
 * @param networkPrefix {@code lnfl}, {@code lntfl} or {@code lnrfl}
 * @param amountHaruki the amount asked for, empty for "any amount"
 * @param timestamp seconds since 1970, 0 .. 2^35 - 1
 * @param paymentHash {@code KECCAK256D} of the preimage, 32 bytes
 * @param payeeKey the payee's Ed25519 public key, 32 bytes
 * @param description UTF-8 text (may be empty)
 * @param expirySeconds how long after {@code timestamp} it may be paid (default 3600)
 * @param minFinalCltvExpiry blocks the last hop's HTLC must leave (default 18)
 */
public record Invoice(String networkPrefix, OptionalLong amountHaruki, long timestamp, byte[] paymentHash, byte[] payeeKey,
                      String description, long expirySeconds, long minFinalCltvExpiry) {
    /** Upper bound on an invoice string (untrusted input is refused beyond it). */
    public static final int MAX_LENGTH = 4096;
    /** The network prefixes: main, test and regtest FlowCoin. */
    public static final Map<String, String> NETWORKS = Map.of("lnfl", "main", "lntfl", "test", "lnrfl", "regtest");
    public static final long DEFAULT_EXPIRY = 3600;
    public static final long DEFAULT_MIN_FINAL_CLTV = 18;

    static final int TAG_PAYMENT_HASH = 1;   // 'p'
    static final int TAG_DESCRIPTION = 13;   // 'd'
    static final int TAG_PAYEE = 19;         // 'n'
    static final int TAG_EXPIRY = 6;         // 'x'
    static final int TAG_MIN_FINAL_CLTV = 24; // 'c'
    private static final int KEY_WORDS = 52; // 256 bits in 5-bit words, zero-padded
    private static final int SIGNATURE_WORDS = 103; // 512 bits
    private static final long HARUKI_PER_FLOW = 100_000_000L;

    public Invoice {
        Objects.requireNonNull(networkPrefix, "networkPrefix");
        if (!NETWORKS.containsKey(networkPrefix)) throw new IllegalArgumentException("unknown network prefix " + networkPrefix);
        if (amountHaruki.isPresent() && amountHaruki.getAsLong() <= 0) throw new IllegalArgumentException("amount must be positive");
        if (timestamp < 0 || timestamp >= (1L << 35)) throw new IllegalArgumentException("timestamp is 35 bits");
        if (paymentHash.length != 32 || payeeKey.length != 32) throw new IllegalArgumentException("payment hash and payee key are 32 bytes");
        if (expirySeconds < 0 || minFinalCltvExpiry < 0) throw new IllegalArgumentException("expiry and min_final_cltv must not be negative");
        Objects.requireNonNull(description, "description");
        paymentHash = paymentHash.clone();
        payeeKey = payeeKey.clone();
    }

    @Override
    public byte[] paymentHash() {
        return paymentHash.clone();
    }

    @Override
    public byte[] payeeKey() {
        return payeeKey.clone();
    }

    /** The human-readable part: the network prefix and the amount in FLOW with the shortest multiplier. */
    public String humanReadablePart() {
        return networkPrefix + (amountHaruki.isPresent() ? formatAmount(amountHaruki.getAsLong()) : "");
    }

    /**
     * Signs and encodes.
     *
     * @throws IllegalArgumentException if {@code payee} is not the key of {@link #payeeKey}
     */
    public String encode(Ed25519PrivateKey payee) {
        if (!Arrays.equals(payee.publicKey().toByteArray(), payeeKey)) throw new IllegalArgumentException("not the payee's key");
        String hrp = humanReadablePart();
        WordWriter w = new WordWriter();
        w.number(timestamp, 7);
        w.field(TAG_PAYMENT_HASH, Bech32.toWords(paymentHash));
        w.field(TAG_PAYEE, Bech32.toWords(payeeKey));
        w.field(TAG_DESCRIPTION, Bech32.toWords(description.getBytes(StandardCharsets.UTF_8)));
        if (expirySeconds != DEFAULT_EXPIRY) w.field(TAG_EXPIRY, minimalWords(expirySeconds));
        if (minFinalCltvExpiry != DEFAULT_MIN_FINAL_CLTV) w.field(TAG_MIN_FINAL_CLTV, minimalWords(minFinalCltvExpiry));
        byte[] data = w.toArray();
        byte[] sig = payee.sign(signedMessage(hrp, data, data.length));
        byte[] all = Arrays.copyOf(data, data.length + SIGNATURE_WORDS);
        System.arraycopy(Bech32.toWords(sig), 0, all, data.length, SIGNATURE_WORDS);
        return Bech32.encode(hrp, all, Bech32.Encoding.BECH32, MAX_LENGTH);
    }

    /**
     * Decodes and checks an invoice string: encoding, prefix, amount, mandatory fields, signature.
     * Unknown fields are skipped (BOLT-11's forward compatibility).
     */
    public static Invoice decode(String s) throws ChannelException {
        Bech32.Decoded d;
        try {
            d = Bech32.decode(s, MAX_LENGTH);
        } catch (Bech32Exception e) {
            throw new ChannelException(Reason.INVOICE_ENCODING, "not a Bech32 invoice: " + e.getMessage());
        }
        if (d.encoding() != Bech32.Encoding.BECH32) throw new ChannelException(Reason.INVOICE_ENCODING, "invoices use Bech32, not Bech32m");
        String hrp = d.hrp();
        String prefix = null;
        for (String p : NETWORKS.keySet()) {
            // The longest matching prefix: "lntfl..." must not read as "ln" + garbage.
            if (hrp.startsWith(p) && (prefix == null || p.length() > prefix.length())) prefix = p;
        }
        if (prefix == null) throw new ChannelException(Reason.INVOICE_PREFIX, "unknown invoice prefix in " + hrp);
        OptionalLong amount = parseAmount(hrp.substring(prefix.length()));
        byte[] words = d.data();
        if (words.length < 7 + SIGNATURE_WORDS) throw new ChannelException(Reason.INVOICE_FIELD, "too short for a timestamp and a signature");
        int dataEnd = words.length - SIGNATURE_WORDS;
        long timestamp = readNumber(words, 0, 7);
        byte[] paymentHash = null;
        byte[] payee = null;
        String description = null;
        long expiry = DEFAULT_EXPIRY;
        long minCltv = DEFAULT_MIN_FINAL_CLTV;
        int pos = 7;
        boolean[] seen = new boolean[32];
        while (pos < dataEnd) {
            if (dataEnd - pos < 3) throw new ChannelException(Reason.INVOICE_FIELD, "truncated field header");
            int tag = words[pos];
            int len = (words[pos + 1] << 5) | words[pos + 2];
            pos += 3;
            if (len > dataEnd - pos) throw new ChannelException(Reason.INVOICE_FIELD, "field longer than the data");
            boolean known = tag == TAG_PAYMENT_HASH || tag == TAG_PAYEE || tag == TAG_DESCRIPTION || tag == TAG_EXPIRY
                    || tag == TAG_MIN_FINAL_CLTV;
            if (known && seen[tag]) throw new ChannelException(Reason.INVOICE_FIELD, "field " + tag + " repeated");
            seen[tag] = true;
            switch (tag) {
                case TAG_PAYMENT_HASH -> paymentHash = key(words, pos, len, "payment hash");
                case TAG_PAYEE -> payee = key(words, pos, len, "payee key");
                case TAG_DESCRIPTION -> description = utf8(words, pos, len);
                case TAG_EXPIRY -> expiry = boundedNumber(words, pos, len);
                case TAG_MIN_FINAL_CLTV -> minCltv = boundedNumber(words, pos, len);
                default -> { } // unknown: skipped
            }
            pos += len;
        }
        if (paymentHash == null) throw new ChannelException(Reason.INVOICE_FIELD, "no payment hash");
        if (payee == null) throw new ChannelException(Reason.INVOICE_FIELD, "no payee key (mandatory: Ed25519 cannot recover it)");
        if (description == null) throw new ChannelException(Reason.INVOICE_FIELD, "no description");
        byte[] sig;
        try {
            sig = Bech32.convertBits(words, dataEnd, SIGNATURE_WORDS, 5, 8, false);
        } catch (Bech32Exception e) {
            throw new ChannelException(Reason.INVOICE_SIGNATURE, "malformed signature field");
        }
        if (!Ed25519.verify(payee, signedMessage(hrp, words, dataEnd), sig)) {
            throw new ChannelException(Reason.INVOICE_SIGNATURE, "signature does not verify under the payee key");
        }
        return new Invoice(prefix, amount, timestamp, paymentHash, payee, description, expiry, minCltv);
    }

    /** Whether it may still be paid at {@code nowSeconds} (the caller's clock). */
    public boolean expiredAt(long nowSeconds) {
        return nowSeconds > timestamp + expirySeconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Invoice i && networkPrefix.equals(i.networkPrefix) && amountHaruki.equals(i.amountHaruki)
                && timestamp == i.timestamp && Arrays.equals(paymentHash, i.paymentHash) && Arrays.equals(payeeKey, i.payeeKey)
                && description.equals(i.description) && expirySeconds == i.expirySeconds && minFinalCltvExpiry == i.minFinalCltvExpiry;
    }

    @Override
    public int hashCode() {
        return Objects.hash(networkPrefix, amountHaruki, timestamp, Arrays.hashCode(paymentHash), Arrays.hashCode(payeeKey),
                description, expirySeconds, minFinalCltvExpiry);
    }

    @Override
    public String toString() {
        return "Invoice[" + humanReadablePart() + ", " + description.length() + "-char description]";
    }

    // --- amounts: FLOW with BOLT-11's multipliers; the result must be whole haruki ---

    static String formatAmount(long haruki) {
        // Largest unit that keeps an integer: FLOW, m (1e-3), u (1e-6), n (1e-9), p (1e-12).
        BigInteger picoFlow = BigInteger.valueOf(haruki).multiply(BigInteger.valueOf(10_000));
        String[] units = {"", "m", "u", "n", "p"};
        long[] pico = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
        for (int i = 0; i < units.length; i++) {
            BigInteger[] qr = picoFlow.divideAndRemainder(BigInteger.valueOf(pico[i]));
            if (qr[1].signum() == 0) return qr[0].toString() + units[i];
        }
        throw new AssertionError("unreachable: p always divides");
    }

    static OptionalLong parseAmount(String s) throws ChannelException {
        if (s.isEmpty()) return OptionalLong.empty();
        char last = s.charAt(s.length() - 1);
        String digits = Character.isDigit(last) ? s : s.substring(0, s.length() - 1);
        long picoPerUnit = switch (Character.isDigit(last) ? ' ' : last) {
            case ' ' -> 1_000_000_000_000L;
            case 'm' -> 1_000_000_000L;
            case 'u' -> 1_000_000L;
            case 'n' -> 1_000L;
            case 'p' -> 1L;
            default -> throw new ChannelException(Reason.INVOICE_AMOUNT, "unknown multiplier '" + last + "'");
        };
        if (digits.isEmpty() || digits.length() > 20 || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.charAt(0) == '0') {
            throw new ChannelException(Reason.INVOICE_AMOUNT, "amount must be digits without a leading zero: " + s);
        }
        BigInteger pico = new BigInteger(digits).multiply(BigInteger.valueOf(picoPerUnit));
        BigInteger[] qr = pico.divideAndRemainder(BigInteger.valueOf(10_000));
        if (qr[1].signum() != 0) throw new ChannelException(Reason.INVOICE_AMOUNT, "amount is not a whole number of haruki: " + s);
        if (qr[0].bitLength() > 62 || qr[0].longValue() > 21_000_000L * HARUKI_PER_FLOW * 100) {
            throw new ChannelException(Reason.INVOICE_AMOUNT, "amount out of range: " + s);
        }
        return OptionalLong.of(qr[0].longValue());
    }

    // --- words ---

    private static byte[] signedMessage(String hrp, byte[] words, int n) {
        byte[] h = hrp.getBytes(StandardCharsets.US_ASCII);
        byte[] data = Bech32.convertBits(words, 0, n, 5, 8, true);
        byte[] m = Arrays.copyOf(h, h.length + data.length);
        System.arraycopy(data, 0, m, h.length, data.length);
        return m;
    }

    private static byte[] key(byte[] words, int pos, int len, String what) throws ChannelException {
        if (len != KEY_WORDS) throw new ChannelException(Reason.INVOICE_FIELD, what + " must be " + KEY_WORDS + " words, not " + len);
        try {
            return Bech32.convertBits(words, pos, len, 5, 8, false);
        } catch (Bech32Exception e) {
            throw new ChannelException(Reason.INVOICE_FIELD, what + " has non-zero padding");
        }
    }

    private static String utf8(byte[] words, int pos, int len) throws ChannelException {
        byte[] bytes;
        try {
            bytes = Bech32.convertBits(words, pos, len, 5, 8, false);
        } catch (Bech32Exception e) {
            throw new ChannelException(Reason.INVOICE_FIELD, "description has non-zero padding");
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ChannelException(Reason.INVOICE_FIELD, "description is not UTF-8");
        }
    }

    private static long boundedNumber(byte[] words, int pos, int len) throws ChannelException {
        if (len < 1 || len > 12) throw new ChannelException(Reason.INVOICE_FIELD, "number field of " + len + " words");
        return readNumber(words, pos, len);
    }

    private static long readNumber(byte[] words, int pos, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) v = (v << 5) | words[pos + i];
        return v;
    }

    private static byte[] minimalWords(long v) {
        int n = 1;
        while (n < 13 && (v >>> (5 * n)) != 0) n++;
        byte[] w = new byte[n];
        for (int i = n - 1; i >= 0; i--) {
            w[i] = (byte) (v & 31);
            v >>>= 5;
        }
        return w;
    }

    private static final class WordWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void number(long v, int words) {
            for (int i = words - 1; i >= 0; i--) out.write((int) ((v >>> (5 * i)) & 31));
        }

        void field(int tag, byte[] words) {
            if (words.length >= 1024) throw new IllegalArgumentException("field longer than 1023 words");
            out.write(tag);
            number(words.length, 2);
            out.writeBytes(words);
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }
}
