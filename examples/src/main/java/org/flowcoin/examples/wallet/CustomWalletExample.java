package org.flowcoin.examples.wallet;

import java.time.InstantSource;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.flowcoin.crypto.Address;
import org.flowcoin.crypto.Ed25519PublicKey;
import org.flowcoin.crypto.Mnemonic;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.PotParams;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.wallet.Balance;
import org.flowcoin.wallet.RecoveryPolicy;
import org.flowcoin.wallet.Wallet;
import org.flowcoin.wallet.WalletFiles;
import org.flowcoin.wallet.storage.KdfParams;
import org.flowcoin.wallet.storage.WalletFileException;

/**
 * A custom wallet: social recovery (2 of 3 guardians after a waiting period, the owner can always
 * spend), stored encrypted, then reopened and synced against a chain state to show its balance.
 * Every address is the script-hash of the policy script, so the policy is enforced by consensus.
 *
 * <pre>
 * java ... org.flowcoin.examples.wallet.CustomWalletExample /tmp/my.wallet ~/.flowcoin/demo-regtest/node
 * </pre>
 */
public final class CustomWalletExample {
    private CustomWalletExample() {}

    /** Creates a new wallet file with a 2-of-3 social policy; returns its first receive address. */
    public static Address create(Path file, ChainParams params, List<Ed25519PublicKey> guardians, char[] passphrase, KdfParams kdf)
            throws IOException {
        SecureRandom random = new SecureRandom();
        RecoveryPolicy policy = new RecoveryPolicy.Social(2, guardians, 4_320); // ~30 days of 10-minute blocks
        Mnemonic words = Mnemonic.generate(random, 24); // show these to the user once, for the paper backup
        Wallet wallet = Wallet.create(params, words, "", policy, InstantSource.system());
        words.destroy();
        Address first = wallet.freshReceiveAddress(0);
        WalletFiles.create(file, wallet, passphrase, kdf, random).close();
        wallet.destroy();
        return first;
    }

    /** Opens the wallet file, connects the blocks of {@code chainDir} it has not seen, saves it, and returns its balance. */
    public static Balance syncAndBalance(Path file, char[] passphrase, Path chainDir, ChainParams params) throws IOException, WalletFileException {
        try (WalletFiles.Opened w = WalletFiles.open(file, passphrase);
             ChainState chain = ChainState.open(chainDir, PotParams.forChain(params), Evaluators.best(1), InstantSource.system())) {
            List<Hash256> main = chain.mainChain();
            for (int h = Math.max(1, w.wallet().tipHeight() + 1); h < main.size(); h++) {
                w.wallet().connectBlock(h, main.get(h), chain.readBlock(main.get(h)).transactions());
            }
            WalletFiles.save(w.wallet(), w.store());
            return w.wallet().balance();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: CustomWalletExample <new wallet file> <chain dir>");
            System.exit(2);
        }
        SecureRandom r = new SecureRandom();
        List<Ed25519PublicKey> guardians = List.of(
                org.flowcoin.crypto.Ed25519PrivateKey.generate(r).publicKey(),
                org.flowcoin.crypto.Ed25519PrivateKey.generate(r).publicKey(),
                org.flowcoin.crypto.Ed25519PrivateKey.generate(r).publicKey());
        char[] pass = System.console() != null ? System.console().readPassword("wallet passphrase: ") : "example".toCharArray();
        Address a = create(Path.of(args[0]), ChainParams.regtest(), guardians, pass.clone(), KdfParams.DEFAULT);
        System.out.println("receive address: " + a);
        Balance b = syncAndBalance(Path.of(args[0]), pass, Path.of(args[1]), ChainParams.regtest());
        System.out.printf("confirmed %d, immature %d, pending %d haruki%n", b.confirmed(), b.immature(), b.pending());
    }
}
