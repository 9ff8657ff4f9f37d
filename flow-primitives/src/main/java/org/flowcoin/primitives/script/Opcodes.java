package org.flowcoin.primitives.script;

import java.util.HexFormat;

/**
 * Opcode values of the script subset (Bitcoin's numbering; the hash opcodes take the slots of
 * SHA256/HASH160/HASH256). Anything not listed here is invalid wherever it appears.
 *
 * <pre>{@code
 * Script s = new ScriptBuilder().op(Opcodes.OP_DUP).op(Opcodes.OP_KECCAK160).build();
 * }</pre>
 */
public final class Opcodes {
    private Opcodes() {}

    public static final int OP_0 = 0x00;
    public static final int OP_PUSHDATA1 = 0x4c;
    public static final int OP_PUSHDATA2 = 0x4d;
    public static final int OP_PUSHDATA4 = 0x4e;
    public static final int OP_1NEGATE = 0x4f;
    public static final int OP_1 = 0x51;
    public static final int OP_16 = 0x60;
    public static final int OP_NOP = 0x61;
    public static final int OP_IF = 0x63;
    public static final int OP_NOTIF = 0x64;
    public static final int OP_ELSE = 0x67;
    public static final int OP_ENDIF = 0x68;
    public static final int OP_VERIFY = 0x69;
    public static final int OP_RETURN = 0x6a;
    public static final int OP_TOALTSTACK = 0x6b;
    public static final int OP_FROMALTSTACK = 0x6c;
    public static final int OP_2DROP = 0x6d;
    public static final int OP_2DUP = 0x6e;
    public static final int OP_3DUP = 0x6f;
    public static final int OP_2OVER = 0x70;
    public static final int OP_2ROT = 0x71;
    public static final int OP_2SWAP = 0x72;
    public static final int OP_IFDUP = 0x73;
    public static final int OP_DEPTH = 0x74;
    public static final int OP_DROP = 0x75;
    public static final int OP_DUP = 0x76;
    public static final int OP_NIP = 0x77;
    public static final int OP_OVER = 0x78;
    public static final int OP_PICK = 0x79;
    public static final int OP_ROLL = 0x7a;
    public static final int OP_ROT = 0x7b;
    public static final int OP_SWAP = 0x7c;
    public static final int OP_TUCK = 0x7d;
    public static final int OP_SIZE = 0x82;
    public static final int OP_EQUAL = 0x87;
    public static final int OP_EQUALVERIFY = 0x88;
    public static final int OP_1ADD = 0x8b;
    public static final int OP_1SUB = 0x8c;
    public static final int OP_NEGATE = 0x8f;
    public static final int OP_ABS = 0x90;
    public static final int OP_NOT = 0x91;
    public static final int OP_0NOTEQUAL = 0x92;
    public static final int OP_ADD = 0x93;
    public static final int OP_SUB = 0x94;
    public static final int OP_BOOLAND = 0x9a;
    public static final int OP_BOOLOR = 0x9b;
    public static final int OP_NUMEQUAL = 0x9c;
    public static final int OP_NUMEQUALVERIFY = 0x9d;
    public static final int OP_NUMNOTEQUAL = 0x9e;
    public static final int OP_LESSTHAN = 0x9f;
    public static final int OP_GREATERTHAN = 0xa0;
    public static final int OP_LESSTHANOREQUAL = 0xa1;
    public static final int OP_GREATERTHANOREQUAL = 0xa2;
    public static final int OP_MIN = 0xa3;
    public static final int OP_MAX = 0xa4;
    public static final int OP_WITHIN = 0xa5;
    /** Keccak-256 of the top item. */
    public static final int OP_KECCAK256 = 0xa8;
    /** First 20 bytes of Keccak-256d of the top item (the key-hash). */
    public static final int OP_KECCAK160 = 0xa9;
    /** Keccak-256d of the top item. */
    public static final int OP_KECCAK256D = 0xaa;
    public static final int OP_CHECKSIG = 0xac;
    public static final int OP_CHECKSIGVERIFY = 0xad;
    public static final int OP_CHECKMULTISIG = 0xae;
    public static final int OP_CHECKMULTISIGVERIFY = 0xaf;
    public static final int OP_CHECKLOCKTIMEVERIFY = 0xb1;
    public static final int OP_CHECKSEQUENCEVERIFY = 0xb2;

    private static final String[] NAMES = new String[256];

    static {
        for (var f : Opcodes.class.getFields()) {
            if (f.getType() == int.class && f.getName().startsWith("OP_")) {
                try {
                    NAMES[f.getInt(null)] = f.getName();
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        for (int i = 2; i <= 15; i++) NAMES[OP_1 + i - 1] = "OP_" + i;
    }

    /** True for the opcodes the interpreter knows (pushes included). */
    public static boolean isDefined(int op) {
        return op <= OP_PUSHDATA4 || NAMES[op] != null;
    }

    /** The opcode's name, or {@code OP_UNKNOWN_xx}. */
    public static String name(int op) {
        if (op > 0 && op < OP_PUSHDATA1) return "PUSH_" + op;
        String n = NAMES[op & 0xff];
        return n != null ? n : String.format("OP_UNKNOWN_%02x", op & 0xff);
    }

    static String disassemble(byte[] s) {
        StringBuilder sb = new StringBuilder();
        int pc = 0;
        while (pc < s.length) {
            if (sb.length() > 0) sb.append(' ');
            int op = s[pc++] & 0xff;
            int len = -1;
            if (op > 0 && op < OP_PUSHDATA1) {
                len = op;
            } else if (op == OP_PUSHDATA1 && pc + 1 <= s.length) {
                len = s[pc++] & 0xff;
            } else if (op == OP_PUSHDATA2 && pc + 2 <= s.length) {
                len = (s[pc] & 0xff) | (s[pc + 1] & 0xff) << 8;
                pc += 2;
            } else if (op == OP_PUSHDATA4 && pc + 4 <= s.length) {
                long l = (s[pc] & 0xffL) | (s[pc + 1] & 0xffL) << 8 | (s[pc + 2] & 0xffL) << 16 | (s[pc + 3] & 0xffL) << 24;
                pc += 4;
                len = (int) Math.min(l, Integer.MAX_VALUE);
            } else if (op >= OP_PUSHDATA1 && op <= OP_PUSHDATA4) {
                return sb.append("[error]").toString();
            }
            if (len >= 0) {
                if (len > s.length - pc) return sb.append("[error]").toString();
                sb.append('<').append(HexFormat.of().formatHex(s, pc, pc + len)).append('>');
                pc += len;
            } else {
                sb.append(name(op));
            }
        }
        return sb.toString();
    }
}
