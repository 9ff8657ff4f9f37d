package org.flowcoin.crypto;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * libsodium's Ed25519 verifier through java.lang.foreign, as an independent reference when
 * installed. Compiled for Java 25 (src/test/java25) and loaded by name, so the Java 17 test run
 * compiles and runs without it.
 */
final class Ed25519LibSodium implements Ed25519Reference {
    private final MethodHandle verify;

    private Ed25519LibSodium(MethodHandle verify) {
        this.verify = verify;
    }

    /** The library if it can be loaded (Debian: libsodium23), else null. */
    static Ed25519LibSodium load() {
        for (String name : new String[] {"libsodium.so.23", "libsodium.so"}) {
            try {
                SymbolLookup lib = SymbolLookup.libraryLookup(name, Arena.global());
                Linker linker = Linker.nativeLinker();
                MethodHandle init = linker.downcallHandle(
                        lib.findOrThrow("sodium_init"), FunctionDescriptor.of(ValueLayout.JAVA_INT));
                if ((int) init.invokeExact() < 0) return null;
                MethodHandle v = linker.downcallHandle(
                        lib.findOrThrow("crypto_sign_ed25519_verify_detached"),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                                ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
                return new Ed25519LibSodium(v);
            } catch (Throwable e) {
                // try the next name
            }
        }
        return null;
    }

    @Override
    public boolean verify(byte[] pub, byte[] msg, byte[] sig) {
        if (pub.length != 32 || sig.length != 64) return false; // the C API takes fixed-size buffers
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocateFrom(ValueLayout.JAVA_BYTE, sig);
            MemorySegment m = a.allocate(Math.max(1, msg.length));
            MemorySegment.copy(msg, 0, m, ValueLayout.JAVA_BYTE, 0, msg.length);
            MemorySegment p = a.allocateFrom(ValueLayout.JAVA_BYTE, pub);
            return (int) verify.invokeExact(s, m, (long) msg.length, p) == 0;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
