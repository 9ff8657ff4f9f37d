package org.flowcoin.net;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The commands this protocol version defines, each with the largest payload it may carry. Framing
 * checks a frame's length against {@link #maxPayload()} before it allocates anything for the payload.
 *
 * <pre>{@code
 * int max = Command.HEADERS.maxPayload(); // 3 + 2000 * 308
 * }</pre>
 */
public enum Command {
    VERSION("version", Limits.VERSION_MAX),
    VERACK("verack", 0),
    PING("ping", 8),
    PONG("pong", 8),
    GETADDR("getaddr", 0),
    ADDR("addr", 3 + Limits.MAX_ADDR * Limits.ADDR_ENTRY_SIZE),
    INV("inv", 3 + Limits.MAX_INV * Limits.INV_ITEM_SIZE),
    GETDATA("getdata", 3 + Limits.MAX_INV * Limits.INV_ITEM_SIZE),
    NOTFOUND("notfound", 3 + Limits.MAX_INV * Limits.INV_ITEM_SIZE),
    GETHEADERS("getheaders", 4 + 1 + Limits.MAX_LOCATOR * 32 + 32),
    HEADERS("headers", 3 + Limits.MAX_HEADERS * Limits.HEADER_SIZE),
    SENDHEADERS("sendheaders", 0),
    BLOCK("block", Limits.MAX_BLOCK_SIZE),
    TX("tx", Limits.MAX_TX_SIZE),
    CMPCTDELTA("cmpctdelta", Limits.HEADER_SIZE + 32 + 8 + 4 + 32),
    CKPTANN("ckptann", 8 + 32 + 32 + 8 + 4 + 32),
    GETCHUNK("getchunk", 4 + 32 + 4),
    CHUNK("chunk", 4 + 32 + 4 + 4 + 1 + Limits.MAX_CHUNK_DEPTH * 32 + 5 + Limits.CHUNK_SIZE);

    private static final Map<String, Command> BY_NAME = new HashMap<>();

    static {
        for (Command c : values()) BY_NAME.put(c.wireName, c);
    }

    private final String wireName;
    private final int maxPayload;

    Command(String wireName, int maxPayload) {
        this.wireName = wireName;
        this.maxPayload = maxPayload;
    }

    /** The ASCII name carried in the frame's 12-byte command field. */
    public String wireName() {
        return wireName;
    }

    /** The largest payload, in bytes, a frame of this command may carry. */
    public int maxPayload() {
        return maxPayload;
    }

    /** The command with this wire name, if the protocol defines one. */
    public static Optional<Command> byName(String wireName) {
        return Optional.ofNullable(BY_NAME.get(wireName));
    }

    /**
     * The largest payload a frame named {@code wireName} may carry: the command's own maximum, or
     * {@link Limits#MAX_UNKNOWN_PAYLOAD} for names this version does not define.
     */
    public static int maxPayloadFor(String wireName) {
        Command c = BY_NAME.get(wireName);
        return c == null ? Limits.MAX_UNKNOWN_PAYLOAD : c.maxPayload;
    }

    /** The 12-byte NUL-padded wire form of this command. */
    byte[] field() {
        byte[] f = new byte[Frame.COMMAND_SIZE];
        byte[] a = wireName.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(a, 0, f, 0, a.length);
        return f;
    }
}
