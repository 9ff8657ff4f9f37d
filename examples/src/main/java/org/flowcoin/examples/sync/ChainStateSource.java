package org.flowcoin.examples.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.flowcoin.net.message.ChunkedObject;
import org.flowcoin.net.message.RawHeader;
import org.flowcoin.net.peer.ChainSource;
import org.flowcoin.pot.ChainState;
import org.flowcoin.primitives.Hash256;

/**
 * Serves a verifier's {@link ChainState} to peers: headers and blocks of its best chain. Deltas
 * travel inside the blocks, so there are no separate delta objects to serve.
 *
 * <pre>{@code
 * PeerServer server = PeerServer.start(config, new ChainStateSource(chainState), new InetSocketAddress("127.0.0.1", 0));
 * }</pre>
 */
public final class ChainStateSource implements ChainSource {
    private final ChainState chain;

    public ChainStateSource(ChainState chain) {
        this.chain = Objects.requireNonNull(chain, "chain");
    }

    @Override
    public long height() {
        return chain.tipHeight();
    }

    @Override
    public List<RawHeader> headersAfter(List<Hash256> locator, Hash256 stop, int max) {
        List<Hash256> main = chain.mainChain();
        int start = 0;
        for (Hash256 h : locator) {
            int i = main.indexOf(h);
            if (i >= 0) {
                start = i + 1;
                break;
            }
        }
        List<RawHeader> out = new ArrayList<>();
        for (int i = start; i < main.size() && out.size() < max; i++) {
            out.add(RawHeader.of(chain.header(main.get(i)).orElseThrow()));
            if (!stop.equals(Hash256.ZERO) && main.get(i).equals(stop)) break;
        }
        return out;
    }

    @Override
    public Optional<byte[]> block(Hash256 blockHash) {
        if (!chain.contains(blockHash)) return Optional.empty();
        return Optional.of(chain.readBlock(blockHash).toByteArray());
    }

    @Override
    public Optional<RawHeader> headerOfDelta(Hash256 deltaHash) {
        return Optional.empty();
    }

    @Override
    public Optional<ChunkedObject> delta(Hash256 deltaHash) {
        return Optional.empty();
    }
}
