package org.flowcoin.wallet;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.flowcoin.crypto.Address;
import org.flowcoin.crypto.AddressNetwork;
import org.flowcoin.crypto.DerivationPath;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.crypto.Ed25519PublicKey;
import org.flowcoin.crypto.HdSeed;
import org.flowcoin.crypto.Mnemonic;
import org.flowcoin.crypto.Slip10;
import org.flowcoin.crypto.Slip10Key;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.WitnessProgram;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.SigHash;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.TxRules;
import org.flowcoin.primitives.tx.Witness;

/**
 * An HD (or watch-only) wallet bound to one network and one mandatory {@link RecoveryPolicy}.
 *
 * <p>Keys: BIP-39 mnemonic → seed → SLIP-0010 ed25519 at {@code m/44'/9555'/account'/change'/index'}.
 * Every address is the v1 script-hash address of the policy script for that index's owner key.
 * The wallet watches, per account and chain, every index below
 * {@code max(issued, used) + gapLimit}, so a wallet restored from its mnemonic finds all coins
 * as long as no more than {@code gapLimit} consecutive addresses went unused.
 *
 * <p>Chain state comes in through {@link #connectBlock}/{@link #disconnectBlock} (in order) and
 * {@link #addPending}. Spends use the owner branch; recovery spends are built by the key holders
 * with {@link RecoverySpend}.
 *
 * <pre>{@code
 * Mnemonic m = Mnemonic.generate(new SecureRandom(), 24);
 * Wallet w = Wallet.create(ChainParams.regtest(), m, "", new RecoveryPolicy.Heartbeat(recoveryKey, 1000));
 * Address a = w.freshReceiveAddress(0);
 * w.connectBlock(height, blockHash, block.transactions());
 * Transaction tx = w.send(0, List.of(new TxOutput(5 * Amounts.COIN, payee)), 10);
 * }</pre>
 *
 * Instances are thread-safe (all methods synchronise on the wallet). Secrets never appear in
 * {@code toString}; {@link #destroy()} wipes them.
 */
public final class Wallet {
    /** BIP-44's address gap limit. */
    public static final int DEFAULT_GAP_LIMIT = 20;
    /** Spent coins are kept this many blocks so a reorganisation can restore them. */
    public static final int MAX_REORG_DEPTH = 100;
    /** Change smaller than this (haruki) goes to the fee instead. */
    public static final long DUST_LIMIT = 546;
    /** Sequence of owner-signed inputs: final, or signalling replace-by-fee. */
    public static final int SEQUENCE_RBF = 0xfffffffd;

    private final ChainParams params;
    private final AddressNetwork network;
    private final RecoveryPolicy policy;
    private final int gapLimit;
    private final long createdUnixSeconds;
    // HD: entropy and passphrase are what the file stores; seed and chain keys are derived.
    private final byte[] entropy;
    private final byte[] bip39Passphrase;
    private final HdSeed seed;
    private final Map<Long, Slip10Key> chainKeys = new HashMap<>();
    // Watch-only: the exported owner keys.
    private final Map<KeyPath, Ed25519PublicKey> watchKeys;

    private final Map<KeyPath, Ed25519PublicKey> ownerKeys = new HashMap<>();
    private final Map<Script, KeyPath> scripts = new HashMap<>();
    private final TreeMap<Integer, AccountState> accounts = new TreeMap<>();
    private final LinkedHashMap<OutPoint, CoinState> coins = new LinkedHashMap<>();
    private final Map<Hash256, Transaction> pending = new LinkedHashMap<>();
    private int tipHeight = -1;
    private Hash256 tipHash;
    private final ArrayList<Hash256> recentHashes = new ArrayList<>(); // recentHashes[i] = hash at tipHeight - size + 1 + i
    private long generation;
    private boolean destroyed;

    /** Per account: addresses handed out and one past the highest index seen used, per chain. */
    static final class AccountState {
        final int[] issued = new int[2];
        final int[] used = new int[2];
    }

