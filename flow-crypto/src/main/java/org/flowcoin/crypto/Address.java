package org.flowcoin.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A FlowCoin address: network, witness version and witness program, written as Bech32m.
 *
 * <p>Version 0 is pay-to-key-hash with a 20-byte program (the first 20 bytes of
 * Keccak-256d(public key)); version 1 is pay-to-script-hash with a 32-byte program
 * (Keccak-256(script)). No other version or length is accepted. Unlike Bitcoin (BIP-350, where
 * version 0 keeps Bech32), every version is Bech32m; a Bech32 checksum is rejected.
 *
 * <pre>{@code
 * Address a = Address.keyHash(AddressNetwork.MAIN, publicKey);
 * String s = a.encode();                      // "fl1q..."
 * Address back = Address.decode(s);           // throws AddressFormatException if invalid
 * }</pre>
 */
public final class Address {
    /** Witness version of key-hash addresses. */
    public static final int VERSION_KEY_HASH = 0;
    /** Witness version of script-hash addresses. */
    public static final int VERSION_SCRIPT_HASH = 1;
    /** Program length of key-hash addresses. */
    public static final int KEY_HASH_LENGTH = 20;
    /** Program length of script-hash addresses. */
    public static final int SCRIPT_HASH_LENGTH = 32;

    private final AddressNetwork network;
    private final int version;
    private final byte[] program;

    private Address(AddressNetwork network, int version, byte[] program) {
        this.network = network;
        this.version = version;
        this.program = program;
    }

    /**
     * An address from its parts; {@code program} is copied.
     *
     * @throws AddressFormatException if the version is not 0 or 1 or the program length does not
     *     match it
     */
    public static Address of(AddressNetwork network, int version, byte[] program) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(program, "program");
        checkProgram(version, program.length);
        return new Address(network, version, program.clone());
    }

    /** The key-hash (version 0) address of an Ed25519 public key. */
    public static Address keyHash(AddressNetwork network, Ed25519PublicKey publicKey) {
        return keyHash(network, publicKey.toByteArray());
    }

    /** The key-hash (version 0) address of a 32-byte encoded public key. */
    public static Address keyHash(AddressNetwork network, byte[] publicKey) {
        Objects.requireNonNull(network, "network");
        if (publicKey.length != 32) throw new IllegalArgumentException("public key must be 32 bytes");
        return new Address(network, VERSION_KEY_HASH, Arrays.copyOf(Keccak.keccak256d(publicKey), KEY_HASH_LENGTH));
    }

    /** The script-hash (version 1) address of a locking script. */
    public static Address scriptHash(AddressNetwork network, byte[] script) {
        Objects.requireNonNull(network, "network");
        return new Address(network, VERSION_SCRIPT_HASH, Keccak.keccak256(script));
    }

    private static void checkProgram(int version, int length) {
        switch (version) {
            case VERSION_KEY_HASH -> {
                if (length != KEY_HASH_LENGTH) {
                    throw new AddressFormatException("version 0 program must be 20 bytes, got " + length);
                }
            }
            case VERSION_SCRIPT_HASH -> {
                if (length != SCRIPT_HASH_LENGTH) {
                    throw new AddressFormatException("version 1 program must be 32 bytes, got " + length);
                }
            }
            default -> throw new AddressFormatException("unknown witness version " + version);
        }
    }

    /**
     * Decodes an address of any of the three networks (upper or lower case, not mixed).
     *
     * @throws AddressFormatException for anything invalid (the cause, if Bech32 itself failed, is
     *     the {@link Bech32Exception})
     */
    public static Address decode(String s) {
        Objects.requireNonNull(s, "s");
        Bech32.Decoded d;
        try {
            d = Bech32.decode(s);
        } catch (Bech32Exception e) {
            AddressFormatException a = new AddressFormatException("not Bech32m: " + e.getMessage());
            a.initCause(e);
            throw a;
        }
        AddressNetwork network = AddressNetwork.forHrp(d.hrp())
                .orElseThrow(() -> new AddressFormatException("unknown human-readable part"));
        if (d.encoding() != Bech32.Encoding.BECH32M) {
            throw new AddressFormatException("addresses use Bech32m, not Bech32");
        }
        byte[] values = d.data();
        if (values.length == 0) throw new AddressFormatException("empty data section");
        int version = values[0];
        byte[] program;
        try {
            program = Bech32.fromWords(values, 1, values.length - 1);
        } catch (Bech32Exception e) {
            AddressFormatException a = new AddressFormatException("bad program: " + e.getMessage());
            a.initCause(e);
            throw a;
        }
        checkProgram(version, program.length);
        return new Address(network, version, program);
    }

    /**
     * Decodes and requires the given network.
     *
     * @throws AddressFormatException if invalid or of another network
     */
    public static Address decode(String s, AddressNetwork expected) {
        Address a = decode(s);
        if (a.network != expected) {
            throw new AddressFormatException("address is for " + a.network + ", expected " + expected);
        }
        return a;
    }

    /** The lower-case Bech32m string. */
    public String encode() {
        byte[] words = Bech32.toWords(program);
        byte[] values = new byte[words.length + 1];
        values[0] = (byte) version;
        System.arraycopy(words, 0, values, 1, words.length);
        return Bech32.encode(network.hrp(), values, Bech32.Encoding.BECH32M);
    }

    public AddressNetwork network() {
        return network;
    }

    public int version() {
        return version;
    }

    /** A copy of the witness program. */
    public byte[] program() {
        return program.clone();
    }

    public boolean isKeyHash() {
        return version == VERSION_KEY_HASH;
    }

    public boolean isScriptHash() {
        return version == VERSION_SCRIPT_HASH;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && network == a.network && version == a.version && Arrays.equals(program, a.program);
    }

    @Override
    public int hashCode() {
        return Objects.hash(network, version, Arrays.hashCode(program));
    }

    /** The encoded address. */
    @Override
    public String toString() {
        return encode();
    }

    /** Hex of the program (for logs and JSON). */
    public String programHex() {
        return HexFormat.of().formatHex(program);
    }
}
