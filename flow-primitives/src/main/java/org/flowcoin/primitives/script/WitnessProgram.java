package org.flowcoin.primitives.script;

import java.util.Arrays;
import java.util.Optional;

/**
 * A witness-program locking script: a version opcode (OP_0, OP_1..OP_16) followed by one direct
 * push of 2..40 bytes and nothing else. v0 = key-hash (20 bytes), v1 = script-hash (32 bytes).
 *
 * <pre>{@code
 * WitnessProgram.parse(output.script()).ifPresent(p -> System.out.println(p.version()));
 * }</pre>
 */
public record WitnessProgram(int version, byte[] program) {
    public WitnessProgram {
        if (version < 0 || version > 16) throw new IllegalArgumentException("witness version 0..16");
        if (program.length < 2 || program.length > 40) throw new IllegalArgumentException("program 2..40 bytes");
        program = program.clone();
    }

    @Override
    public byte[] program() {
        return program.clone();
    }

    public static Optional<WitnessProgram> parse(Script s) {
        int n = s.size();
        if (n < 4 || n > 42) return Optional.empty();
        int v = s.byteAt(0);
        if (v != Opcodes.OP_0 && (v < Opcodes.OP_1 || v > Opcodes.OP_16)) return Optional.empty();
        if (s.byteAt(1) != n - 2) return Optional.empty();
        int version = v == Opcodes.OP_0 ? 0 : v - Opcodes.OP_1 + 1;
        return Optional.of(new WitnessProgram(version, Arrays.copyOfRange(s.raw(), 2, n)));
    }

    public Script toScript() {
        byte[] b = new byte[2 + program.length];
        b[0] = (byte) (version == 0 ? Opcodes.OP_0 : Opcodes.OP_1 + version - 1);
        b[1] = (byte) program.length;
        System.arraycopy(program, 0, b, 2, program.length);
        return Script.wrap(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WitnessProgram w && w.version == version && Arrays.equals(w.program, program);
    }

    @Override
    public int hashCode() {
        return 31 * version + Arrays.hashCode(program);
    }

    @Override
    public String toString() {
        return "WitnessProgram[v" + version + ", " + java.util.HexFormat.of().formatHex(program) + "]";
    }
}
