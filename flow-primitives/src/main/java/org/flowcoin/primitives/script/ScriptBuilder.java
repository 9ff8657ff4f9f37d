package org.flowcoin.primitives.script;

import java.io.ByteArrayOutputStream;

/**
 * Builds scripts with minimal pushes (the only pushes the interpreter accepts).
 *
 * <pre>{@code
 * Script s = new ScriptBuilder().number(500).op(Opcodes.OP_CHECKLOCKTIMEVERIFY).op(Opcodes.OP_DROP)
 *         .data(pubkey).op(Opcodes.OP_CHECKSIG).build();
 * }</pre>
 */
public final class ScriptBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ScriptBuilder op(int opcode) {
        out.write(opcode);
        return this;
    }

    /** The minimal push of {@code data} (OP_0, OP_1..OP_16, OP_1NEGATE, direct, PUSHDATA1/2). */
    public ScriptBuilder data(byte[] data) {
        int n = data.length;
        if (n == 0) return op(Opcodes.OP_0);
        if (n == 1 && data[0] >= 1 && data[0] <= 16) return op(Opcodes.OP_1 + data[0] - 1);
        if (n == 1 && (data[0] & 0xff) == 0x81) return op(Opcodes.OP_1NEGATE);
        if (n < Opcodes.OP_PUSHDATA1) {
            out.write(n);
        } else if (n <= 0xff) {
            out.write(Opcodes.OP_PUSHDATA1);
            out.write(n);
        } else if (n <= 0xffff) {
            out.write(Opcodes.OP_PUSHDATA2);
            out.write(n & 0xff);
            out.write(n >>> 8);
        } else {
            throw new IllegalArgumentException("push too large");
        }
        out.write(data, 0, n);
        return this;
    }

    /** The minimal push of a script number. */
    public ScriptBuilder number(long v) {
        return data(ScriptNum.encode(v));
    }

    public Script build() {
        return Script.wrap(out.toByteArray());
    }
}
