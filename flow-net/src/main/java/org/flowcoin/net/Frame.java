package org.flowcoin.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.flowcoin.crypto.Keccak;

/**
 * One wire frame: magic (4), command (12, NUL-padded ASCII), payload length (u32 LE), checksum (the
 * first 4 bytes of Keccak-256d(payload)), payload. Immutable; the payload is copied in and out.
 *
 * <pre>{@code
 * Frame f = Frame.of(magic, "ping", payloadBytes);
 * ByteBuffer out = ByteBuffer.allocate(f.serializedSize());
 * f.write(out);
 * Frame back = Frame.read(out.flip(), magic);
 * }</pre>
 */
public final class Frame {
    /** Size of the command field. */
    public static final int COMMAND_SIZE = 12;
    /** Size of the checksum field. */
    public static final int CHECKSUM_SIZE = 4;
    /** Size of the frame header: magic, command, length, checksum. */
    public static final int HEADER_SIZE = NetworkMagic.SIZE + COMMAND_SIZE + 4 + CHECKSUM_SIZE;

    private final NetworkMagic magic;
    private final String command;
    private final byte[] payload;

    private Frame(NetworkMagic magic, String command, byte[] payload) {
        this.magic = magic;
        this.command = command;
        this.payload = payload;
    }

    /**
     * A frame carrying a copy of {@code payload}.
     *
     * @throws IllegalArgumentException if the command is not 1-12 printable ASCII characters, or the
     *     payload exceeds the command's maximum
     */
    public static Frame of(NetworkMagic magic, String command, byte[] payload) {
        Objects.requireNonNull(magic, "magic");
        Objects.requireNonNull(command, "command");
        if (!isValidCommandName(command)) throw new IllegalArgumentException("bad command name");
        if (payload.length > Command.maxPayloadFor(command)) {
            throw new IllegalArgumentException("payload exceeds the maximum of " + command);
        }
        return new Frame(magic, command, payload.clone());
    }

    /** Takes ownership of {@code payload} (internal: already-validated decoder and codec output). */
    static Frame wrap(NetworkMagic magic, String command, byte[] payload) {
        return new Frame(magic, command, payload);
    }

    public NetworkMagic magic() {
        return magic;
    }

    public String command() {
        return command;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    /** A read-only view of the payload, positioned at its start. */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The frame checksum of {@code payload}: the first 4 bytes of Keccak-256d(payload). */
    public static byte[] checksum(byte[] payload, int off, int len) {
        return Arrays.copyOf(Keccak.keccak256d(payload, off, len), CHECKSUM_SIZE);
    }

    public int serializedSize() {
        return HEADER_SIZE + payload.length;
    }

    /** Writes the whole frame at the buffer's position. */
    public void write(ByteBuffer out) {
        out.put(magic.toByteArray());
        byte[] cmd = new byte[COMMAND_SIZE];
        byte[] a = command.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(a, 0, cmd, 0, a.length);
        out.put(cmd);
        out.put((byte) payload.length).put((byte) (payload.length >>> 8))
                .put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 24));
        out.put(checksum(payload, 0, payload.length));
        out.put(payload);
    }

    /** The serialized frame. */
    public byte[] toByteArray() {
        ByteBuffer b = ByteBuffer.allocate(serializedSize());
        write(b);
        return b.array();
    }

    /**
     * Reads exactly one frame at the buffer's position, with no resynchronisation: the magic must be
     * there. Consumes the frame on success.
     */
    public static Frame read(ByteBuffer in, NetworkMagic magic) throws NetDecodeException {
        if (in.remaining() < HEADER_SIZE) throw new NetDecodeException(NetDecodeException.Reason.TRUNCATED, "frame header");
        byte[] header = new byte[HEADER_SIZE];
        in.get(in.position(), header);
        if (!magic.matches(header, 0)) throw new NetDecodeException(NetDecodeException.Reason.BAD_MAGIC, "magic");
        String command = parseCommand(header, NetworkMagic.SIZE);
        int len = checkedLength(header, command);
        if (in.remaining() - HEADER_SIZE < len) throw new NetDecodeException(NetDecodeException.Reason.TRUNCATED, "payload");
        byte[] payload = new byte[len];
        in.get(in.position() + HEADER_SIZE, payload);
        verifyChecksum(header, payload, 0, len);
        in.position(in.position() + HEADER_SIZE + len);
        return new Frame(magic, command, payload);
    }

    /** True if {@code s} is 1-12 printable ASCII characters without spaces (0x21-0x7e). */
    public static boolean isValidCommandName(String s) {
        if (s.isEmpty() || s.length() > COMMAND_SIZE) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) return false;
        }
        return true;
    }

    /** Parses the 12-byte command field at {@code off}, rejecting non-canonical padding. */
    static String parseCommand(byte[] buf, int off) throws NetDecodeException {
        int n = 0;
        while (n < COMMAND_SIZE && buf[off + n] != 0) {
            int c = buf[off + n] & 0xff;
            if (c < 0x21 || c > 0x7e) {
                throw new NetDecodeException(NetDecodeException.Reason.BAD_COMMAND, "command byte 0x" + Integer.toHexString(c));
            }
            n++;
        }
        if (n == 0) throw new NetDecodeException(NetDecodeException.Reason.BAD_COMMAND, "empty command");
        for (int i = n; i < COMMAND_SIZE; i++) {
            if (buf[off + i] != 0) throw new NetDecodeException(NetDecodeException.Reason.BAD_COMMAND, "non-NUL byte after the command's end");
        }
        return new String(buf, off, n, StandardCharsets.US_ASCII);
    }

    /** Reads the length field of a header and checks it against the global and per-command maxima. */
    static int checkedLength(byte[] header, String command) throws NetDecodeException {
        int o = NetworkMagic.SIZE + COMMAND_SIZE;
        long len = (header[o] & 0xffL) | (header[o + 1] & 0xffL) << 8 | (header[o + 2] & 0xffL) << 16 | (header[o + 3] & 0xffL) << 24;
        if (len > Limits.MAX_PAYLOAD) {
            throw new NetDecodeException(NetDecodeException.Reason.OVERSIZED, "payload length " + len + " exceeds the global maximum");
        }
        if (len > Command.maxPayloadFor(command)) {
            throw new NetDecodeException(NetDecodeException.Reason.OVERSIZED, "payload length " + len + " exceeds the maximum of " + command);
        }
        return (int) len;
    }

    static void verifyChecksum(byte[] header, byte[] payload, int off, int len) throws NetDecodeException {
        byte[] sum = checksum(payload, off, len);
        int o = HEADER_SIZE - CHECKSUM_SIZE;
        for (int i = 0; i < CHECKSUM_SIZE; i++) {
            if (header[o + i] != sum[i]) throw new NetDecodeException(NetDecodeException.Reason.BAD_CHECKSUM, "checksum mismatch");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && magic.equals(f.magic) && command.equals(f.command) && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(magic, command, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        String p = payload.length <= 32 ? HexFormat.of().formatHex(payload) : payload.length + " bytes";
        return "Frame[" + command + ", " + p + "]";
    }
}
