package org.flowcoin.primitives.script;

/**
 * Script numbers: little-endian sign-magnitude, minimal encoding required (Bitcoin's CScriptNum with
 * MINIMALDATA always on).
 *
 * <pre>{@code
 * byte[] enc = ScriptNum.encode(-5);     // {0x85}
 * long v = ScriptNum.decode(enc, 4);     // -5
 * }</pre>
 */
public final class ScriptNum {
    private ScriptNum() {}

    public static byte[] encode(long v) {
        if (v == 0) return new byte[0];
        boolean neg = v < 0;
        long abs = Math.abs(v);
        byte[] tmp = new byte[9];
        int n = 0;
        while (abs != 0) {
            tmp[n++] = (byte) (abs & 0xff);
            abs >>>= 8;
        }
        if ((tmp[n - 1] & 0x80) != 0) {
            tmp[n++] = (byte) (neg ? 0x80 : 0);
        } else if (neg) {
            tmp[n - 1] |= (byte) 0x80;
        }
        return java.util.Arrays.copyOf(tmp, n);
    }

    /** Decodes a minimally encoded number of at most {@code maxSize} bytes. */
    public static long decode(byte[] b, int maxSize) throws ScriptException {
        if (b.length > maxSize) throw new ScriptException(ScriptError.NUMBER_RANGE);
        if (b.length == 0) return 0;
        int last = b[b.length - 1] & 0xff;
        if ((last & 0x7f) == 0 && (b.length == 1 || (b[b.length - 2] & 0x80) == 0)) {
            throw new ScriptException(ScriptError.MINIMALDATA);
        }
        long v = 0;
        for (int i = 0; i < b.length; i++) v |= (long) (b[i] & 0xff) << (8 * i);
        if ((last & 0x80) != 0) return -(v & ~(0x80L << (8 * (b.length - 1))));
        return v;
    }

    /** Bitcoin's CastToBool: false for empty, all zeros, or negative zero. */
    public static boolean toBool(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] != 0) return !(i == b.length - 1 && (b[i] & 0xff) == 0x80);
        }
        return false;
    }
}
