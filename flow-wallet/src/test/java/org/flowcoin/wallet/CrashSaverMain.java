package org.flowcoin.wallet;

import java.time.InstantSource;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.flowcoin.crypto.Mnemonic;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.tx.OutPoint;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxInput;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.primitives.tx.Witness;
import org.flowcoin.wallet.storage.KdfParams;
import org.flowcoin.wallet.storage.WalletStore;

/**
 * Child process of {@link CrashSafetyTest}: opens (or creates) a wallet file, then forever
 * connects a block paying the wallet a new coin at a fresh address and saves, printing
 * "SAVED g" once the save of generation g has returned. The parent kills it with SIGKILL.
 */
public final class CrashSaverMain {
    static final char[] PASS = "crash test passphrase".toCharArray();

    private CrashSaverMain() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        PrintStream out = new PrintStream(System.out, true);
        Wallet w;
        WalletStore store;
        if (Files.exists(file)) {
            WalletFiles.Opened o = WalletFiles.open(file, PASS);
            w = o.wallet();
            store = o.store();
        } else {
            Ed25519Keys keys = new Ed25519Keys();
            w = Wallet.create(ChainParams.regtest(), Mnemonic.generate(new SecureRandom(), 24), "",
                    new RecoveryPolicy.Heartbeat(keys.recovery, 1000), InstantSource.system());
            store = WalletFiles.create(file, w, PASS, KdfParams.INSECURE_FAST, new SecureRandom());
        }
        out.println("READY " + w.generation());
        while (true) {
            int h = w.tipHeight() + 1;
            w.connectBlock(h, Hash256.keccak256(("block " + h).getBytes()), List.of(payment(w, h)));
            WalletFiles.save(w, store);
            out.println("SAVED " + w.generation());
        }
    }

    /** A transaction paying the wallet's next receiving address; distinct per height. */
    static Transaction payment(Wallet w, int height) {
        return new Transaction(2, List.of(new TxInput(new OutPoint(Hash256.keccak256(("coin " + height).getBytes()), 0), -1)),
                List.of(new TxOutput(1_000 + height, Wallet.scriptFor(w.freshReceiveAddress(0)))), 0, List.of(Witness.EMPTY));
    }

    private static final class Ed25519Keys {
        final org.flowcoin.crypto.Ed25519PublicKey recovery =
                org.flowcoin.crypto.Ed25519PrivateKey.fromSeed(new byte[32]).publicKey();
    }
}
