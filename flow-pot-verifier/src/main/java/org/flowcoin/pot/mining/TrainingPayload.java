package org.flowcoin.pot.mining;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.flowcoin.pot.BloomFilter;
import org.flowcoin.pot.PotParams;
import org.flowcoin.pot.TrainingData;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.consensus.Verdict;

/**
 * Builds a block's training-data payload from a miner's files: the bytes are cut into the chain's
 * chunks, and chunks already in the Bloom filter, repeated, or failing the distinct-4-gram rule are
 * dropped; whole chunks are kept in order up to the chain's size limit (a short chunk only at the
 * very end), and the result is checked with the consensus rules ({@link TrainingData#check}).
 *
 * <pre>{@code
 * TrainingPayload.Result r = TrainingPayload.build(TrainingPayload.readFiles(List.of(dir)), params, bloom);
 * if (r.verdict().accepted()) miner.mine(tip, r.payload(), key, progress);
 * }</pre>
 */
public final class TrainingPayload {
    private TrainingPayload() {}

    /**
     * The payload and what happened to the input.
     *
     * @param payload the chosen bytes
     * @param kept chunks kept
     * @param dropped chunks dropped (seen before, repeated, or too repetitive)
     * @param truncated chunks left out because the payload was full
     * @param verdict the consensus check of the payload
     */
    public record Result(byte[] payload, int kept, int dropped, int truncated, Verdict verdict) {}

    /** All regular files under the given files or directories (recursively, by sorted path), concatenated. */
    public static byte[] readFiles(List<Path> paths) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(p)) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) out.writeBytes(Files.readAllBytes(f));
            } else {
                out.writeBytes(Files.readAllBytes(p));
            }
            if (out.size() > 1 << 30) throw new IOException("training input larger than 1 GiB");
        }
        return out.toByteArray();
    }

    /** Builds the payload from {@code raw} for a chain with parameters {@code p} and filter {@code bloom}. */
    public static Result build(byte[] raw, PotParams p, BloomFilter bloom) {
        return build(raw, p, bloom, p.chain().maxTrainingDataBytes());
    }

    /** As {@link #build(byte[], PotParams, BloomFilter)} with at most {@code maxBytes} (capped by the chain's limit). */
    public static Result build(byte[] raw, PotParams p, BloomFilter bloom, int maxBytes) {
        int cs = p.chunkSize();
        int limit = Math.min(maxBytes, p.chain().maxTrainingDataBytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Set<Hash256> seen = new HashSet<>();
        int kept = 0, dropped = 0, truncated = 0;
        List<byte[]> chunks = TrainingData.chunks(raw, cs);
        for (int i = 0; i < chunks.size(); i++) {
            byte[] c = chunks.get(i);
            if (c.length < cs && i + 1 < chunks.size()) throw new IllegalStateException("short chunk before the end");
            Hash256 h = Hash256.keccak256(c);
            boolean repetitive = c.length >= 4 && (long) TrainingData.distinct4grams(c) * 1000 < (long) p.minDistinctPermille() * (c.length - 3);
            if (bloom.mightContain(h) || seen.contains(h) || repetitive) {
                dropped++;
                continue;
            }
            if (out.size() + c.length > limit) {
                truncated++;
                continue;
            }
            // a short chunk may only end the payload, which it does here because it is the input's last
            seen.add(h);
            out.writeBytes(c);
            kept++;
        }
        byte[] payload = out.toByteArray();
        return new Result(payload, kept, dropped, truncated, TrainingData.check(payload, p, bloom));
    }
}