    /** A coin plus its spend state. */
    static final class CoinState {
        Coin coin;
        int spentHeight = -1;
        Hash256 spentBy;
        Hash256 pendingSpentBy;

        CoinState(Coin coin) {
            this.coin = coin;
        }

        boolean isUnspent() {
            return spentHeight < 0 && pendingSpentBy == null;
        }
    }

    private Wallet(ChainParams params, RecoveryPolicy policy, int gapLimit, long created, byte[] entropy,
            byte[] bip39Passphrase, Map<KeyPath, Ed25519PublicKey> watchKeys) {
        this.params = Objects.requireNonNull(params, "params");
        this.network = AddressNetwork.forHrp(params.hrp())
                .orElseThrow(() -> new IllegalArgumentException("no address network for HRP " + params.hrp()));
        this.policy = Objects.requireNonNull(policy, "a recovery policy is mandatory");
        if (gapLimit < 1 || gapLimit > 10_000) throw new IllegalArgumentException("gap limit must be 1..10000");
        this.gapLimit = gapLimit;
        this.createdUnixSeconds = created;
        this.entropy = entropy;
        this.bip39Passphrase = bip39Passphrase;
        this.watchKeys = watchKeys;
        if (entropy != null) {
            Mnemonic m = Mnemonic.fromEntropy(entropy);
            try {
                this.seed = m.toSeed(new String(bip39Passphrase, StandardCharsets.UTF_8));
            } finally {
                m.destroy();
            }
        } else {
            this.seed = null;
        }
        account(0);
    }

    /**
     * A new HD wallet for {@code mnemonic} (e.g. {@code Mnemonic.generate(random, 24)}), or the
     * import of an existing one; either way it scans with the default gap limit.
     *
     * @param bip39Passphrase the optional BIP-39 passphrase ("" for none)
     * @param policy          mandatory; see {@link RecoveryPolicy}
     * @param clock           read once, for {@link #createdUnixSeconds()} (the library reads no clock itself)
     */
    public static Wallet create(ChainParams params, Mnemonic mnemonic, String bip39Passphrase, RecoveryPolicy policy, InstantSource clock) {
        return create(params, mnemonic, bip39Passphrase, policy, DEFAULT_GAP_LIMIT, clock);
    }

    /** As {@link #create(ChainParams, Mnemonic, String, RecoveryPolicy, InstantSource)} with another gap limit. */
    public static Wallet create(ChainParams params, Mnemonic mnemonic, String bip39Passphrase, RecoveryPolicy policy,
            int gapLimit, InstantSource clock) {
        Objects.requireNonNull(mnemonic, "mnemonic");
        Objects.requireNonNull(bip39Passphrase, "bip39Passphrase");
        Wallet w = new Wallet(params, policy, gapLimit, clock.instant().getEpochSecond(), mnemonic.entropy(),
                bip39Passphrase.getBytes(StandardCharsets.UTF_8), null);
        w.checkPolicyKeys();
        return w;
    }

    /** A fresh 24-word wallet; the caller must show {@link #mnemonic()} to the user for backup. */
    public static Wallet generate(ChainParams params, RecoveryPolicy policy, SecureRandom random, InstantSource clock) {
        Mnemonic m = Mnemonic.generate(random, 24);
        try {
            return create(params, m, "", policy, clock);
        } finally {
            m.destroy();
        }
    }

    /**
     * A watch-only wallet over exported owner keys (see {@link #exportWatchList}). It tracks
     * coins and builds unsigned recovery transactions but cannot sign owner spends.
     */
    public static Wallet watchOnly(ChainParams params, RecoveryPolicy policy, List<WatchEntry> entries, InstantSource clock) {
        Map<KeyPath, Ed25519PublicKey> keys = new TreeMap<>();
        for (WatchEntry e : entries) {
            Ed25519PublicKey prev = keys.putIfAbsent(e.path(), e.ownerKey());
            if (prev != null && !prev.equals(e.ownerKey())) throw new IllegalArgumentException("two keys for path " + e.path());
        }
        if (keys.isEmpty()) throw new IllegalArgumentException("no keys to watch");
        Wallet w = new Wallet(params, policy, DEFAULT_GAP_LIMIT, clock.instant().getEpochSecond(), null, null, keys);
        for (KeyPath p : keys.keySet()) w.account(p.account());
        w.checkPolicyKeys();
        return w;
    }

