package org.flowcoin.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A BIP-39 mnemonic over the English word list: 12, 15, 18, 21 or 24 words encoding 128..256 bits
 * of entropy plus a SHA-256 checksum, and its PBKDF2-HMAC-SHA512 seed (2048 rounds, salt
 * "mnemonic" + passphrase, both NFKD-normalised).
 *
 * <p>Secret: {@code toString} never shows words, equality is constant time, {@link #destroy()}
 * wipes the word indices. (Strings returned by {@link #phrase()} cannot be wiped; avoid them where
 * possible.)
 *
 * <pre>{@code
 * Mnemonic m = Mnemonic.generate(new SecureRandom(), 24);
 * HdSeed seed = m.toSeed("optional passphrase");
 * Mnemonic again = Mnemonic.parse(userTypedWords);   // throws MnemonicException if invalid
 * }</pre>
 */
public final class Mnemonic {
    private static final int[] VALID_WORD_COUNTS = {12, 15, 18, 21, 24};

    private final int[] indices;
    private volatile boolean destroyed;

    private Mnemonic(int[] indices) {
        this.indices = indices;
    }

    /** The 2048 English words, in order. */
    public static List<String> englishWordList() {
        return WordList.WORDS;
    }

    /**
     * The mnemonic of {@code entropy} (16, 20, 24, 28 or 32 bytes).
     *
     * @throws IllegalArgumentException for another length
     */
    public static Mnemonic fromEntropy(byte[] entropy) {
        Objects.requireNonNull(entropy, "entropy");
        int ent = entropy.length * 8;
        if (entropy.length < 16 || entropy.length > 32 || entropy.length % 4 != 0) {
            throw new IllegalArgumentException("entropy must be 16, 20, 24, 28 or 32 bytes");
        }
        int cs = ent / 32;
        byte[] hash = sha256(entropy);
        int words = (ent + cs) / 11;
        int[] idx = new int[words];
        for (int w = 0; w < words; w++) {
            int v = 0;
            for (int b = 0; b < 11; b++) {
                int bit = w * 11 + b;
                int byteVal = bit < ent ? entropy[bit >>> 3] : hash[(bit - ent) >>> 3];
                v = (v << 1) | ((byteVal >>> (7 - (bit & 7))) & 1);
            }
            idx[w] = v;
        }
        Arrays.fill(hash, (byte) 0);
        return new Mnemonic(idx);
    }

    /**
     * A fresh mnemonic of {@code words} words (12, 15, 18, 21 or 24) from {@code random}.
     *
     * @throws IllegalArgumentException for another word count
     */
    public static Mnemonic generate(SecureRandom random, int words) {
        if (Arrays.stream(VALID_WORD_COUNTS).noneMatch(c -> c == words)) {
            throw new IllegalArgumentException("word count must be 12, 15, 18, 21 or 24");
        }
        byte[] entropy = new byte[words * 11 * 32 / 33 / 8];
        random.nextBytes(entropy);
        try {
            return fromEntropy(entropy);
        } finally {
            Arrays.fill(entropy, (byte) 0);
        }
    }

    /**
     * Parses and validates a phrase: NFKD-normalised, words separated by whitespace, each in the
     * English list (exact, lower case), a valid word count, and a matching checksum.
     *
     * @throws MnemonicException if invalid
     */
    public static Mnemonic parse(String phrase) {
        Objects.requireNonNull(phrase, "phrase");
        if (phrase.length() > 1000) throw new MnemonicException("mnemonic too long");
        String norm = Normalizer.normalize(phrase, Normalizer.Form.NFKD).strip();
        return fromWords(norm.isEmpty() ? List.of() : Arrays.asList(norm.split("\\s+")));
    }

    /**
     * Validates a list of words (each NFKD-normalised before lookup).
     *
     * @throws MnemonicException if invalid
     */
    public static Mnemonic fromWords(List<String> words) {
        Objects.requireNonNull(words, "words");
        int n = words.size();
        if (Arrays.stream(VALID_WORD_COUNTS).noneMatch(c -> c == n)) {
            throw new MnemonicException("mnemonic must have 12, 15, 18, 21 or 24 words, got " + n);
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            String w = Normalizer.normalize(Objects.requireNonNull(words.get(i)), Normalizer.Form.NFKD);
            Integer v = WordList.INDEX.get(w);
            if (v == null) throw new MnemonicException("word " + (i + 1) + " is not in the BIP-39 English word list");
            idx[i] = v;
        }
        Mnemonic m = new Mnemonic(idx);
        byte[] entropy = m.entropyUnchecked();
        try {
            Mnemonic expected = fromEntropy(entropy);
            boolean checksumOk = m.equals(expected);
            expected.destroy();
            if (!checksumOk) {
                m.destroy();
                throw new MnemonicException("mnemonic checksum mismatch");
            }
        } finally {
            Arrays.fill(entropy, (byte) 0);
        }
        return m;
    }

    private byte[] entropyUnchecked() {
        int totalBits = indices.length * 11;
        int ent = totalBits * 32 / 33;
        byte[] out = new byte[ent / 8];
        for (int bit = 0; bit < ent; bit++) {
            int v = (indices[bit / 11] >>> (10 - bit % 11)) & 1;
            out[bit >>> 3] |= (byte) (v << (7 - (bit & 7)));
        }
        return out;
    }

    /** A copy of the entropy (16..32 bytes); the caller should wipe it. */
    public byte[] entropy() {
        checkLive();
        return entropyUnchecked();
    }

    /** Number of words. */
    public int wordCount() {
        return indices.length;
    }

    /** The words, in order. */
    public List<String> words() {
        checkLive();
        List<String> out = new ArrayList<>(indices.length);
        for (int i : indices) out.add(WordList.WORDS.get(i));
        return List.copyOf(out);
    }

    /** The words joined by single spaces. */
    public String phrase() {
        return String.join(" ", words());
    }

    /**
     * The BIP-39 seed: PBKDF2-HMAC-SHA512(password = NFKD(phrase), salt = "mnemonic" +
     * NFKD(passphrase), 2048 iterations, 64 bytes).
     */
    public HdSeed toSeed(String passphrase) {
        Objects.requireNonNull(passphrase, "passphrase");
        checkLive();
        byte[] password = Normalizer.normalize(phrase(), Normalizer.Form.NFKD).getBytes(StandardCharsets.UTF_8);
        byte[] salt = ("mnemonic" + Normalizer.normalize(passphrase, Normalizer.Form.NFKD)).getBytes(StandardCharsets.UTF_8);
        try {
            return HdSeed.wrap(HmacSha512.pbkdf2(password, salt, 2048, 64));
        } finally {
            Arrays.fill(password, (byte) 0);
            Arrays.fill(salt, (byte) 0);
        }
    }

    /** Wipes the word indices; the object is unusable afterwards. */
    public void destroy() {
        Arrays.fill(indices, 0);
        destroyed = true;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    private void checkLive() {
        if (destroyed) throw new IllegalStateException("mnemonic destroyed");
    }

    /** Constant-time comparison for equal word counts. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Mnemonic m) || m.indices.length != indices.length) return false;
        int diff = 0;
        for (int i = 0; i < indices.length; i++) diff |= indices[i] ^ m.indices[i];
        return diff == 0;
    }

    @Override
    public int hashCode() {
        return indices.length;
    }

    @Override
    public String toString() {
        return "Mnemonic[" + indices.length + " words, redacted]";
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The English list, loaded once from the module's resources. */
    private static final class WordList {
        static final List<String> WORDS;
        static final Map<String, Integer> INDEX;

        static {
            try (InputStream in = Mnemonic.class.getResourceAsStream("bip39-english.txt")) {
                if (in == null) throw new IllegalStateException("bip39-english.txt missing");
                String[] w = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
                if (w.length != 2048) throw new IllegalStateException("word list must have 2048 words");
                WORDS = List.of(w);
                Map<String, Integer> m = new HashMap<>();
                for (int i = 0; i < w.length; i++) m.put(w[i], i);
                INDEX = Map.copyOf(m);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
