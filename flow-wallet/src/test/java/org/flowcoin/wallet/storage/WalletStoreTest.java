package org.flowcoin.wallet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.flowcoin.crypto.Keccak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletStoreTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final char[] PASS = "correct horse battery staple".toCharArray();
    private static final byte[] BODY = "wallet body: any protobuf bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir Path dir;

    private Path saveSample() throws Exception {
        Path file = dir.resolve("wallet.dat");
        try (WalletStore store = WalletStore.create(file, PASS, KdfParams.INSECURE_FAST, new SecureRandom())) {
            store.save(BODY);
        }
        return file;
    }

    /** phc-winner-argon2 src/test.c, Argon2id v0x13 rows with m = 2^8 KiB (cheap enough for CI). */
    @Test
    void argon2idMatchesReferenceImplementationVectors() {
        byte[] salt = "somesalt".getBytes(StandardCharsets.US_ASCII);
        assertThat(HEX.formatHex(WalletStore.deriveKey("password".toCharArray(), salt, new KdfParams(256, 2, 1))))
                .isEqualTo("9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe");
        assertThat(HEX.formatHex(WalletStore.deriveKey("password".toCharArray(), salt, new KdfParams(256, 2, 2))))
                .isEqualTo("6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037");
    }

    @Test
    void roundTripAndResave() throws Exception {
        Path file = saveSample();
        try (WalletStore.Loaded loaded = WalletStore.load(file, PASS)) {
            assertThat(loaded.body()).isEqualTo(BODY);
            assertThat(loaded.store().kdfParams()).isEqualTo(KdfParams.INSECURE_FAST);
            loaded.store().save("second".getBytes(StandardCharsets.UTF_8));
        }
        try (WalletStore.Loaded loaded = WalletStore.load(file, PASS)) {
            assertThat(new String(loaded.body(), StandardCharsets.UTF_8)).isEqualTo("second");
        }
        // no temporaries are left behind
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("wallet.dat");
        }
    }

    /** Reads the layout with an independent AES-GCM (Bouncy Castle) at the offsets the spec names. */
    @Test
    void layoutMatchesSpecAndDecryptsWithIndependentGcm() throws Exception {
        Path file = saveSample();
        byte[] f = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(HEX.formatHex(f, 0, 8)).isEqualTo("89464c4f57574c54");
        assertThat(b.getInt(8)).isEqualTo(1);
        assertThat(b.getInt(12)).isEqualTo(f.length - 20);
        assertThat(Arrays.copyOfRange(f, 16, 20)).isEqualTo(Arrays.copyOf(Keccak.keccak256(Arrays.copyOf(f, 16)), 4));
        assertThat(f[20]).isEqualTo((byte) 1);
        assertThat(b.getInt(21)).isEqualTo(64);
        assertThat(b.getInt(25)).isEqualTo(1);
        assertThat(f[29]).isEqualTo((byte) 1);
        assertThat(f[62]).isEqualTo((byte) 1);
        assertThat(f.length).isEqualTo(75 + BODY.length + 16 + 32);
        assertThat(Arrays.copyOfRange(f, f.length - 32, f.length))
                .isEqualTo(Keccak.keccak256(Arrays.copyOf(f, f.length - 32)));

        byte[] key = WalletStore.deriveKey(PASS, Arrays.copyOfRange(f, 30, 62), KdfParams.INSECURE_FAST);
        GCMBlockCipher gcm = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(false, new AEADParameters(new KeyParameter(key), 128, Arrays.copyOfRange(f, 63, 75),
                Arrays.copyOf(f, 75)));
        int ctLen = f.length - 75 - 32;
        byte[] out = new byte[gcm.getOutputSize(ctLen)];
        int n = gcm.processBytes(f, 75, ctLen, out, 0);
        n += gcm.doFinal(out, n);
        assertThat(Arrays.copyOf(out, n)).isEqualTo(BODY);
    }

    @Test
    void wrongPassphrase() throws Exception {
        Path file = saveSample();
        assertThatThrownBy(() -> WalletStore.load(file, "correct horse battery stapler".toCharArray()))
                .isInstanceOf(WalletFileException.WrongPassphrase.class)
                .hasMessage("wrong passphrase");
    }

    @Test
    void everyTruncationIsTruncated() throws Exception {
        byte[] f = Files.readAllBytes(saveSample());
        Path cut = dir.resolve("cut.dat");
        for (int len = 0; len < f.length; len++) {
            Files.write(cut, Arrays.copyOf(f, len));
            assertThatThrownBy(() -> WalletStore.load(cut, PASS))
                    .as("length %d", len)
                    .isInstanceOf(WalletFileException.Truncated.class);
        }
    }

    @Test
    void everyFlippedBitIsCorruptionOrBadMagic() throws Exception {
        byte[] f = Files.readAllBytes(saveSample());
        Path bad = dir.resolve("bad.dat");
        for (int i = 0; i < f.length; i++) {
            for (int bit : new int[] {0, 7}) {
                byte[] g = f.clone();
                g[i] ^= (byte) (1 << bit);
                Files.write(bad, g);
                Class<?> expected = i < 8 ? WalletFileException.NotAWalletFile.class
                        : WalletFileException.Corrupted.class;
                assertThatThrownBy(() -> WalletStore.load(bad, PASS))
                        .as("byte %d bit %d", i, bit).isInstanceOf(expected);
            }
        }
    }

    @Test
    void trailingGarbageIsCorruption() throws Exception {
        byte[] f = Files.readAllBytes(saveSample());
        Path bad = dir.resolve("long.dat");
        Files.write(bad, Arrays.copyOf(f, f.length + 1));
        assertThatThrownBy(() -> WalletStore.load(bad, PASS)).isInstanceOf(WalletFileException.Corrupted.class);
    }

    @Test
    void futureVersionIsReportedAsSuch() throws Exception {
        byte[] f = Files.readAllBytes(saveSample());
        // A newer writer: version 2 with a valid prefix check; the rest may be anything.
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 2);
        System.arraycopy(Keccak.keccak256(Arrays.copyOf(f, 16)), 0, f, 16, 4);
        Path future = dir.resolve("future.dat");
        Files.write(future, f);
        assertThatThrownBy(() -> WalletStore.load(future, PASS))
                .isInstanceOf(WalletFileException.UnsupportedVersion.class)
                .satisfies(e -> assertThat(((WalletFileException.UnsupportedVersion) e).version()).isEqualTo(2));
    }

    @Test
    void otherFilesAreNotWalletFiles() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "this is a text file, not a wallet\n");
        assertThatThrownBy(() -> WalletStore.load(text, PASS)).isInstanceOf(WalletFileException.NotAWalletFile.class);
        Path png = dir.resolve("x.png");
        Files.write(png, HEX.parseHex("89504e470d0a1a0a0000000d49484452"));
        assertThatThrownBy(() -> WalletStore.load(png, PASS)).isInstanceOf(WalletFileException.NotAWalletFile.class);
        assertThatThrownBy(() -> WalletStore.load(dir.resolve("missing.dat"), PASS))
                .isInstanceOf(NoSuchFileException.class);
    }

    /** A checksummed file naming absurd Argon2 costs is refused before any memory is allocated. */
    @Test
    void hostileKdfParametersAreRefused() throws Exception {
        byte[] f = Files.readAllBytes(saveSample());
        for (int[] p : new int[][] {{-1, 1, 1}, {KdfParams.MAX_MEMORY_KIB + 1, 1, 1}, {64, 0, 1}, {64, 1000, 1},
                {64, 1, 0}, {8, 1, 2}}) {
            byte[] g = f.clone();
            ByteBuffer b = ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(21, p[0]).putInt(25, p[1]).put(29, (byte) p[2]);
            System.arraycopy(Keccak.keccak256(Arrays.copyOf(g, g.length - 32)), 0, g, g.length - 32, 32);
            Path bad = dir.resolve("kdf.dat");
            Files.write(bad, g);
            assertThatThrownBy(() -> WalletStore.load(bad, PASS)).isInstanceOf(WalletFileException.Corrupted.class);
        }
    }

    @Test
    void secretsStayOutOfStrings() throws Exception {
        Path file = saveSample();
        try (WalletStore.Loaded loaded = WalletStore.load(file, PASS)) {
            assertThat(loaded.toString()).doesNotContain("wallet body").contains("wallet.dat");
            assertThat(loaded.store().toString()).doesNotContain(new String(PASS));
        }
    }

    @Test
    void closedStoreRefusesToSave() throws Exception {
        WalletStore store = WalletStore.create(dir.resolve("w.dat"), PASS, KdfParams.INSECURE_FAST, new SecureRandom());
        store.close();
        assertThatThrownBy(() -> store.save(BODY)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void passphraseChangeTakesEffectOnSave() throws Exception {
        Path file = saveSample();
        try (WalletStore.Loaded loaded = WalletStore.load(file, PASS);
                WalletStore renewed = loaded.store().withPassphrase("new one".toCharArray(), KdfParams.INSECURE_FAST)) {
            renewed.save(loaded.body());
        }
        assertThatThrownBy(() -> WalletStore.load(file, PASS)).isInstanceOf(WalletFileException.WrongPassphrase.class);
        try (WalletStore.Loaded loaded = WalletStore.load(file, "new one".toCharArray())) {
            assertThat(loaded.body()).isEqualTo(BODY);
        }
    }

    @Test
    void kdfParamsValidation() {
        assertThatThrownBy(() -> new KdfParams(7, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KdfParams(64, 65, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KdfParams(4096, 1, 256)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new KdfParams(8, 1, 1).memoryKiB()).isEqualTo(8);
    }
}