    // ---- restore from the file body (WalletFiles) ----

    static Wallet restore(ChainParams params, RecoveryPolicy policy, int gapLimit, long created, byte[] entropy,
            byte[] passphrase, Map<KeyPath, Ed25519PublicKey> watchKeys, Map<Integer, int[]> accountStates) {
        Wallet w = new Wallet(params, policy, gapLimit, created, entropy, passphrase, watchKeys);
        if (watchKeys != null) for (KeyPath p : watchKeys.keySet()) w.account(p.account());
        for (Map.Entry<Integer, int[]> e : accountStates.entrySet()) {
            AccountState a = w.accounts.computeIfAbsent(e.getKey(), k -> new AccountState());
            int[] v = e.getValue();
            a.issued[0] = v[0];
            a.issued[1] = v[1];
            a.used[0] = v[2];
            a.used[1] = v[3];
            w.extendLookahead(e.getKey());
        }
        return w;
    }

    private void checkPolicyKeys() {
        // The owner key of index 0 must not coincide with a recovery key; that would collapse the policy.
        Ed25519PublicKey owner = ownerKey(new KeyPath(0, 0, 0));
        if (RecoveryPolicy.foreignKeys(policy).contains(owner)) throw new IllegalArgumentException("owner key reused as recovery key");
    }

    // ---- accessors ----

    public synchronized ChainParams params() {
        return params;
    }

    public AddressNetwork network() {
        return network;
    }

    public RecoveryPolicy policy() {
        return policy;
    }

    public int gapLimit() {
        return gapLimit;
    }

    public boolean isWatchOnly() {
        return seed == null;
    }

    public long createdUnixSeconds() {
        return createdUnixSeconds;
    }

    /** Height of the last connected block, or -1. */
    public synchronized int tipHeight() {
        return tipHeight;
    }

    /** Hash of the last connected block, if any. */
    public synchronized Optional<Hash256> tipHash() {
        return Optional.ofNullable(tipHash);
    }

    /** The save counter: {@link WalletFiles#save} increments it on every save. */
    public synchronized long generation() {
        return generation;
    }

    synchronized void setGeneration(long g) {
        generation = g;
    }

    /** The BIP-39 mnemonic for backup; the caller should {@link Mnemonic#destroy()} it. */
    public synchronized Mnemonic mnemonic() {
        checkLive();
        if (entropy == null) throw new IllegalStateException("watch-only wallet has no mnemonic");
        return Mnemonic.fromEntropy(entropy);
    }

    /** Accounts in use. */
    public synchronized List<Integer> accounts() {
        return List.copyOf(accounts.keySet());
    }

    // ---- keys and addresses ----

    /** The owner public key at {@code path}. */
    public synchronized Ed25519PublicKey ownerKey(KeyPath path) {
        checkLive();
        Ed25519PublicKey k = ownerKeys.get(path);
        if (k != null) return k;
        if (watchKeys != null) {
            k = watchKeys.get(path);
            if (k == null) throw new IllegalArgumentException("watch-only wallet has no key at " + path);
        } else {
            Slip10Key child = chainKey(path.account(), path.change()).deriveHardened(path.index());
            k = child.publicKey();
            child.destroy();
        }
        ownerKeys.put(path, k);
        return k;
    }

    /** The policy address of {@code path}. */
    public synchronized Address address(KeyPath path) {
        return policy.address(network, ownerKey(path));
    }

    /** The policy witness script of {@code path}. */
    public synchronized Script witnessScript(KeyPath path) {
        return policy.witnessScript(ownerKey(path));
    }

