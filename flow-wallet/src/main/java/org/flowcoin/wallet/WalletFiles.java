package org.flowcoin.wallet;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flowcoin.crypto.Ed25519PublicKey;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.DecodeException;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.wallet.internal.proto.Account;
import org.flowcoin.wallet.internal.proto.ChainState;
import org.flowcoin.wallet.internal.proto.HdKeys;
import org.flowcoin.wallet.internal.proto.HeartbeatPolicy;
import org.flowcoin.wallet.internal.proto.SocialPolicy;
import org.flowcoin.wallet.internal.proto.WalletBody;
import org.flowcoin.wallet.internal.proto.WalletCoin;
import org.flowcoin.wallet.internal.proto.WatchEntry;
import org.flowcoin.wallet.internal.proto.WatchOnlyKeys;
import org.flowcoin.wallet.storage.KdfParams;
import org.flowcoin.wallet.storage.WalletFileException;
import org.flowcoin.wallet.storage.WalletStore;

/**
 * Saves and loads a {@link Wallet} as an encrypted wallet file (docs/spec/wallet.md): the
 * protobuf {@code WalletBody} of {@code src/main/proto}, sealed by {@link WalletStore}.
 *
 * <pre>{@code
 * try (WalletStore store = WalletStore.create(path, pass, KdfParams.DEFAULT, new SecureRandom())) {
 *     WalletFiles.save(wallet, store);
 * }
 * try (WalletFiles.Opened o = WalletFiles.open(path, pass)) {
 *     Wallet w = o.wallet();
 *     ...
 *     WalletFiles.save(w, o.store());
 * }
 * }</pre>
 *
 * A body that decrypts but breaks a rule of the format (no policy, bad key sizes, impossible
 * indices) is reported as {@link WalletFileException.Corrupted}; nothing is half-loaded.
 */
public final class WalletFiles {
    /** Indices above this in a file are refused (they would make the look-ahead unbounded). */
    static final int MAX_INDEX = 1_000_000;

    static {
        org.flowcoin.wallet.internal.ProtobufRuntime.require();
    }

    private WalletFiles() {}

    /** An opened wallet with the store that saves it; closing destroys the wallet's secrets and the key. */
    public record Opened(Wallet wallet, WalletStore store) implements AutoCloseable {
        @Override
        public void close() {
            wallet.destroy();
            store.close();
        }
    }

    /** Creates a new file for {@code wallet} and saves it. */
    public static WalletStore create(Path file, Wallet wallet, char[] passphrase, KdfParams kdf, SecureRandom random)
            throws IOException {
        WalletStore store = WalletStore.create(file, passphrase, kdf, random);
        save(wallet, store);
        return store;
    }

    /** Saves atomically and durably; increments the wallet's generation. */
    public static void save(Wallet wallet, WalletStore store) throws IOException {
        synchronized (wallet) {
            wallet.setGeneration(wallet.generation() + 1);
            byte[] body = toBody(wallet);
            try {
                store.save(body);
            } finally {
                Arrays.fill(body, (byte) 0);
            }
        }
    }

