package org.flowcoin.channels.store;

import java.nio.file.Path;

/** Child process for {@link ChannelStoreKillTest}: commits state after state until it is killed. */
public final class CommitLoop {
    private CommitLoop() {}

    public static void main(String[] args) throws Exception {
        ChannelStore s = ChannelStore.open(Path.of(args[0]));
        while (true) {
            ChannelState cur = s.state();
            long n = cur.version() + 1;
            s.commit(new ChannelState(n, n, n, n, cur.toLocal(), cur.toRemote(), cur.revealed()));
        }
    }
}
