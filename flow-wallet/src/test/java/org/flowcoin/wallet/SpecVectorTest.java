package org.flowcoin.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.crypto.Mnemonic;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.wallet.storage.KdfParams;
import org.flowcoin.wallet.storage.SpecVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallet-file vector of docs/spec/wallet.md (src/test/resources/vectors/wallet-file-v1.txt):
 * a fixed wallet sealed with fixed salt and nonce must give exactly the pinned bytes, and the
 * pinned bytes must open to the pinned first address.
 */
class SpecVectorTest {
    @TempDir Path dir;

    static Map<String, String> vector() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = SpecVectorTest.class.getResourceAsStream("/vectors/wallet-file-v1.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int eq = line.indexOf('=');
                m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return m;
    }

    static Wallet vectorWallet() {
        Wallet w = Wallet.restore(ChainParams.regtest(),
                new RecoveryPolicy.Heartbeat(Ed25519PrivateKey.fromSeed(new byte[32]).publicKey(), 1000),
                Wallet.DEFAULT_GAP_LIMIT, 1_767_225_600L, Mnemonic.parse(WalletTest.ABANDON).entropy(), new byte[0], null,
                Map.of(0, new int[4]));
        w.setGeneration(1);
        return w;
    }

    @Test
    void sealingTheVectorWalletGivesThePinnedBytes() throws Exception {
        Map<String, String> v = vector();
        HexFormat hex = HexFormat.of();
        byte[] body = WalletFiles.toBody(vectorWallet());
        assertThat(hex.formatHex(body)).isEqualTo(v.get("body"));
        KdfParams kdf = new KdfParams(Integer.parseInt(v.get("argon2_memory_kib")), Integer.parseInt(v.get("argon2_iterations")),
                Integer.parseInt(v.get("argon2_parallelism")));
        byte[] file = SpecVectors.seal(body, v.get("passphrase").toCharArray(), kdf, hex.parseHex(v.get("salt")),
                hex.parseHex(v.get("nonce")));
        assertThat(hex.formatHex(file)).isEqualTo(v.get("file"));
    }

    @Test
    void pinnedFileOpensToThePinnedAddress() throws Exception {
        Map<String, String> v = vector();
        Path f = dir.resolve("vector.dat");
        Files.write(f, HexFormat.of().parseHex(v.get("file")));
        try (WalletFiles.Opened o = WalletFiles.open(f, v.get("passphrase").toCharArray())) {
            assertThat(o.wallet().address(new KeyPath(0, 0, 0)).encode()).isEqualTo(v.get("address_0_0_0"));
            assertThat(o.wallet().ownerKey(new KeyPath(0, 0, 0)).toHex()).isEqualTo(v.get("owner_key_0_0_0"));
            assertThat(o.wallet().witnessScript(new KeyPath(0, 0, 0)).toHex()).isEqualTo(v.get("witness_script_0_0_0"));
        }
    }
}