    /**
     * The next unused receiving address of {@code account}.
     *
     * @throws GapLimitException if that would leave more than the gap limit of unused addresses
     */
    public synchronized Address freshReceiveAddress(int account) {
        return address(issue(account, KeyPath.EXTERNAL));
    }

    /** Hands out the next index on a chain (receiving or change) under the gap rule. */
    synchronized KeyPath issue(int account, int change) {
        checkLive();
        AccountState a = account(account);
        int next = a.issued[change];
        if (next >= a.used[change] + gapLimit) {
            if (change == KeyPath.EXTERNAL) throw new GapLimitException(account, gapLimit);
            // Change: reuse the oldest unused index rather than exceed the window a restore scans.
            next = a.used[change];
        }
        KeyPath p = new KeyPath(account, change, next);
        if (watchKeys != null && !watchKeys.containsKey(p)) throw new IllegalStateException("no exported key for " + p);
        a.issued[change] = Math.max(a.issued[change], next + 1);
        extendLookahead(account);
        return p;
    }

    /**
     * The owner keys of {@code account} for export to a watch-only wallet: every index the wallet
     * watches (issued or used, plus the gap-limit look-ahead), both chains.
     */
    public synchronized List<WatchEntry> exportWatchList(int account) {
        List<WatchEntry> out = new ArrayList<>();
        if (watchKeys != null) {
            // a watch-only wallet re-exports exactly what it was given
            watchKeys.forEach((p, k) -> {
                if (p.account() == account) out.add(new WatchEntry(p, k));
            });
            return out;
        }
        AccountState a = account(account);
        for (int change = 0; change < 2; change++) {
            int end = Math.max(a.issued[change], a.used[change]) + gapLimit;
            for (int i = 0; i < end; i++) {
                KeyPath p = new KeyPath(account, change, i);
                if (watchKeys != null && !watchKeys.containsKey(p)) continue;
                out.add(new WatchEntry(p, ownerKey(p)));
            }
        }
        return out;
    }

    /** The key path of a locking script this wallet watches, if any. */
    public synchronized Optional<KeyPath> pathOf(Script lockingScript) {
        return Optional.ofNullable(scripts.get(lockingScript));
    }

    private AccountState account(int account) {
        if (account < 0) throw new IllegalArgumentException("account must be >= 0");
        AccountState a = accounts.get(account);
        if (a == null) {
            a = new AccountState();
            accounts.put(account, a);
            extendLookahead(account);
        }
        return a;
    }

    private void extendLookahead(int account) {
        AccountState a = accounts.get(account);
        for (int change = 0; change < 2; change++) {
            int end = Math.max(a.issued[change], a.used[change]) + gapLimit;
            for (int i = 0; i < end; i++) {
                KeyPath p = new KeyPath(account, change, i);
                if (ownerKeys.containsKey(p)) continue;
                if (watchKeys != null && !watchKeys.containsKey(p)) continue;
                scripts.put(policy.lockingScript(ownerKey(p)), p);
            }
        }
    }

    private Slip10Key chainKey(int account, int change) {
        long id = ((long) account << 1) | change;
        Slip10Key k = chainKeys.get(id);
        if (k == null) {
            k = Slip10.derive(seed, DerivationPath.ofHardened(DerivationPath.PURPOSE, DerivationPath.COIN_TYPE, account, change));
            chainKeys.put(id, k);
        }
        return k;
    }

    /** The owner private key at {@code path}; the caller destroys it. */
    synchronized Ed25519PrivateKey ownerPrivateKey(KeyPath path) {
        checkLive();
        if (seed == null) throw new IllegalStateException("watch-only wallet cannot sign");
        Slip10Key child = chainKey(path.account(), path.change()).deriveHardened(path.index());
        try {
            return child.ed25519PrivateKey();
        } finally {
            child.destroy();
        }
    }

    // ---- chain tracking ----

