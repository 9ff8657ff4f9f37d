package org.flowcoin.wallet.internal;

/**
 * The protobuf-java runtime the wallet's generated file classes need. An older runtime next to
 * this module (common beside gRPC stacks) otherwise fails deep inside a save or load with a
 * missing class or method; this check fails first, naming the versions.
 */
public final class ProtobufRuntime {
    /** The runtime the generated code was made for, and the oldest it accepts. */
    public static final int[] REQUIRED = {4, 36, 2};

    private ProtobufRuntime() {}

    /**
     * @throws IllegalStateException when the protobuf-java runtime is missing or older than {@link #REQUIRED}
     */
    public static void require() {
        int[] found = found();
        if (found == null || !atLeast(found, REQUIRED)) {
            throw new IllegalStateException("flow-wallet needs protobuf-java " + text(REQUIRED) + " or newer at run time; found "
                    + (found == null ? "a runtime older than 4.26 (no com.google.protobuf.RuntimeVersion)" : text(found))
                    + ". Import org.flowcoin:flow-bom, or pin com.google.protobuf:protobuf-java to at least " + text(REQUIRED) + ".");
        }
    }

    /** major, minor, patch of the runtime on the path; null when it predates RuntimeVersion. */
    static int[] found() {
        try {
            // read reflectively: the constants would otherwise be inlined from the version compiled against
            Class<?> v = Class.forName("com.google.protobuf.RuntimeVersion");
            return new int[] {v.getField("MAJOR").getInt(null), v.getField("MINOR").getInt(null), v.getField("PATCH").getInt(null)};
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** Lexicographic version comparison. */
    public static boolean atLeast(int[] have, int[] need) {
        for (int i = 0; i < need.length; i++) {
            if (have[i] != need[i]) return have[i] > need[i];
        }
        return true;
    }

    static String text(int[] v) {
        return v[0] + "." + v[1] + "." + v[2];
    }
}
