package org.flowcoin.net.message;

import org.flowcoin.net.NetDecodeException;

/** Inventory item types (u32 LE on the wire). Any other value is a decode error. */
public enum InvType {
    /** A transaction, by txid. */
    TX(1),
    /** A block, by block hash. */
    BLOCK(2),
    /** A delta payload, by its Keccak-256 (the header's delta hash); fetched in chunks. */
    DELTA(3),
    /** A model checkpoint, by the Keccak-256 of the file; fetched in chunks. */
    CHECKPOINT(4);

    private final int code;

    InvType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** True for the types transferred in chunks. */
    public boolean isChunked() {
        return this == DELTA || this == CHECKPOINT;
    }

    public static InvType ofCode(int code) throws NetDecodeException {
        for (InvType t : values()) if (t.code == code) return t;
        throw new NetDecodeException(NetDecodeException.Reason.INVALID_VALUE, "inventory type " + Integer.toUnsignedString(code));
    }
}