    /**
     * Applies the block at {@code height} (the next one after the tip, or any height for the
     * first block seen). Coins paying watched scripts are added, coins spent by its
     * transactions are marked spent, and the look-ahead grows past newly used indices.
     */
    public synchronized void connectBlock(int height, Hash256 blockHash, List<Transaction> txs) {
        checkLive();
        Objects.requireNonNull(blockHash, "blockHash");
        if (tipHeight >= 0 && height != tipHeight + 1) {
            throw new IllegalStateException("block at height " + height + " does not extend tip " + tipHeight);
        }
        for (Transaction tx : txs) apply(tx, height);
        tipHeight = height;
        tipHash = blockHash;
        recentHashes.add(blockHash);
        if (recentHashes.size() > MAX_REORG_DEPTH + 1) recentHashes.remove(0);
        prune();
    }

    /**
     * Undoes the tip block (reorganisation): coins it created disappear, coins it spent become
     * unspent again. Blocks must be disconnected newest first.
     */
    public synchronized void disconnectBlock(int height, Hash256 blockHash, List<Transaction> txs) {
        checkLive();
        if (height != tipHeight || !blockHash.equals(tipHash)) throw new IllegalStateException("not the tip block");
        if (recentHashes.size() < 2) throw new IllegalStateException("reorganisation deeper than " + MAX_REORG_DEPTH + " blocks");
        for (int t = txs.size() - 1; t >= 0; t--) {
            Transaction tx = txs.get(t);
            Hash256 txid = tx.txid();
            for (int i = 0; i < tx.outputs().size(); i++) {
                CoinState cs = coins.get(new OutPoint(txid, i));
                if (cs != null && cs.coin.height() == height) coins.remove(new OutPoint(txid, i));
            }
        }
        for (CoinState cs : coins.values()) {
            if (cs.spentHeight == height) {
                cs.spentHeight = -1;
                cs.spentBy = null;
            }
        }
        recentHashes.remove(recentHashes.size() - 1);
        tipHeight = height - 1;
        tipHash = recentHashes.get(recentHashes.size() - 1);
    }

    /** Records an unconfirmed transaction that pays or spends the wallet (including its own sends). */
    public synchronized void addPending(Transaction tx) {
        checkLive();
        Hash256 txid = tx.txid();
        boolean relevant = false;
        for (TxInput in : tx.inputs()) {
            CoinState cs = coins.get(in.prevout());
            if (cs != null && cs.spentHeight < 0) {
                cs.pendingSpentBy = txid;
                relevant = true;
            }
        }
        for (int i = 0; i < tx.outputs().size(); i++) {
            TxOutput o = tx.outputs().get(i);
            KeyPath p = scripts.get(o.script());
            if (p == null) continue;
            relevant = true;
            OutPoint op = new OutPoint(txid, i);
            coins.putIfAbsent(op, new CoinState(new Coin(op, o.value(), o.script(), p, Coin.UNCONFIRMED, false)));
            markUsed(p);
        }
        if (relevant) {
            pending.put(txid, tx);
        }
    }

    /** Forgets an unconfirmed transaction (dropped from the mempool or replaced). */
    public synchronized void removePending(Hash256 txid) {
        Transaction tx = pending.remove(txid);
        if (tx == null) return;
        for (CoinState cs : coins.values()) if (txid.equals(cs.pendingSpentBy)) cs.pendingSpentBy = null;
        for (int i = 0; i < tx.outputs().size(); i++) {
            CoinState cs = coins.get(new OutPoint(txid, i));
            if (cs != null && !cs.coin.isConfirmed()) coins.remove(new OutPoint(txid, i));
        }
    }

    private void apply(Transaction tx, int height) {
        Hash256 txid = tx.txid();
        boolean coinbase = tx.isCoinbase();
        if (!coinbase) {
            for (TxInput in : tx.inputs()) {
                CoinState cs = coins.get(in.prevout());
                if (cs == null) continue;
                if (cs.pendingSpentBy != null && !cs.pendingSpentBy.equals(txid)) {
                    // a conflicting transaction confirmed: ours can never confirm
                    Hash256 loser = cs.pendingSpentBy;
                    removePending(loser);
                }
                cs.pendingSpentBy = null;
                cs.spentHeight = height;
                cs.spentBy = txid;
            }
        }
        for (int i = 0; i < tx.outputs().size(); i++) {
            TxOutput o = tx.outputs().get(i);
            KeyPath p = scripts.get(o.script());
            if (p == null) continue;
            OutPoint op = new OutPoint(txid, i);
            CoinState cs = coins.get(op);
            Coin c = new Coin(op, o.value(), o.script(), p, height, coinbase);
            if (cs == null) coins.put(op, new CoinState(c));
            else cs.coin = c;
            markUsed(p);
        }
        pending.remove(txid);
    }

