package org.flowcoin.examples.sync;

import java.time.InstantSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.net.NetworkMagic;
import org.flowcoin.net.peer.PeerConfig;
import org.flowcoin.net.peer.PeerServer;
import org.flowcoin.net.peer.SyncClient;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.PotParams;
import org.flowcoin.primitives.ChainParams;

/**
 * P2P sync client: serves the chain in one data directory on a local port and syncs a second,
 * fresh chain state from it over the wire protocol, validating every block on arrival.
 *
 * <pre>
 * java ... org.flowcoin.examples.sync.SyncExample ~/.flowcoin/demo-regtest/node /tmp/synced
 * </pre>
 */
public final class SyncExample {
    private SyncExample() {}

    /** What a sync did, and the two tips. */
    public record Outcome(SyncClient.Result result, long sourceHeight, long targetHeight, boolean sameTip) {}

    public static Outcome sync(Path sourceDir, Path targetDir, ChainParams params, int threads) throws IOException {
        PotParams pot = PotParams.forChain(params);
        PeerConfig config = PeerConfig.of(NetworkMagic.of(params), InstantSource.system());
        try (ChainState source = ChainState.open(sourceDir, pot, Evaluators.best(threads), InstantSource.system());
             PeerServer server = PeerServer.start(config, new ChainStateSource(source), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             ChainState target = ChainState.open(targetDir, pot, Evaluators.best(threads), InstantSource.system())) {
            SyncClient.Result r = new SyncClient(config, new ChainStateSink(target))
                    .sync(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            return new Outcome(r, source.tipHeight(), target.tipHeight(), source.tipHash().equals(target.tipHash()));
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SyncExample <source chain dir> <target chain dir>");
            System.exit(2);
        }
        Outcome o = sync(Path.of(args[0]), Path.of(args[1]), ChainParams.regtest(), Runtime.getRuntime().availableProcessors());
        System.out.printf("synced %d headers, %d blocks (%d bytes); target height %d of %d, same tip: %s%n", o.result().headers(),
                o.result().blocks(), o.result().bytesReceived(), o.targetHeight(), o.sourceHeight(), o.sameTip());
    }
}
