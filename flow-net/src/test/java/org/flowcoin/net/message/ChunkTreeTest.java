package org.flowcoin.net.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.flowcoin.net.Limits;
import org.flowcoin.net.Samples;
import org.flowcoin.primitives.Hash256;
import org.junit.jupiter.api.Test;

class ChunkTreeTest {
    static Hash256 bcKeccak(byte prefix, byte[]... parts) {
        KeccakDigest d = new KeccakDigest(256);
        d.update(prefix);
        for (byte[] p : parts) d.update(p, 0, p.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return Hash256.of(out);
    }

    @Test
    void rootOfThreeLeavesMatchesHandComputation() {
        byte[] a = {1}, b = {2, 2}, c = {3, 3, 3};
        Hash256 la = bcKeccak((byte) 0, a), lb = bcKeccak((byte) 0, b), lc = bcKeccak((byte) 0, c);
        assertThat(ChunkTree.leaf(a)).isEqualTo(la);
        Hash256 ab = bcKeccak((byte) 1, la.toByteArray(), lb.toByteArray());
        // odd node promoted unchanged
        Hash256 root = bcKeccak((byte) 1, ab.toByteArray(), lc.toByteArray());
        assertThat(ChunkTree.root(List.of(la, lb, lc))).isEqualTo(root);
        assertThat(ChunkTree.root(List.of(la))).isEqualTo(la);
    }

    @Test
    void everyBranchVerifiesAndNoWrongOneDoes() {
        for (int n = 1; n <= 17; n++) {
            List<Hash256> leaves = new ArrayList<>();
            for (int i = 0; i < n; i++) leaves.add(Samples.hash(i * 3 + n));
            Hash256 root = ChunkTree.root(leaves);
            for (int i = 0; i < n; i++) {
                List<Hash256> br = ChunkTree.branch(leaves, i);
                assertThat(br).hasSize(ChunkTree.branchLength(i, n));
                assertThat(ChunkTree.rootFromBranch(leaves.get(i), i, n, br)).isEqualTo(root);
                // another leaf at this position fails
                assertThat(ChunkTree.rootFromBranch(Samples.hash(200), i, n, br)).isNotEqualTo(root);
                // the right leaf claimed at a different position fails (or does not fit)
                for (int j = 0; j < n; j++) {
                    if (j == i || ChunkTree.branchLength(j, n) != br.size()) continue;
                    assertThat(ChunkTree.rootFromBranch(leaves.get(i), j, n, br)).isNotEqualTo(root);
                }
            }
        }
        assertThat(ChunkTree.branchLength(0, Limits.MAX_CHUNKS)).isEqualTo(Limits.MAX_CHUNK_DEPTH);
        assertThatThrownBy(() -> ChunkTree.rootFromBranch(Samples.hash(1), 0, 2, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chunkedObjectServesVerifiableChunks() {
        byte[] data = Samples.pattern(2 * Limits.CHUNK_SIZE + 12345, 5);
        ChunkedObject obj = ChunkedObject.of(InvType.DELTA, data);
        ChunkedObjectInfo info = obj.info();
        assertThat(info.chunkCount()).isEqualTo(3);
        assertThat(info.size()).isEqualTo(data.length);
        assertThat(info.hash()).isEqualTo(bcKeccak256(data));
        for (int i = 0; i < 3; i++) {
            ChunkMessage c = obj.chunk(i);
            assertThat(c.verify(info)).isTrue();
            // tampered bytes fail
            byte[] d = c.data();
            d[d.length / 2] ^= 0x40;
            ChunkMessage bad = ChunkMessage.of(c.type(), c.objectHash(), c.index(), c.total(), c.branch(), d);
            assertThat(bad.verify(info)).isFalse();
        }
        assertThat(obj.chunk(2).dataLength()).isEqualTo(12345);
        // a chunk of another object with the same position fails
        ChunkedObject other = ChunkedObject.of(InvType.DELTA, Samples.pattern(data.length, 6));
        assertThat(other.chunk(1).verify(info)).isFalse();
        // a checkpoint with the same bytes is not the delta
        assertThat(ChunkedObject.of(InvType.CHECKPOINT, data).chunk(0).verify(info)).isFalse();
    }

    static Hash256 bcKeccak256(byte[] data) {
        KeccakDigest d = new KeccakDigest(256);
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return Hash256.of(out);
    }
}