    private void markUsed(KeyPath p) {
        AccountState a = account(p.account());
        if (p.index() + 1 > a.used[p.change()]) {
            a.used[p.change()] = p.index() + 1;
            a.issued[p.change()] = Math.max(a.issued[p.change()], p.index() + 1);
            extendLookahead(p.account());
        }
    }

    private void prune() {
        coins.values().removeIf(cs -> cs.spentHeight >= 0 && cs.spentHeight <= tipHeight - MAX_REORG_DEPTH);
    }

    // ---- balances and coins ----

    /** Confirmed (spendable), immature coinbase and pending balance. */
    public synchronized Balance balance() {
        long confirmed = 0;
        long immature = 0;
        long pendingValue = 0;
        for (CoinState cs : coins.values()) {
            if (!cs.isUnspent()) continue;
            Coin c = cs.coin;
            if (!c.isConfirmed()) pendingValue = Amounts.add(pendingValue, c.value());
            else if (isMature(c)) confirmed = Amounts.add(confirmed, c.value());
            else immature = Amounts.add(immature, c.value());
        }
        return new Balance(confirmed, immature, pendingValue);
    }

    /** Unspent, confirmed, mature coins of {@code account}. */
    public synchronized List<Coin> spendableCoins(int account) {
        List<Coin> out = new ArrayList<>();
        for (CoinState cs : coins.values()) {
            Coin c = cs.coin;
            if (cs.isUnspent() && c.isConfirmed() && isMature(c) && c.path().account() == account) out.add(c);
        }
        return out;
    }

    /** Every unspent coin (confirmed or not, mature or not). */
    public synchronized List<Coin> unspentCoins() {
        List<Coin> out = new ArrayList<>();
        for (CoinState cs : coins.values()) if (cs.isUnspent()) out.add(cs.coin);
        return out;
    }

    /** Unconfirmed transactions the wallet knows about. */
    public synchronized List<Transaction> pendingTransactions() {
        return List.copyOf(pending.values());
    }

    /**
     * Coins whose recovery branch opens within {@code marginBlocks} blocks: the owner should
     * refresh them (see {@link #heartbeat}).
     */
    public synchronized List<Coin> coinsNeedingHeartbeat(int marginBlocks) {
        List<Coin> out = new ArrayList<>();
        for (CoinState cs : coins.values()) {
            Coin c = cs.coin;
            if (cs.isUnspent() && c.isConfirmed() && c.depth(tipHeight) + marginBlocks >= policy.delayBlocks()) out.add(c);
        }
        return out;
    }

    private boolean isMature(Coin c) {
        return TxRules.matured(c.coinbase(), c.height(), tipHeight + 1, params);
    }

    // ---- spending (owner branch) ----

    /**
     * Builds, signs and records (as pending) a payment from {@code account}.
     *
     * @param payments        outputs to create (value and locking script; see {@link #scriptFor})
     * @param feeRateHaruki   fee rate in haruki per virtual byte (weight / 4, rounded up)
     */
    public synchronized Transaction send(int account, List<TxOutput> payments, long feeRateHaruki)
            throws InsufficientFundsException {
        return send(account, payments, feeRateHaruki, false);
    }

