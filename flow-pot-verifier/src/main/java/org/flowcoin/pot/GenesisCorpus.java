package org.flowcoin.pot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.flowcoin.primitives.Hash256;

/**
 * The fixed genesis corpus that pads V_h while the chain is young: the first 262,144 bytes of the
 * "tiny Shakespeare" text (public domain; source and hash in docs/spec/dataset.md).
 *
 * <pre>{@code
 * byte[] corpus = GenesisCorpus.bytes();
 * }</pre>
 */
public final class GenesisCorpus {
    /** Corpus length in bytes. */
    public static final int SIZE = 262_144;
    /** Keccak-256 of the corpus (docs/spec/dataset.md). */
    public static final Hash256 HASH = Hash256.fromHex("d6332be7383f8018b98db11049e1726836583015c5886857ab9c580945cbed7c");

    private static final byte[] DATA = load();

    private GenesisCorpus() {}

    private static byte[] load() {
        try (InputStream in = GenesisCorpus.class.getResourceAsStream("genesis-corpus.txt")) {
            if (in == null) throw new IllegalStateException("genesis corpus resource missing");
            byte[] b = in.readAllBytes();
            if (b.length != SIZE || !Hash256.keccak256(b).equals(HASH)) throw new IllegalStateException("genesis corpus resource corrupted");
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the corpus. */
    public static byte[] bytes() {
        return DATA.clone();
    }

    static byte[] shared() {
        return DATA;
    }
}
