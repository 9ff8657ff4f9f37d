package org.flowcoin.net.peer;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.flowcoin.net.Command;
import org.flowcoin.net.Frame;
import org.flowcoin.net.FrameDecoder;
import org.flowcoin.net.NetDecodeException;
import org.flowcoin.net.message.Message;
import org.flowcoin.net.message.MessageCodec;
import org.flowcoin.net.message.NetAddress;
import org.flowcoin.net.message.VerackMessage;
import org.flowcoin.net.message.VersionMessage;
import org.flowcoin.net.transport.SecureChannel;

/**
 * One established connection: optional encrypted transport, the {@code version}/{@code verack}
 * handshake, and framed messages in both directions. Any decode error, more stray bytes than
 * {@link PeerConfig#maxGarbageBytes()}, or a read timeout ends the connection.
 *
 * <pre>{@code
 * try (Connection c = Connection.open(socket, config, false, myHeight)) {
 *     c.send(new PingMessage(1));
 *     Message m = c.receive();
 * }
 * }</pre>
 */
public final class Connection implements Closeable {
    private final Socket socket;
    private final PeerConfig config;
    private final InputStream in;
    private final OutputStream out;
    private final FrameDecoder decoder;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final byte[] readBuf = new byte[64 * 1024];
    private VersionMessage remoteVersion;
    private long bytesReceived;
    private long bytesSent;

    private Connection(Socket socket, PeerConfig config, InputStream in, OutputStream out) {
        this.socket = socket;
        this.config = config;
        this.in = in;
        this.out = out;
        this.decoder = new FrameDecoder(config.magic());
    }

    /**
     * Sets up the transport on a connected socket and runs the version handshake.
     *
     * @param initiator true on the connecting side (it sends first in the encrypted handshake)
     * @param startHeight the height advertised in {@code version}
     */
    public static Connection open(Socket socket, PeerConfig config, boolean initiator, long startHeight) throws IOException {
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.readTimeout().toMillis()));
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            if (config.encrypted()) {
                SecureChannel ch = initiator
                        ? SecureChannel.initiate(in, out, config.magic(), config.encryption(), new SecureRandom())
                        : SecureChannel.accept(in, out, config.magic(), config.encryption(), new SecureRandom());
                in = ch.input();
                out = ch.output();
            }
            Connection c = new Connection(socket, config, in, out);
            c.versionHandshake(startHeight);
            return c;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void versionHandshake(long startHeight) throws IOException {
        long nonce = ThreadLocalRandom.current().nextLong();
        NetAddress remote = NetAddress.of(0, socket.getInetAddress(), socket.getPort());
        send(new VersionMessage(VersionMessage.PROTOCOL_VERSION, config.services(), config.clock().instant().getEpochSecond(),
                remote, NetAddress.UNSPECIFIED, nonce, config.userAgent(), startHeight));
        boolean gotVerack = false;
        while (remoteVersion == null || !gotVerack) {
            Message m = receiveAny();
            if (m instanceof VersionMessage v && remoteVersion == null) {
                if (v.nonce() == nonce) throw misbehaved(PeerMisbehaviourException.Reason.SELF_CONNECTION, "own nonce");
                remoteVersion = v;
                send(new VerackMessage());
            } else if (m instanceof VerackMessage && !gotVerack) {
                gotVerack = true;
            } else {
                throw misbehaved(PeerMisbehaviourException.Reason.UNEXPECTED_MESSAGE, m.command().wireName() + " during the handshake");
            }
        }
    }

    /** The peer's {@code version}. */
    public VersionMessage remoteVersion() {
        return remoteVersion;
    }

    /** Frames and sends one message (thread-safe). */
    public void send(Message m) throws IOException {
        byte[] f = MessageCodec.encode(config.magic(), m);
        sendLock.lock();
        try {
            out.write(f);
            out.flush();
            bytesSent += f.length;
        } finally {
            sendLock.unlock();
        }
    }

    /** The next message of a command this version defines; frames of unknown commands are skipped. */
    public Message receive() throws IOException {
        return receiveAny();
    }

    private Message receiveAny() throws IOException {
        while (true) {
            Frame f;
            try {
                f = decoder.next();
            } catch (NetDecodeException e) {
                throw misbehaved(PeerMisbehaviourException.Reason.MALFORMED_MESSAGE, e.getMessage(), e);
            }
            if (decoder.discardedBytes() > config.maxGarbageBytes()) {
                throw misbehaved(PeerMisbehaviourException.Reason.GARBAGE, decoder.discardedBytes() + " stray bytes");
            }
            if (f != null) {
                if (Command.byName(f.command()).isEmpty()) continue; // a later version's message
                try {
                    return MessageCodec.decode(f);
                } catch (NetDecodeException e) {
                    throw misbehaved(PeerMisbehaviourException.Reason.MALFORMED_MESSAGE, e.getMessage(), e);
                }
            }
            int n = in.read(readBuf);
            if (n < 0) throw new EOFException("peer closed the connection");
            bytesReceived += n;
            decoder.feed(readBuf, 0, n);
        }
    }

    private PeerMisbehaviourException misbehaved(PeerMisbehaviourException.Reason r, String msg) {
        return misbehaved(r, msg, null);
    }

    private PeerMisbehaviourException misbehaved(PeerMisbehaviourException.Reason r, String msg, Throwable cause) {
        close();
        return new PeerMisbehaviourException(r, msg, cause);
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    @Override
    public String toString() {
        return "Connection[" + socket.getRemoteSocketAddress() + (config.encrypted() ? ", encrypted" : "") + "]";
    }
}
