package org.flowcoin.wallet;

import java.time.InstantSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.flowcoin.crypto.Address;
import org.flowcoin.crypto.DerivationPath;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.crypto.HdSeed;
import org.flowcoin.crypto.Mnemonic;
import org.flowcoin.crypto.Slip10;
import org.flowcoin.crypto.Slip10Key;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.wallet.storage.KdfParams;
import org.flowcoin.wallet.storage.WalletFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletTest {
    static final String ABANDON = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
    final SecureRandom rnd = new SecureRandom();
    final Ed25519PrivateKey recovery = Ed25519PrivateKey.fromSeed(new byte[32]);
    final RecoveryPolicy heartbeat = new RecoveryPolicy.Heartbeat(recovery.publicKey(), 1000);
    final Script minerScript = Templates.payToKeyHash(Ed25519PrivateKey.generate(rnd).publicKey().toByteArray());
    @TempDir Path dir;

    Wallet abandon(RecoveryPolicy policy) {
        return Wallet.create(ChainParams.regtest(), Mnemonic.parse(ABANDON), "", policy, InstantSource.system());
    }

    @Test
    void ownerKeysMatchFullSlip10DerivationFromTheBip39Seed() {
        Wallet w = Wallet.create(ChainParams.regtest(), Mnemonic.parse(ABANDON), "TREZOR", heartbeat, InstantSource.system());
        HdSeed seed = Mnemonic.parse(ABANDON).toSeed("TREZOR");
        // BIP-39 reference vector (trezor/python-mnemonic vectors.json, entropy 00..00, passphrase TREZOR)
        assertThat(HexFormat.of().formatHex(seed.bytes())).isEqualTo(
                "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04");
        for (KeyPath p : List.of(new KeyPath(0, 0, 0), new KeyPath(0, 0, 19), new KeyPath(0, 1, 3), new KeyPath(7, 0, 2))) {
            Slip10Key k = Slip10.derive(seed, DerivationPath.parse("m/44'/9555'/" + p.account() + "'/" + p.change() + "'/" + p.index() + "'"));
            assertThat(w.ownerKey(p)).isEqualTo(k.publicKey());
            assertThat(w.address(p)).isEqualTo(Address.scriptHash(w.network(), heartbeat.witnessScript(k.publicKey()).toByteArray()));
        }
        assertThat(w.address(new KeyPath(0, 0, 0)).encode()).startsWith("rfl1p");
        assertThat(w.toString()).doesNotContain("abandon").doesNotContain("TREZOR");
    }

    @Test
    void policyIsMandatoryAndValidated() {
        assertThatThrownBy(() -> Wallet.create(ChainParams.regtest(), Mnemonic.parse(ABANDON), "", null, InstantSource.system()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("recovery policy");
        assertThatThrownBy(() -> new RecoveryPolicy.Heartbeat(recovery.publicKey(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecoveryPolicy.Heartbeat(recovery.publicKey(), 65_536)).isInstanceOf(IllegalArgumentException.class);
        var g = Ed25519PrivateKey.generate(rnd).publicKey();
        assertThatThrownBy(() -> new RecoveryPolicy.Social(2, List.of(g), 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecoveryPolicy.Social(1, List.of(g, g), 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecoveryPolicy.Social(0, List.of(g), 10)).isInstanceOf(IllegalArgumentException.class);
        // the owner key cannot double as the recovery key
        Wallet w = abandon(heartbeat);
        var owner0 = w.ownerKey(new KeyPath(0, 0, 0));
        assertThatThrownBy(() -> abandon(new RecoveryPolicy.Heartbeat(owner0, 10))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Script bytes pinned in docs/spec/wallet.md. */
    @Test
    void policyScriptsHaveTheSpecifiedLayout() {
        byte[] owner = new byte[32];
        owner[0] = 1;
        var ownerKey = org.flowcoin.crypto.Ed25519PublicKey.of(owner);
        byte[] rk = new byte[32];
        rk[0] = 2;
        var h = new RecoveryPolicy.Heartbeat(org.flowcoin.crypto.Ed25519PublicKey.of(rk), 1000);
        String o = "20" + "01" + "00".repeat(31);
        String r = "20" + "02" + "00".repeat(31);
        assertThat(h.witnessScript(ownerKey).toHex()).isEqualTo("63" + o + "ac" + "67" + "02e803" + "b2" + "75" + r + "ac" + "68");
        var g = new org.flowcoin.crypto.Ed25519PublicKey[3];
        String gs = "";
        for (int i = 0; i < 3; i++) {
            byte[] k = new byte[32];
            k[0] = (byte) (0x10 + i);
            g[i] = org.flowcoin.crypto.Ed25519PublicKey.of(k);
            gs += "20" + String.format("%02x", 0x10 + i) + "00".repeat(31);
        }
        var s = new RecoveryPolicy.Social(2, List.of(g), 16);
        assertThat(s.witnessScript(ownerKey).toHex()).isEqualTo("63" + o + "ac" + "67" + "60" + "b2" + "75" + "52" + gs + "53" + "ae" + "68");
        assertThat(h.lockingScript(ownerKey).toHex()).isEqualTo("5120" + HexFormat.of().formatHex(
                org.flowcoin.crypto.Keccak.keccak256(h.witnessScript(ownerKey).toByteArray())));
    }

    @Test
    void gapLimitBoundsUnusedAddressesAndUseExtendsIt() throws Exception {
        RegtestChain chain = new RegtestChain();
        Wallet w = abandon(heartbeat);
        chain.attach(w);
        for (int i = 0; i < Wallet.DEFAULT_GAP_LIMIT; i++) w.freshReceiveAddress(0);
        assertThatThrownBy(() -> w.freshReceiveAddress(0)).isInstanceOf(GapLimitException.class);
        // a payment to index 5 marks 0..5 as used: six more addresses may be handed out
        chain.mine(Wallet.scriptFor(w.address(new KeyPath(0, 0, 5))));
        for (int i = 0; i < 6; i++) w.freshReceiveAddress(0);
        assertThatThrownBy(() -> w.freshReceiveAddress(0)).isInstanceOf(GapLimitException.class);
    }

    @Test
    void importFromMnemonicFindsCoinsAcrossChainedGaps() throws Exception {
        RegtestChain chain = new RegtestChain();
        Wallet original = abandon(heartbeat);
        // coins at 0, 19 (inside the first window), 38 (reachable only once 19 is seen), and 58 (beyond any window)
        for (int idx : new int[] {0, 19, 38, 59}) chain.mine(Wallet.scriptFor(original.address(new KeyPath(0, 0, idx))));
        chain.mine(Wallet.scriptFor(original.address(new KeyPath(0, 1, 4))));
        Wallet restored = abandon(heartbeat);
        chain.attach(restored);
        assertThat(restored.unspentCoins()).extracting(c -> c.path().toString())
                .containsExactlyInAnyOrder("0/0/0", "0/0/19", "0/0/38", "0/1/4");
        // a different BIP-39 passphrase is a different wallet
        Wallet other = Wallet.create(chain.params, Mnemonic.parse(ABANDON), "x", heartbeat, InstantSource.system());
        chain.attach(other);
        assertThat(other.unspentCoins()).isEmpty();
    }

    @Test
    void balancesTrackMaturityPendingAndReorgs() throws Exception {
        RegtestChain chain = new RegtestChain();
        Wallet w = abandon(heartbeat);
        chain.attach(w);
        chain.mine(Wallet.scriptFor(w.freshReceiveAddress(0)));
        assertThat(w.balance()).isEqualTo(new Balance(0, 50 * Amounts.COIN, 0));
        chain.mineEmpty(chain.params.coinbaseMaturity() - 2, minerScript);
        assertThat(w.balance().immature()).isEqualTo(50 * Amounts.COIN);
        chain.mine(minerScript);
        assertThat(w.balance()).isEqualTo(new Balance(50 * Amounts.COIN, 0, 0));

        Transaction pay = w.send(0, List.of(new TxOutput(7 * Amounts.COIN, minerScript)), 3);
        long fee = 50 * Amounts.COIN - pay.totalOutputSaturating();
        assertThat(fee).isEqualTo(Wallet.fee(pay.weight(), 3));
        assertThat(w.balance()).isEqualTo(new Balance(0, 0, 43 * Amounts.COIN - fee));
        List<Transaction> block = chain.mine(minerScript, pay);
        assertThat(w.balance()).isEqualTo(new Balance(43 * Amounts.COIN - fee, 0, 0));
        assertThat(w.pendingTransactions()).isEmpty();

        // reorganisation: the block with the payment goes away, the coin is unspent again
        w.disconnectBlock(chain.height(), w.tipHash().orElseThrow(), block);
        assertThat(w.balance()).isEqualTo(new Balance(50 * Amounts.COIN, 0, 0));
        assertThat(w.tipHeight()).isEqualTo(chain.height() - 1);
    }

    @Test
    void sendRefusesWhatItCannotPay() throws Exception {
        RegtestChain chain = new RegtestChain();
        Wallet w = abandon(heartbeat);
        chain.attach(w);
        chain.mine(Wallet.scriptFor(w.freshReceiveAddress(0)));
        assertThatThrownBy(() -> w.send(0, List.of(new TxOutput(Amounts.COIN, minerScript)), 1))
                .isInstanceOf(InsufficientFundsException.class); // immature
        chain.mineEmpty(chain.params.coinbaseMaturity(), minerScript);
        assertThatThrownBy(() -> w.send(0, List.of(new TxOutput(50 * Amounts.COIN, minerScript)), 1))
                .isInstanceOf(InsufficientFundsException.class);
        Wallet watch = Wallet.watchOnly(chain.params, heartbeat, w.exportWatchList(0), InstantSource.system());
        assertThatThrownBy(() -> watch.send(0, List.of(new TxOutput(1, minerScript)), 1)).isInstanceOf(IllegalStateException.class);
        // leftover below the dust limit after the fee: no change output, the rest goes to the fee
        Transaction all = w.send(0, List.of(new TxOutput(50 * Amounts.COIN - 600, minerScript)), 1);
        assertThat(all.outputs()).hasSize(1);
        assertThat(Wallet.fee(all.weight(), 1)).isLessThan(600 - Wallet.DUST_LIMIT + 600);
        chain.checkNext(all);
    }

    @Test
    void watchListRoundTripsThroughText() {
        Wallet w = abandon(heartbeat);
        List<WatchEntry> entries = w.exportWatchList(0);
        assertThat(entries).hasSize(2 * Wallet.DEFAULT_GAP_LIMIT);
        for (WatchEntry e : entries) assertThat(WatchEntry.parse(e.toLine())).isEqualTo(e);
        for (String bad : new String[] {"", "0/0/0", "0/0 " + "00".repeat(32), "0/2/0 " + "00".repeat(32),
                "0/0/01 " + "00".repeat(32), "0/0/0 " + "0".repeat(63), "0/0/0 " + "AA".repeat(32), "-1/0/0 " + "00".repeat(32),
                "0/0/99999999999 " + "00".repeat(32)}) {
            assertThatThrownBy(() -> WatchEntry.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void saveAndLoadRestoreEverything() throws Exception {
        RegtestChain chain = new RegtestChain();
        var g = List.of(Ed25519PrivateKey.generate(rnd).publicKey(), Ed25519PrivateKey.generate(rnd).publicKey());
        Wallet w = Wallet.create(chain.params, Mnemonic.generate(rnd, 24), "pass phrase", new RecoveryPolicy.Social(1, g, 144), InstantSource.system());
        chain.attach(w);
        chain.mine(Wallet.scriptFor(w.freshReceiveAddress(0)));
        chain.mineEmpty(chain.params.coinbaseMaturity(), minerScript);
        Transaction pay = w.send(0, List.of(new TxOutput(Amounts.COIN, minerScript)), 1);
        w.freshReceiveAddress(3);
        Path file = dir.resolve("w.dat");
        char[] pass = "file passphrase".toCharArray();
        WalletFiles.create(file, w, pass, KdfParams.INSECURE_FAST, rnd).close();
        assertThat(w.generation()).isEqualTo(1);
        try (WalletFiles.Opened o = WalletFiles.open(file, pass)) {
            Wallet l = o.wallet();
            assertThat(l.policy()).isEqualTo(w.policy());
            assertThat(l.generation()).isEqualTo(1);
            assertThat(l.mnemonic()).isEqualTo(w.mnemonic());
            assertThat(l.balance()).isEqualTo(w.balance());
            assertThat(l.unspentCoins()).containsExactlyInAnyOrderElementsOf(w.unspentCoins());
            assertThat(l.pendingTransactions()).containsExactly(pay);
            assertThat(l.tipHeight()).isEqualTo(w.tipHeight());
            assertThat(l.tipHash()).isEqualTo(w.tipHash());
            assertThat(l.accounts()).containsExactly(0, 3);
            assertThat(l.exportWatchList(0)).isEqualTo(w.exportWatchList(0));
            assertThat(l.freshReceiveAddress(0)).isEqualTo(w.freshReceiveAddress(0));
            // the loaded wallet continues at its tip: replaying from genesis is refused, the next block is taken
            assertThatThrownBy(() -> chain.attach(l)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not extend");
            l.connectBlock(w.tipHeight() + 1, org.flowcoin.primitives.Hash256.keccak256(new byte[] {1}), List.of());
            assertThat(l.tipHeight()).isEqualTo(w.tipHeight() + 1);
        }
        // watch-only wallets persist too
        Wallet watch = Wallet.watchOnly(chain.params, w.policy(), w.exportWatchList(0), InstantSource.system());
        Path wf = dir.resolve("watch.dat");
        WalletFiles.create(wf, watch, pass, KdfParams.INSECURE_FAST, rnd).close();
        try (WalletFiles.Opened o = WalletFiles.open(wf, pass)) {
            assertThat(o.wallet().isWatchOnly()).isTrue();
            assertThat(o.wallet().exportWatchList(0)).isEqualTo(w.exportWatchList(0));
        }
        assertThatThrownBy(() -> WalletFiles.open(file, "nope".toCharArray())).isInstanceOf(WalletFileException.WrongPassphrase.class);
    }

    /** A body that decrypts but breaks the format is refused whole. */
    @Test
    void invalidBodiesAreCorruptedNeverHalfLoaded() throws Exception {
        Wallet w = abandon(heartbeat);
        byte[] good = WalletFiles.toBody(w);
        assertThat(WalletFiles.fromBody(good).ownerKey(new KeyPath(0, 0, 0))).isEqualTo(w.ownerKey(new KeyPath(0, 0, 0)));
        var noPolicy = org.flowcoin.wallet.internal.proto.WalletBody.parseFrom(good).toBuilder().clearPolicy().build().toByteArray();
        var badNet = org.flowcoin.wallet.internal.proto.WalletBody.parseFrom(good).toBuilder().setNetwork("moon").build().toByteArray();
        var badEntropy = org.flowcoin.wallet.internal.proto.WalletBody.parseFrom(good).toBuilder()
                .setHd(org.flowcoin.wallet.internal.proto.HdKeys.newBuilder().setMnemonicEntropy(com.google.protobuf.ByteString.copyFrom(new byte[15])))
                .build().toByteArray();
        var hugeIndex = org.flowcoin.wallet.internal.proto.WalletBody.parseFrom(good).toBuilder()
                .setAccounts(0, org.flowcoin.wallet.internal.proto.Account.newBuilder().setIndex(0).setIssuedExternal(Integer.MAX_VALUE))
                .build().toByteArray();
        for (byte[] bad : new byte[][] {noPolicy, badNet, badEntropy, hugeIndex, {(byte) 0xff}, {0x0a, 0x05, 'a'}}) {
            assertThatThrownBy(() -> WalletFiles.fromBody(bad)).isInstanceOf(WalletFileException.Corrupted.class);
        }
        // random garbage bodies: only Corrupted, never another exception
        var r = new java.util.Random(1);
        int n = (int) Math.max(20, Long.getLong("flow.fuzz.iterations", 20_000) / 100);
        for (int i = 0; i < n; i++) {
            byte[] b = good.clone();
            b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
            try {
                WalletFiles.fromBody(b);
            } catch (WalletFileException.Corrupted expected) {
                // fine
            }
        }
    }

    @Test
    void destroyWipesAndDisables() {
        Wallet w = abandon(heartbeat);
        w.destroy();
        assertThatThrownBy(w::mnemonic).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> w.freshReceiveAddress(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fileIsWrittenOnlyEncrypted() throws Exception {
        Wallet w = abandon(heartbeat);
        Path file = dir.resolve("enc.dat");
        WalletFiles.create(file, w, "p".toCharArray(), KdfParams.INSECURE_FAST, rnd).close();
        byte[] bytes = Files.readAllBytes(file);
        byte[] entropy = Mnemonic.parse(ABANDON).entropy();
        assertThat(HexFormat.of().formatHex(bytes)).doesNotContain(HexFormat.of().formatHex(entropy));
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("regtest");
    }
}
