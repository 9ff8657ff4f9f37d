package org.flowcoin.net.peer;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import org.flowcoin.net.NetworkMagic;
import org.flowcoin.net.message.Services;
import org.flowcoin.net.transport.SecureChannel;

/**
 * Settings of a peer: network magic, advertised services and user agent, whether to run the encrypted
 * transport (and with which identities), the read timeout, how many stray bytes between frames are
 * tolerated before the remote is disconnected, and the clock whose time the handshake announces
 * (the library reads no clock of its own).
 *
 * <pre>{@code
 * PeerConfig cfg = PeerConfig.of(NetworkMagic.of(ChainParams.regtest()), InstantSource.system());
 * PeerConfig secure = cfg.withEncryption(SecureChannel.Options.anonymous());
 * }</pre>
 */
public record PeerConfig(NetworkMagic magic, long services, String userAgent, SecureChannel.Options encryption,
                         Duration readTimeout, int maxGarbageBytes, InstantSource clock) {
    /** The default user agent. */
    public static final String USER_AGENT = "/flowcoin-sdk:0.1.0/";

    public PeerConfig {
        Objects.requireNonNull(magic, "magic");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(clock, "clock");
        if (maxGarbageBytes < 0) throw new IllegalArgumentException("maxGarbageBytes < 0");
    }

    /** Plain transport, NODE_NETWORK | NODE_CHECKPOINTS, 30 s read timeout, 64 stray bytes tolerated. */
    public static PeerConfig of(NetworkMagic magic, InstantSource clock) {
        return new PeerConfig(magic, Services.NODE_NETWORK | Services.NODE_CHECKPOINTS, USER_AGENT, null, Duration.ofSeconds(30), 64, clock);
    }

    /** The same settings with the encrypted transport. */
    public PeerConfig withEncryption(SecureChannel.Options options) {
        return new PeerConfig(magic, services, userAgent, Objects.requireNonNull(options), readTimeout, maxGarbageBytes, clock);
    }

    /** The same settings with another read timeout. */
    public PeerConfig withReadTimeout(Duration timeout) {
        return new PeerConfig(magic, services, userAgent, encryption, timeout, maxGarbageBytes, clock);
    }

    /** True if connections run the encrypted transport. */
    public boolean encrypted() {
        return encryption != null;
    }
}
