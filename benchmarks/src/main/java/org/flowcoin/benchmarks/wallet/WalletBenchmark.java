package org.flowcoin.benchmarks.wallet;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.flowcoin.crypto.AddressNetwork;
import org.flowcoin.crypto.DerivationPath;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.crypto.HdSeed;
import org.flowcoin.crypto.Mnemonic;
import org.flowcoin.crypto.Slip10;
import org.flowcoin.crypto.Slip10Key;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.Witness;
import org.flowcoin.wallet.Coin;
import org.flowcoin.wallet.CoinSelector;
import org.flowcoin.wallet.KeyPath;
import org.flowcoin.wallet.RecoveryPolicy;
import org.flowcoin.wallet.Wallet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Wallet costs: deriving a policy address (SLIP-0010 child + Ed25519 public key + policy script
 * + Keccak-256 + Bech32m), signing a 10-input payment, coin selection over 10,000 coins.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WalletBenchmark {
    static final String ABANDON = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    RecoveryPolicy policy;
    HdSeed seed;
    Slip10Key chainKey;
    int index;
    Wallet wallet;
    Script payee;
    List<Coin> coins10k;
    long bnbTarget;

    @Setup(Level.Trial)
    public void setup() {
        policy = new RecoveryPolicy.Heartbeat(Ed25519PrivateKey.fromSeed(new byte[32]).publicKey(), 52_560);
        seed = Mnemonic.parse(ABANDON).toSeed("");
        chainKey = Slip10.derive(seed, DerivationPath.ofHardened(44, 9555, 0, 0));

        // a wallet holding exactly 10 coins of 1 FLOW, so a 9.9 FLOW payment spends all ten
        wallet = Wallet.create(ChainParams.regtest(), Mnemonic.parse(ABANDON), "", policy, InstantSource.system());
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Script s = Wallet.scriptFor(wallet.address(new KeyPath(0, 0, i)));
            txs.add(new Transaction(2, List.of(new TxInput(new OutPoint(Hash256.keccak256(new byte[] {(byte) i}), 0), -1)),
                    List.of(new TxOutput(Amounts.COIN, s)), 0, List.of(Witness.EMPTY)));
        }
        wallet.connectBlock(0, Hash256.keccak256(new byte[] {42}), txs);
        payee = Templates.payToKeyHash(Ed25519PrivateKey.fromSeed(new byte[32]).publicKey().toByteArray());

        Random r = new Random(1);
        coins10k = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            coins10k.add(new Coin(new OutPoint(Hash256.keccak256(new byte[] {(byte) i, (byte) (i >> 8)}), i),
                    10_000 + r.nextInt(100_000_000), Script.EMPTY, new KeyPath(0, 0, i), 1, false));
        }
        // the two largest coins match exactly: the first path of the depth-first search
        long[] sorted = coins10k.stream().mapToLong(Coin::value).sorted().toArray();
        bnbTarget = sorted[sorted.length - 1] + sorted[sorted.length - 2] - 2 * 68;
    }

    /** One address on a cache miss: child key, public key, policy script, hash, Bech32m. */
    @Benchmark
    public String deriveAddress() {
        Slip10Key child = chainKey.deriveHardened(index++ & 0x7fffffff);
        String a = policy.address(AddressNetwork.MAIN, child.publicKey()).encode();
        child.destroy();
        return a;
    }

    /** The same from the seed along the full five-level path. */
    @Benchmark
    public String deriveAddressFullPath() {
        Slip10Key k = Slip10.derive(seed, DerivationPath.flow(0, 0, index++ & 0x7fffffff));
        String a = policy.address(AddressNetwork.MAIN, k.publicKey()).encode();
        k.destroy();
        return a;
    }

    /** Coin selection, fee computation and signing of a payment that spends all 10 coins. */
    @Benchmark
    public Transaction signTenInputPayment() throws Exception {
        Transaction tx = wallet.send(0, List.of(new TxOutput(9 * Amounts.COIN + 90_000_000, payee)), 1);
        wallet.removePending(tx.txid());
        return tx;
    }

    /** A target the two largest coins match exactly: the sort plus a two-step branch-and-bound search. */
    @Benchmark
    public CoinSelector.Result selectBnbHitOf10k() throws Exception {
        return CoinSelector.select(coins10k, bnbTarget, 68, 43, 546);
    }

    /** A target without a changeless match in reach: the 100,000-step budget runs out, then largest-first. */
    @Benchmark
    public CoinSelector.Result selectFallbackOf10k() throws Exception {
        return CoinSelector.select(coins10k, 1_234_567_891L, 68, 0, 546);
    }
}
