package org.flowcoin.pot;

import java.nio.file.Path;
import org.flowcoin.primitives.ChainParams;

/** Child JVM for DataDirectoryTest: opens a directory in the given mode, prints OPEN, holds it until stdin closes. */
public final class LockHolderChild {
    public static void main(String[] args) throws Exception {
        try (DataDirectory dd = DataDirectory.open(Path.of(args[0]), ChainParams.regtest(), DataDirectory.Mode.valueOf(args[1]))) {
            System.out.println("OPEN");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock
            }
        } catch (DataDirectoryException e) {
            System.out.println("REFUSED " + e.kind());
        }
    }
}
