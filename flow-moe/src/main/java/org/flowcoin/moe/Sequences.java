package org.flowcoin.moe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a byte file into evaluation sequences: consecutive, non-overlapping chunks of
 * {@code length} bytes; a final partial chunk is kept when it has at least 2 bytes (one
 * prediction) and dropped otherwise.
 *
 * <pre>{@code
 * List<byte[]> seqs = Sequences.split(Files.readAllBytes(path), Sequences.DEFAULT_LENGTH);
 * }</pre>
 */
public final class Sequences {
    /** Default sequence length in bytes. */
    public static final int DEFAULT_LENGTH = 256;

    private Sequences() {}

    /** Splits {@code data} as described above. */
    public static List<byte[]> split(byte[] data, int length) {
        if (length < 2) throw new IllegalArgumentException("sequence length must be >= 2");
        List<byte[]> out = new ArrayList<>();
        for (int o = 0; o < data.length; o += length) {
            int end = Math.min(data.length, o + length);
            if (end - o >= 2) out.add(Arrays.copyOfRange(data, o, end));
        }
        return out;
    }
}