    /** As {@link #send(int, List, long)}; {@code replaceable} signals replace-by-fee on every input. */
    public synchronized Transaction send(int account, List<TxOutput> payments, long feeRateHaruki, boolean replaceable)
            throws InsufficientFundsException {
        checkLive();
        if (isWatchOnly()) throw new IllegalStateException("watch-only wallet cannot sign");
        if (payments.isEmpty()) throw new IllegalArgumentException("no payments");
        if (feeRateHaruki < 0 || feeRateHaruki > Amounts.COIN) throw new IllegalArgumentException("fee rate out of range");
        long paySum = 0;
        for (TxOutput o : payments) paySum = Amounts.add(paySum, o.value());
        List<Coin> available = spendableCoins(account);
        Script changeScript = policy.lockingScript(ownerKey(new KeyPath(account, KeyPath.INTERNAL, 0)));
        TxSizes sz = TxSizes.measure(policy, ownerKey(new KeyPath(account, 0, 0)), payments, changeScript);
        long inputFee = fee(sz.inputWeight(), feeRateHaruki);
        long target = paySum + fee(sz.skeletonWeight(), feeRateHaruki);
        long changeCost = fee(sz.changeWeight(), feeRateHaruki);
        CoinSelector.Result sel = CoinSelector.select(available, target, inputFee, changeCost, DUST_LIMIT);
        int sequence = replaceable ? SEQUENCE_RBF : TxInput.SEQUENCE_FINAL;
        List<TxOutput> outs = new ArrayList<>(payments);
        long inSum = 0;
        for (Coin c : sel.coins()) inSum += c.value();
        KeyPath changePath = null;
        if (sel.needsChange()) {
            changePath = issue(account, KeyPath.INTERNAL);
            outs.add(new TxOutput(0, policy.lockingScript(ownerKey(changePath)))); // value set below
        }
        // Sizes are exact before signing (fixed-length signatures): settle the outputs, then sign once.
        long fee = fee(unsignedOwner(sel.coins(), outs, sequence).weight(), feeRateHaruki);
        if (changePath != null) {
            long change = inSum - paySum - fee;
            if (change < DUST_LIMIT) {
                outs.remove(outs.size() - 1);
                fee = fee(unsignedOwner(sel.coins(), outs, sequence).weight(), feeRateHaruki);
            } else {
                outs.set(outs.size() - 1, new TxOutput(change, outs.get(outs.size() - 1).script()));
            }
        }
        Transaction tx = signOwner(sel.coins(), outs, sequence, 0);
        long actualFee = inSum - tx.totalOutputSaturating();
        if (actualFee < fee) throw new InsufficientFundsException(inSum, paySum + fee);
        addPending(tx);
        return tx;
    }

    /**
     * The owner's heartbeat: spends the given coins (for example {@link #coinsNeedingHeartbeat})
     * back to one fresh change address, restarting their recovery clock.
     */
    public synchronized Transaction heartbeat(List<Coin> coinsToRefresh, long feeRateHaruki) throws InsufficientFundsException {
        checkLive();
        if (coinsToRefresh.isEmpty()) throw new IllegalArgumentException("no coins");
        int account = coinsToRefresh.get(0).path().account();
        long inSum = 0;
        for (Coin c : coinsToRefresh) {
            CoinState cs = coins.get(c.outpoint());
            if (cs == null || !cs.isUnspent()) throw new IllegalArgumentException("not an unspent wallet coin: " + c.outpoint());
            inSum += c.value();
        }
        KeyPath changePath = issue(account, KeyPath.INTERNAL);
        Script to = policy.lockingScript(ownerKey(changePath));
        Transaction probe = unsignedOwner(coinsToRefresh, List.of(new TxOutput(0, to)), TxInput.SEQUENCE_FINAL);
        long fee = fee(probe.weight(), feeRateHaruki);
        if (inSum - fee < DUST_LIMIT) throw new InsufficientFundsException(inSum, fee + DUST_LIMIT);
        Transaction tx = signOwner(coinsToRefresh, List.of(new TxOutput(inSum - fee, to)), TxInput.SEQUENCE_FINAL, 0);
        addPending(tx);
        return tx;
    }

