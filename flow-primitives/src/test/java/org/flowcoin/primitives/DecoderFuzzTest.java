package org.flowcoin.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.flowcoin.primitives.block.Block;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.block.Genesis;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.ScriptException;
import org.flowcoin.primitives.script.ScriptInterpreter;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated inputs for every decoder: the only failure allowed is {@link DecodeException}
 * (or {@link ScriptException} for the interpreter), and whatever decodes re-encodes to the same
 * bytes (encodings are canonical). Iterations per decoder: system property
 * {@code flow.fuzz.iterations} (CI default in the parent POM); long run:
 * {@code ./mvnw -B -o test -pl flow-primitives -Dtest=DecoderFuzzTest -Dflow.fuzz.iterations=5000000}.
 */
class DecoderFuzzTest {
    private static final int N = Integer.getInteger("flow.fuzz.iterations", 20_000);
    private static final ChainParams REG = ChainParams.regtest();

    private static byte[] mutate(byte[] seed, SplittableRandom r) {
        byte[] b = seed.clone();
        int kind = r.nextInt(6);
        switch (kind) {
            case 0 -> { // flip bits
                int flips = 1 + r.nextInt(4);
                for (int i = 0; i < flips && b.length > 0; i++) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            }
            case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1)); // truncate
            case 2 -> { // insert random bytes
                int at = r.nextInt(b.length + 1), n = 1 + r.nextInt(9);
                byte[] x = new byte[b.length + n];
                System.arraycopy(b, 0, x, 0, at);
                for (int i = 0; i < n; i++) x[at + i] = (byte) r.nextInt(256);
                System.arraycopy(b, at, x, at + n, b.length - at);
                b = x;
            }
            case 3 -> { // delete a range
                if (b.length > 0) {
                    int at = r.nextInt(b.length), n = 1 + r.nextInt(Math.min(16, b.length - at));
                    byte[] x = new byte[b.length - n];
                    System.arraycopy(b, 0, x, 0, at);
                    System.arraycopy(b, at + n, x, at, b.length - at - n);
                    b = x;
                }
            }
            case 4 -> { // plant a large or non-minimal CompactSize
                if (b.length > 9) {
                    int at = r.nextInt(b.length - 9);
                    byte[][] forms = {{(byte) 0xfd, (byte) 0xff, (byte) 0xff}, {(byte) 0xfe, 0, 0, 0, 2}, {(byte) 0xff, 1, 1, 1, 1, 1, 1, 1, 1},
                        {(byte) 0xfd, 1, 0}, {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}};
                    byte[] f = forms[r.nextInt(forms.length)];
                    System.arraycopy(f, 0, b, at, f.length);
                }
            }
            default -> { // overwrite a 4-byte word with an extreme value
                if (b.length >= 4) {
                    int at = r.nextInt(b.length - 3);
                    int v = new int[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1}[r.nextInt(5)];
                    for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (8 * i));
                }
            }
        }
        return b;
    }

    private static byte[] random(SplittableRandom r, int max) {
        byte[] b = new byte[r.nextInt(max + 1)];
        for (int i = 0; i < b.length; i++) b[i] = (byte) r.nextInt(256);
        return b;
    }

    private static <T> int fuzz(String what, List<byte[]> seeds, Function<byte[], T> decode, Function<T, byte[]> encode, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int decoded = 0;
        for (int i = 0; i < N; i++) {
            byte[] in = r.nextInt(4) == 0 ? random(r, 600) : mutate(seeds.get(r.nextInt(seeds.size())), r);
            try {
                T v = decode.apply(in);
                decoded++;
                if (!Arrays.equals(encode.apply(v), in)) fail(what + " re-encodes differently: " + HexFormat.of().formatHex(in));
            } catch (DecodeException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (Throwable t) {
                throw new AssertionError(what + " threw " + t + " for " + HexFormat.of().formatHex(in), t);
            }
        }
        return decoded;
    }

    @Test
    void compactSize() {
        List<byte[]> seeds = List.of(new byte[] {5}, new byte[] {(byte) 0xfd, 0, 1}, new byte[] {(byte) 0xfe, 0, 0, 1, 0});
        fuzz("CompactSize", seeds, b -> {
            ByteBuffer buf = ByteBuffer.wrap(b);
            int v = CompactSize.read(buf, "n", CompactSize.MAX);
            if (buf.hasRemaining()) throw DecodeException.of("n", "trailing");
            return v;
        }, v -> {
            ByteBuffer out = ByteBuffer.allocate(9);
            CompactSize.write(out, v);
            return Arrays.copyOf(out.array(), out.position());
        }, 1);
    }

    @Test
    void transactions() {
        List<byte[]> seeds = List.of(TestVectors.coinbase().toByteArray(), TestVectors.p2khSpend(REG).toByteArray(),
                TestVectors.multisigSpend(REG).toByteArray(), TestVectors.timelockSpend(REG).toByteArray());
        int ok = fuzz("Transaction", seeds, Transaction::fromBytes, Transaction::toByteArray, 2);
        assertThat(ok).isPositive();
    }

    @Test
    void headers() {
        List<byte[]> seeds = List.of(TestVectors.header().toByteArray(), Genesis.block(REG).header().toByteArray());
        int ok = fuzz("BlockHeader", seeds, BlockHeader::fromBytes, BlockHeader::toByteArray, 3);
        assertThat(ok).isPositive();
    }

    @Test
    void blocks() {
        List<byte[]> seeds = List.of(Genesis.block(REG).toByteArray(), Genesis.block(ChainParams.mainnet()).toByteArray(),
                org.flowcoin.primitives.block.BlockTest.block(List.of(TestVectors.p2khSpend(REG), TestVectors.multisigSpend(REG)),
                        new byte[] {1, 2, 3, 4}, TestVectors.ascii("training data")).toByteArray());
        int ok = fuzz("Block", seeds, b -> Block.fromBytes(b, REG), Block::toByteArray, 4);
        assertThat(ok).isPositive();
    }

    @Test
    void scripts() {
        Transaction tx = TestVectors.p2khSpend(REG);
        var ctx = new ScriptInterpreter.Context(tx, 0, TestVectors.FUNDING_VALUE, new SigHash(tx, REG), ScriptInterpreter.immediateChecker());
        List<byte[]> seeds = List.of(TestVectors.multisigScript().toByteArray(), TestVectors.cltvScript().toByteArray(),
                Script.fromHex("51635267536851936976a97c87").toByteArray());
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < N; i++) {
            byte[] s = r.nextBoolean() ? random(r, 200) : mutate(seeds.get(r.nextInt(seeds.size())), r);
            try {
                ScriptInterpreter.verifyInput(Script.of(s), tx.witness(0), ctx);
            } catch (ScriptException expected) {
                assertThat(expected.error()).isNotNull();
            } catch (Throwable t) {
                throw new AssertionError("script " + HexFormat.of().formatHex(s) + " threw " + t, t);
            }
        }
    }
}