    /** Loads, decrypts and checks a wallet file. */
    public static Opened open(Path file, char[] passphrase) throws WalletFileException, IOException {
        WalletStore.Loaded loaded = WalletStore.load(file, passphrase);
        byte[] body = loaded.body();
        loaded.wipeBody();
        try {
            return new Opened(fromBody(body), loaded.store());
        } catch (WalletFileException | RuntimeException e) {
            loaded.store().close();
            throw e;
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    // ---- body encoding ----

    static byte[] toBody(Wallet w) {
        WalletBody.Builder b = WalletBody.newBuilder()
                .setNetwork(w.params().name())
                .setGeneration(w.generation())
                .setGapLimit(w.gapLimit())
                .setCreatedUnixSeconds(w.createdUnixSeconds());
        byte[] entropy = w.entropyCopy();
        byte[] pass = w.passphraseCopy();
        if (entropy != null) {
            // unsafeWrap: the builder must not keep copies we cannot wipe
            b.setHd(HdKeys.newBuilder().setMnemonicEntropy(UnsafeByteOperations.unsafeWrap(entropy))
                    .setBip39Passphrase(UnsafeByteOperations.unsafeWrap(pass)));
        } else {
            WatchOnlyKeys.Builder wk = WatchOnlyKeys.newBuilder();
            w.watchKeysView().forEach((p, k) -> wk.addEntries(WatchEntry.newBuilder().setAccount(p.account())
                    .setChange(p.change()).setIndex(p.index()).setOwnerPublicKey(ByteString.copyFrom(k.toByteArray()))));
            b.setWatchOnly(wk);
        }
        org.flowcoin.wallet.internal.proto.RecoveryPolicy.Builder pb = org.flowcoin.wallet.internal.proto.RecoveryPolicy.newBuilder();
        switch (w.policy()) {
            case RecoveryPolicy.Heartbeat h -> pb.setHeartbeat(HeartbeatPolicy.newBuilder()
                    .setRecoveryPublicKey(ByteString.copyFrom(h.recoveryKey().toByteArray()))
                    .setInactivityBlocks(h.inactivityBlocks()));
            case RecoveryPolicy.Social s -> {
                SocialPolicy.Builder sb = SocialPolicy.newBuilder().setThreshold(s.threshold()).setWaitingBlocks(s.waitingBlocks());
                for (Ed25519PublicKey g : s.guardians()) sb.addGuardianPublicKeys(ByteString.copyFrom(g.toByteArray()));
                pb.setSocial(sb);
            }
        }
        b.setPolicy(pb);
        w.accountStates().forEach((idx, v) -> b.addAccounts(Account.newBuilder().setIndex(idx)
                .setIssuedExternal(v[0]).setIssuedInternal(v[1]).setUsedExternal(v[2]).setUsedInternal(v[3])));
        ChainState.Builder cs = ChainState.newBuilder().setTipHeight(w.tipHeight());
        for (Hash256 h : w.recentHashes()) cs.addRecentBlockHashes(ByteString.copyFrom(h.toByteArray()));
        for (Wallet.CoinState s : w.coinStates()) {
            Coin c = s.coin;
            WalletCoin.Builder wc = WalletCoin.newBuilder()
                    .setTxid(ByteString.copyFrom(c.outpoint().txid().toByteArray())).setVout(c.outpoint().index())
                    .setValue(c.value()).setLockingScript(ByteString.copyFrom(c.script().toByteArray()))
                    .setAccount(c.path().account()).setChange(c.path().change()).setIndex(c.path().index())
                    .setHeight(c.height()).setCoinbase(c.coinbase()).setSpentHeight(s.spentHeight);
            if (s.spentBy != null) wc.setSpentByTxid(ByteString.copyFrom(s.spentBy.toByteArray()));
            if (s.pendingSpentBy != null) wc.setPendingSpentByTxid(ByteString.copyFrom(s.pendingSpentBy.toByteArray()));
            cs.addCoins(wc);
        }
        for (Transaction t : w.pendingTransactions()) cs.addPendingTransactions(ByteString.copyFrom(t.toByteArray()));
        b.setChain(cs);
        byte[] out = b.build().toByteArray();
        if (entropy != null) Arrays.fill(entropy, (byte) 0);
        if (pass != null) Arrays.fill(pass, (byte) 0);
        return out;
    }

    static Wallet fromBody(byte[] body) throws WalletFileException {
        WalletBody wb;
        try {
            // Aliasing: secret fields point into `body`, which the caller wipes; no stray copies.
            CodedInputStream in = CodedInputStream.newInstance(body);
            in.enableAliasing(true);
            wb = WalletBody.parseFrom(in);
            in.checkLastTagWas(0);
        } catch (InvalidProtocolBufferException e) {
            throw new WalletFileException.Corrupted("body is not a valid WalletBody message");
        } catch (IOException e) {
            throw new WalletFileException.Corrupted("body unreadable");
        }
        try {
            return decode(wb);
        } catch (IllegalArgumentException | IllegalStateException | DecodeException
                | ArithmeticException e) {
            throw new WalletFileException.Corrupted("body invalid");
        }
    }

    private static Wallet decode(WalletBody wb) throws WalletFileException {
        ChainParams params = switch (wb.getNetwork()) {
            case "main", "test", "regtest" -> ChainParams.forName(wb.getNetwork());
            default -> throw new WalletFileException.Corrupted("unknown network");
        };
        if (!wb.hasPolicy()) throw new WalletFileException.Corrupted("no recovery policy");
        RecoveryPolicy policy = switch (wb.getPolicy().getKindCase()) {
            case HEARTBEAT -> new RecoveryPolicy.Heartbeat(key(wb.getPolicy().getHeartbeat().getRecoveryPublicKey()),
                    u16(wb.getPolicy().getHeartbeat().getInactivityBlocks()));
            case SOCIAL -> {
                SocialPolicy s = wb.getPolicy().getSocial();
                if (s.getGuardianPublicKeysCount() > RecoveryPolicy.MAX_GUARDIANS) throw new WalletFileException.Corrupted("too many guardians");
                List<Ed25519PublicKey> gs = new ArrayList<>();
                for (ByteString g : s.getGuardianPublicKeysList()) gs.add(key(g));
                yield new RecoveryPolicy.Social(u16(s.getThreshold()), gs, u16(s.getWaitingBlocks()));
            }
            case KIND_NOT_SET -> throw new WalletFileException.Corrupted("no recovery policy");
        };
        int gap = wb.getGapLimit();
        if (gap < 1 || gap > 10_000) throw new WalletFileException.Corrupted("gap limit");
        Map<Integer, int[]> accounts = new TreeMap<>();
        for (Account a : wb.getAccountsList()) {
            int[] v = {a.getIssuedExternal(), a.getIssuedInternal(), a.getUsedExternal(), a.getUsedInternal()};
            for (int x : v) if (x < 0 || x > MAX_INDEX) throw new WalletFileException.Corrupted("account index");
            if (a.getIndex() < 0 || a.getIndex() > MAX_INDEX || accounts.put(a.getIndex(), v) != null) {
                throw new WalletFileException.Corrupted("account list");
            }
        }
        if (accounts.size() > 1000) throw new WalletFileException.Corrupted("too many accounts");
        Wallet w;
        switch (wb.getKeysCase()) {
            case HD -> {
                byte[] entropy = wb.getHd().getMnemonicEntropy().toByteArray();
                byte[] pass = wb.getHd().getBip39Passphrase().toByteArray();
                w = Wallet.restore(params, policy, gap, wb.getCreatedUnixSeconds(), entropy, pass, null, accounts);
            }
            case WATCH_ONLY -> {
                Map<KeyPath, Ed25519PublicKey> keys = new TreeMap<>();
                for (WatchEntry e : wb.getWatchOnly().getEntriesList()) {
                    KeyPath p = new KeyPath(index(e.getAccount()), e.getChange(), index(e.getIndex()));
                    if (keys.put(p, key(e.getOwnerPublicKey())) != null) throw new WalletFileException.Corrupted("duplicate watch entry");
                }
                if (keys.isEmpty()) throw new WalletFileException.Corrupted("no watch entries");
                w = Wallet.restore(params, policy, gap, wb.getCreatedUnixSeconds(), null, null, keys, accounts);
            }
            default -> throw new WalletFileException.Corrupted("no keys");
        }
        w.setGeneration(wb.getGeneration());
        ChainState cs = wb.getChain();
        int tip = cs.getTipHeight();
        if (tip < -1 || cs.getRecentBlockHashesCount() > Wallet.MAX_REORG_DEPTH + 1
                || (tip == -1) != (cs.getRecentBlockHashesCount() == 0)) {
            throw new WalletFileException.Corrupted("chain state");
        }
        List<Hash256> hashes = new ArrayList<>();
        for (ByteString h : cs.getRecentBlockHashesList()) hashes.add(hash(h));
        List<Wallet.CoinState> states = new ArrayList<>();
        Map<OutPoint, Boolean> seen = new HashMap<>();
        for (WalletCoin c : cs.getCoinsList()) {
            OutPoint op = new OutPoint(hash(c.getTxid()), c.getVout());
            if (seen.put(op, Boolean.TRUE) != null) throw new WalletFileException.Corrupted("duplicate coin");
            if (!Amounts.isValid(c.getValue())) throw new WalletFileException.Corrupted("coin value");
            if (c.getHeight() < -1 || c.getHeight() > tip || c.getSpentHeight() < -1 || c.getSpentHeight() > tip) {
                throw new WalletFileException.Corrupted("coin height");
            }
            KeyPath p = new KeyPath(index(c.getAccount()), c.getChange(), index(c.getIndex()));
            Script script = Script.of(c.getLockingScript().toByteArray());
            if (!script.equals(w.policy().lockingScript(w.ownerKey(p)))) throw new WalletFileException.Corrupted("coin script");
            Wallet.CoinState s = new Wallet.CoinState(new Coin(op, c.getValue(), script, p, c.getHeight(), c.getCoinbase()));
            s.spentHeight = c.getSpentHeight();
            if (s.spentHeight >= 0) s.spentBy = hash(c.getSpentByTxid());
            if (!c.getPendingSpentByTxid().isEmpty()) s.pendingSpentBy = hash(c.getPendingSpentByTxid());
            states.add(s);
        }
        List<Transaction> pendingTxs = new ArrayList<>();
        for (ByteString t : cs.getPendingTransactionsList()) pendingTxs.add(Transaction.fromBytes(t.toByteArray()));
        w.restoreChain(tip, hashes, states, pendingTxs);
        return w;
    }

    private static Ed25519PublicKey key(ByteString b) throws WalletFileException {
        if (b.size() != 32) throw new WalletFileException.Corrupted("public key size");
        return Ed25519PublicKey.of(b.toByteArray());
    }

    private static Hash256 hash(ByteString b) throws WalletFileException {
        if (b.size() != 32) throw new WalletFileException.Corrupted("hash size");
        return Hash256.of(b.toByteArray());
    }

    private static int u16(int v) throws WalletFileException {
        if (v < 0 || v > 0xffff) throw new WalletFileException.Corrupted("policy parameter");
        return v;
    }

    private static int index(int v) throws WalletFileException {
        if (v < 0 || v > MAX_INDEX) throw new WalletFileException.Corrupted("index");
        return v;
    }
}
