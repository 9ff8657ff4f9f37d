package org.flowcoin.primitives.script;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A script: raw bytes, immutable. Parsing and execution happen in {@link ScriptInterpreter}; this
 * type only carries the bytes (a locking script need not parse to be stored in an output).
 *
 * <pre>{@code
 * Script lock = Templates.payToKeyHash(pubkey);
 * byte[] raw = lock.toByteArray();
 * }</pre>
 */
public final class Script {
    /** Largest script the interpreter executes, and the largest script an output may hold. */
    public static final int MAX_SIZE = 10_000;
    public static final Script EMPTY = new Script(new byte[0]);

    private final byte[] bytes;

    private Script(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Script of(byte[] bytes) {
        return new Script(bytes.clone());
    }

    /** Parses hex; invalid hex is a {@link org.flowcoin.primitives.DecodeException}. */
    public static Script fromHex(String hex) {
        try {
            return new Script(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw org.flowcoin.primitives.DecodeException.of("script", "invalid hex");
        }
    }

    /** Takes ownership of {@code bytes} (callers in this module only pass fresh arrays). */
    static Script wrap(byte[] bytes) {
        return new Script(bytes);
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public int byteAt(int i) {
        return bytes[i] & 0xff;
    }

    byte[] raw() {
        return bytes;
    }

    /** Copies the bytes into {@code dst} at {@code off}. */
    public void copyTo(byte[] dst, int off) {
        System.arraycopy(bytes, 0, dst, off, bytes.length);
    }

    /** True for an {@code OP_RETURN}-led script: provably unspendable. */
    public boolean isUnspendable() {
        return bytes.length > 0 && (bytes[0] & 0xff) == Opcodes.OP_RETURN;
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** Human-readable assembly, e.g. {@code OP_0 <20 bytes hex>}; unparsable tails print as [error]. */
    public String toAsm() {
        return Opcodes.disassemble(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Script s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