    /** The transaction with placeholder owner witnesses of the exact final size. */
    private Transaction unsignedOwner(List<Coin> inputs, List<TxOutput> outputs, int sequence) {
        List<TxInput> ins = new ArrayList<>();
        List<Witness> ws = new ArrayList<>();
        for (Coin c : inputs) {
            ins.add(new TxInput(c.outpoint(), sequence));
            ws.add(PolicyWitness.owner(new byte[65], witnessScript(c.path())));
        }
        return new Transaction(2, ins, outputs, 0, ws);
    }

    /** Signs every input with its owner key through the policy's owner branch. */
    private Transaction signOwner(List<Coin> inputs, List<TxOutput> outputs, int sequence, int lockTime) {
        List<TxInput> ins = new ArrayList<>();
        List<Witness> empty = new ArrayList<>();
        for (Coin c : inputs) {
            ins.add(new TxInput(c.outpoint(), sequence));
            empty.add(Witness.EMPTY);
        }
        Transaction unsigned = new Transaction(2, ins, outputs, lockTime, empty);
        SigHash sh = new SigHash(unsigned, params);
        List<Witness> ws = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Coin c = inputs.get(i);
            Script ws1 = witnessScript(c.path());
            Ed25519PrivateKey k = ownerPrivateKey(c.path());
            try {
                ws.add(PolicyWitness.owner(PolicyWitness.sign(sh, i, ws1, c.value(), k), ws1));
            } finally {
                k.destroy();
            }
        }
        return unsigned.withWitnesses(ws);
    }

    /** Fee in haruki for {@code weight} at {@code rate} haruki per virtual byte. */
    public static long fee(long weight, long rate) {
        return Math.multiplyExact((weight + 3) / 4, rate);
    }

    /** The locking script an address stands for. */
    public static Script scriptFor(Address address) {
        return new WitnessProgram(address.version(), address.program()).toScript();
    }

    // ---- state for persistence ----

    synchronized byte[] entropyCopy() {
        return entropy == null ? null : entropy.clone();
    }

    synchronized byte[] passphraseCopy() {
        return bip39Passphrase == null ? null : bip39Passphrase.clone();
    }

    synchronized Map<KeyPath, Ed25519PublicKey> watchKeysView() {
        return watchKeys == null ? null : Collections.unmodifiableMap(watchKeys);
    }

    synchronized Map<Integer, int[]> accountStates() {
        Map<Integer, int[]> out = new TreeMap<>();
        accounts.forEach((k, a) -> out.put(k, new int[] {a.issued[0], a.issued[1], a.used[0], a.used[1]}));
        return out;
    }

    synchronized List<CoinState> coinStates() {
        return List.copyOf(coins.values());
    }

    synchronized List<Hash256> recentHashes() {
        return List.copyOf(recentHashes);
    }

    synchronized void restoreChain(int height, List<Hash256> hashes, List<CoinState> states, List<Transaction> pendingTxs) {
        tipHeight = height;
        recentHashes.clear();
        recentHashes.addAll(hashes);
        tipHash = hashes.isEmpty() ? null : hashes.get(hashes.size() - 1);
        for (CoinState cs : states) coins.put(cs.coin.outpoint(), cs);
        for (Transaction t : pendingTxs) pending.put(t.txid(), t);
    }

    private void checkLive() {
        if (destroyed) throw new IllegalStateException("wallet destroyed");
    }

    /** Wipes the seed, entropy, passphrase and cached chain keys; the wallet is unusable afterwards. */
    public synchronized void destroy() {
        if (entropy != null) Arrays.fill(entropy, (byte) 0);
        if (bip39Passphrase != null) Arrays.fill(bip39Passphrase, (byte) 0);
        if (seed != null) seed.destroy();
        chainKeys.values().forEach(Slip10Key::destroy);
        chainKeys.clear();
        destroyed = true;
    }

    @Override
    public synchronized String toString() {
        return "Wallet[" + params.name() + ", " + (isWatchOnly() ? "watch-only" : "hd") + ", "
                + policy.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + ", tip " + tipHeight + "]";
    }
}
