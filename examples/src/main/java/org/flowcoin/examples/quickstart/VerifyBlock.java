package org.flowcoin.examples.quickstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.PotParams;
import org.flowcoin.primitives.ChainParams;

/**
 * The quickstart's program (docs/quickstart.md section 2): submits serialized blocks, in the order
 * given, to the regtest chain state in a directory (created from the embedded genesis if new) and
 * prints each outcome. A block file holds one block in its wire encoding ({@code Block.toByteArray()},
 * as peers send it and {@code ChainState.readBlock} returns it); give the files parent first, since a
 * block whose parent the chain does not have yet is an {@code ORPHAN} and is not stored.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=org.flowcoin.moe,com.github.luben.zstd_jni \
 *     -p examples/target/flow-examples.jar:examples/target/lib \
 *     -m org.flowcoin.examples/org.flowcoin.examples.quickstart.VerifyBlock CHAIN_DIR BLOCK_FILE...
 * </pre>
 */
public final class VerifyBlock {
    private VerifyBlock() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: VerifyBlock <chain dir> <block file>...");
            System.exit(2);
        }
        PotParams params = PotParams.forChain(ChainParams.regtest());
        // The clock is injected (HDR-7's "not too far in the future"); the directory records its network
        // and is locked while open (DataDirectoryException: WRONG_NETWORK, LOCKED, ...).
        try (ChainState chain = ChainState.open(Path.of(args[0]), params, Evaluators.best(4), InstantSource.system())) {
            for (int i = 1; i < args.length; i++) {
                ChainState.Result r = chain.submit(Files.readAllBytes(Path.of(args[i])));
                // CONNECTED: proof, both losses (recomputed bit for bit), delta, transactions all valid.
                // MUTATED: the body does not match the header's commitments; the hash is not judged.
                System.out.println(r.status() + " " + r.verdict() + " tip " + chain.tipHeight());
            }
        }
    }
}
