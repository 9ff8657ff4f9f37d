package org.flowcoin.examples.cli;

import java.time.InstantSource;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowcoin.crypto.Address;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.crypto.Ed25519PublicKey;
import org.flowcoin.crypto.Mnemonic;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.pot.ChainState;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.wallet.Balance;
import org.flowcoin.wallet.InsufficientFundsException;
import org.flowcoin.wallet.RecoveryPolicy;
import org.flowcoin.wallet.RecoverySpend;
import org.flowcoin.wallet.Wallet;
import org.flowcoin.wallet.WalletFiles;
import org.flowcoin.wallet.WatchEntry;
import org.flowcoin.wallet.storage.KdfParams;
import org.flowcoin.wallet.storage.WalletFileException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flow wallet create|address|sync|balance|send|recover|export --datadir D}. The wallet file is
 * {@code D/wallet.dat}. Secrets (file passphrase, mnemonic, recovery and guardian keys) are read
 * from the console without echo; only with {@code --insecure-arg} are they taken from options.
 */
@Command(name = "wallet", description = "Encrypted HD wallets with mandatory recovery policies.",
        mixinStandardHelpOptions = true)
final class WalletCommand {
    static final String FILE_NAME = "wallet.dat";

    /** Options every subcommand shares. */
    static final class Common {
        @Option(names = "--datadir", required = true, description = "Directory holding wallet.dat.")
        Path datadir;

        @Option(names = "--insecure-arg", description = "Take secrets from the options below instead of prompting "
                + "(they end up in shell history and process lists).")
        boolean insecureArg;

        @Option(names = "--passphrase", description = "Wallet file passphrase (only with --insecure-arg).")
        String passphrase;

        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Read the wallet file passphrase from the "
                + "first line of FILE (for scripts; keep the file private).")
        Path passphraseFile;

        @Option(names = "--json", description = "Machine-readable output.")
        boolean json;

        Path file() {
            return datadir.resolve(FILE_NAME);
        }

        char[] secret(String prompt, String insecureValue, String option) {
            if (insecureArg) {
                if (insecureValue == null) throw new InvalidInputException(option + " is required with --insecure-arg");
                return insecureValue.toCharArray();
            }
            if (insecureValue != null) throw new InvalidInputException(option + " is only accepted with --insecure-arg");
            Console c = System.console();
            if (c == null) throw new InvalidInputException("no console to prompt for secrets; use --insecure-arg");
            char[] v = c.readPassword("%s: ", prompt);
            if (v == null) throw new InvalidInputException("no input");
            return v;
        }

        char[] passphrase() {
            if (passphraseFile == null) return secret("Wallet passphrase", passphrase, "--passphrase");
            if (passphrase != null) throw new InvalidInputException("give --passphrase or --passphrase-file, not both");
            return readPassphrase(passphraseFile);
        }

        /** The first line of a small file (a passphrase is not a document), without its line end. */
        static char[] readPassphrase(Path f) {
            byte[] b;
            try {
                if (Files.size(f) > 4096) throw new InvalidInputException("passphrase file " + f + " is larger than 4096 bytes");
                b = Files.readAllBytes(f);
            } catch (IOException e) {
                throw new InvalidInputException("cannot read passphrase file " + f + ": " + e.getClass().getSimpleName());
            }
            try {
                int end = 0;
                while (end < b.length && b[end] != '\n' && b[end] != '\r') end++;
                if (end == 0) throw new InvalidInputException("passphrase file " + f + " starts with an empty line");
                java.nio.CharBuffer cb = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(b, 0, end));
                char[] out = new char[cb.remaining()];
                cb.get(out);
                java.util.Arrays.fill(cb.array(), '\0');
                return out;
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new InvalidInputException("passphrase file " + f + " is not UTF-8");
            } finally {
                Arrays.fill(b, (byte) 0);
            }
        }

        WalletFiles.Opened open() {
            char[] p = passphrase();
            try {
                return WalletFiles.open(file(), p);
            } catch (NoSuchFileException e) {
                throw new InvalidInputException("no wallet at " + file());
            } catch (WalletFileException e) {
                throw new InvalidInputException(e.getMessage());
            } catch (IOException e) {
                throw new InvalidInputException("cannot read " + file() + ": " + e.getMessage());
            } finally {
                Arrays.fill(p, '\0');
            }
        }
    }

    /** Exactly one policy; picocli makes it mandatory. */
    static final class PolicyOptions {
        @ArgGroup(exclusive = false, heading = "Heartbeat policy%n")
        Heartbeat heartbeat;

        @ArgGroup(exclusive = false, heading = "Social recovery policy%n")
        Social social;

        static final class Heartbeat {
            @Option(names = "--recovery-key", required = true, description = "Recovery public key (64 hex).")
            String recoveryKey;

            @Option(names = "--inactivity", required = true, description = "Blocks of inactivity before recovery (1..65535).")
            int inactivity;
        }

        static final class Social {
            @Option(names = "--guardian", required = true, description = "Guardian public key (64 hex); repeat per guardian.")
            List<String> guardians;

            @Option(names = "--threshold", required = true, description = "Guardian signatures required.")
            int threshold;

            @Option(names = "--waiting", required = true, description = "Waiting period in blocks (1..65535).")
            int waiting;
        }

        RecoveryPolicy toPolicy() {
            try {
                if (heartbeat != null) {
                    return new RecoveryPolicy.Heartbeat(key("--recovery-key", heartbeat.recoveryKey), heartbeat.inactivity);
                }
                List<Ed25519PublicKey> gs = new ArrayList<>();
                for (String g : social.guardians) gs.add(key("--guardian", g));
                return new RecoveryPolicy.Social(social.threshold, gs, social.waiting);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("invalid policy: " + e.getMessage());
            }
        }
    }

    static Ed25519PublicKey key(String what, String hex) {
        byte[] b = CliSupport.hex(what, hex);
        if (b.length != 32) throw new InvalidInputException(what + " must be 32 bytes");
        return Ed25519PublicKey.of(b);
    }

    @Command(name = "create", description = "Create a wallet (new mnemonic, --import, or --watch-file) with its recovery policy.")
    void create(@Mixin Common common,
            @ArgGroup(exclusive = true, multiplicity = "1", heading = "Recovery policy (mandatory)%n") PolicyOptions policyOptions,
            @Option(names = "--network", paramLabel = Networks.LABEL, defaultValue = Networks.DEFAULT, converter = Networks.class, description = Networks.DESCRIPTION) ChainParams network,
            @Option(names = "--import", description = "Import an existing mnemonic (prompted).") boolean importMnemonic,
            @Option(names = "--mnemonic", paramLabel = "<words>", description = "Mnemonic to import (only with --insecure-arg).") String mnemonicArg,
            @Option(names = "--watch-file", paramLabel = "<file>", description = "Create a watch-only wallet from exported key lines.") Path watchFile,
            @Option(names = "--kdf-memory-kib", paramLabel = "<KiB>", defaultValue = "65536",
                    description = "Argon2id memory (default: ${DEFAULT-VALUE}).") int memory,
            @Option(names = "--kdf-iterations", paramLabel = "<n>", defaultValue = "3",
                    description = "Argon2id passes (default: ${DEFAULT-VALUE}).") int iterations,
            @Option(names = "--kdf-parallelism", paramLabel = "<n>", defaultValue = "4",
                    description = "Argon2id lanes (default: ${DEFAULT-VALUE}).") int parallelism) {
        Common c = common;
        ChainParams params = network;
        KdfParams kdf;
        try {
            kdf = new KdfParams(memory, iterations, parallelism);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        if (Files.exists(c.file())) throw new InvalidInputException("a wallet already exists at " + c.file());
        RecoveryPolicy policy = policyOptions.toPolicy();
        Wallet w;
        boolean fresh = false;
        if (watchFile != null) {
            List<WatchEntry> entries = new ArrayList<>();
            try {
                for (String line : Files.readAllLines(watchFile)) {
                    if (!line.isBlank() && !line.startsWith("#")) entries.add(WatchEntry.parse(line));
                }
                w = Wallet.watchOnly(params, policy, entries, InstantSource.system());
            } catch (IOException e) {
                throw new InvalidInputException("cannot read " + watchFile);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("watch file: " + e.getMessage());
            }
        } else if (importMnemonic) {
            char[] words = c.secret("Mnemonic", mnemonicArg, "--mnemonic");
            Mnemonic m;
            try {
                m = Mnemonic.parse(new String(words));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("invalid mnemonic: " + e.getMessage());
            } finally {
                Arrays.fill(words, '\0');
            }
            try {
                w = Wallet.create(params, m, "", policy, InstantSource.system());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            } finally {
                m.destroy();
            }
        } else {
            try {
                w = Wallet.generate(params, policy, new SecureRandom(), InstantSource.system());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
            fresh = true;
        }
        char[] pass = c.passphrase();
        try {
            Files.createDirectories(c.datadir);
            WalletFiles.create(c.file(), w, pass, kdf, new SecureRandom()).close();
        } catch (IOException e) {
            throw new InvalidInputException("cannot write " + c.file() + ": " + e.getMessage());
        } finally {
            Arrays.fill(pass, '\0');
        }
        String first = w.address(new org.flowcoin.wallet.KeyPath(0, 0, 0)).encode();
        if (c.json) {
            Json.Obj o = Json.object().put("file", c.file().toString()).put("network", params.name())
                    .put("watchOnly", w.isWatchOnly()).put("firstAddress", first);
            if (fresh) o.put("mnemonic", w.mnemonic().phrase());
            System.out.println(o.toJson());
        } else {
            if (fresh) {
                System.out.println("Write down these words; they restore the wallet (with its recovery policy):");
                System.out.println(w.mnemonic().phrase());
            }
            System.out.println("wallet: " + c.file());
            System.out.println("first address: " + first);
        }
        w.destroy();
    }

    @Command(name = "address", description = "Hand out the next receiving address (gap limit 20).")
    void address(@Mixin Common common,
            @Option(names = "--account", paramLabel = "N", description = "Account index (default ${DEFAULT-VALUE}).", defaultValue = "0") int account) {
        try (WalletFiles.Opened o = common.open()) {
            Address a;
            try {
                a = o.wallet().freshReceiveAddress(account);
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
            save(o);
            System.out.println(common.json ? Json.object().put("address", a.encode()).toJson() : a.encode());
        }
    }

    @Command(name = "sync", description = "Catch the wallet up with a stored chain (undoing blocks the chain "
            + "no longer has), then save it.")
    void sync(@Mixin Common common,
            @Option(names = "--chain", paramLabel = "DIR", required = true, description = "Chain data directory (a chain state, or a "
                    + "miner/demo directory holding chain/ or node/).") Path chain,
            @Option(names = "--network", paramLabel = Networks.LABEL, defaultValue = Networks.DEFAULT, converter = Networks.class, description = Networks.DESCRIPTION) ChainParams network) {
        try (WalletFiles.Opened o = common.open();
                ChainState cs = ChainState.open(ChainCommand.chainDir(chain), ChainCommand.params(network), Evaluators.best(1), InstantSource.system())) {
            if (o.wallet().network() != Networks.addresses(network)) {
                throw new InvalidInputException("the wallet is for the " + o.wallet().network().name().toLowerCase(java.util.Locale.ROOT)
                        + " network, the chain for " + network.name() + " (pass --network)");
            }
            int[] moved = catchUp(o.wallet(), cs);
            save(o);
            Wallet w = o.wallet();
            System.out.println(common.json
                    ? Json.object().put("tipHeight", w.tipHeight()).put("disconnected", moved[0]).put("connected", moved[1]).toJson()
                    : "tip " + w.tipHeight() + " (" + moved[0] + " blocks undone, " + moved[1] + " connected)");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read chain " + chain + ": " + e.getMessage());
        }
    }

    /**
     * Undoes wallet blocks that are not on the chain's best chain, then connects the missing ones
     * (genesis excluded: its coinbase pays nobody). Returns {disconnected, connected}.
     */
    static int[] catchUp(Wallet w, ChainState chain) {
        List<Hash256> main = chain.mainChain();
        int undone = 0;
        while (w.tipHeight() > 0) {
            Hash256 tip = w.tipHash().orElseThrow();
            int h = w.tipHeight();
            if (h < main.size() && main.get(h).equals(tip)) break;
            if (!chain.contains(tip)) {
                throw new InvalidInputException("the wallet has seen block " + tip + " that this chain does not store");
            }
            w.disconnectBlock(h, tip, chain.readBlock(tip).transactions());
            undone++;
        }
        int connected = 0;
        for (int h = Math.max(1, w.tipHeight() + 1); h < main.size(); h++) {
            w.connectBlock(h, main.get(h), chain.readBlock(main.get(h)).transactions());
            connected++;
        }
        return new int[] {undone, connected};
    }

    @Command(name = "balance", description = "Balance as of the last block the wallet has seen (see sync).")
    void balance(@Mixin Common common) {
        try (WalletFiles.Opened o = common.open()) {
            Balance b = o.wallet().balance();
            if (common.json) {
                System.out.println(Json.object().put("confirmed", b.confirmed()).put("immature", b.immature())
                        .put("pending", b.pending()).put("tipHeight", o.wallet().tipHeight()).toJson());
            } else {
                System.out.println("confirmed: " + b.confirmed());
                System.out.println("immature:  " + b.immature());
                System.out.println("pending:   " + b.pending());
                System.out.println("tip:       " + o.wallet().tipHeight());
            }
        }
    }

    @Command(name = "send", description = "Build and sign a payment; prints the raw transaction hex.")
    void send(@Mixin Common common,
            @Option(names = "--to", paramLabel = "ADDRESS", description = "Recipient address (fl1...).", required = true) String to,
            @Option(names = "--amount", paramLabel = AmountConverter.LABEL, required = true, converter = AmountConverter.class,
                    description = AmountConverter.DESCRIPTION) long amount,
            @Option(names = "--fee-rate", paramLabel = "HARUKI_PER_VBYTE", required = true, description = "Haruki per virtual byte.") long feeRate,
            @Option(names = "--account", paramLabel = "N", description = "Account index (default ${DEFAULT-VALUE}).", defaultValue = "0") int account,
            @Option(names = "--rbf", description = "Signal replace-by-fee.") boolean rbf) {
        try (WalletFiles.Opened o = common.open()) {
            Wallet w = o.wallet();
            Address dest = address(to, w);
            Transaction tx;
            try {
                tx = w.send(account, List.of(new TxOutput(amount, Wallet.scriptFor(dest))), feeRate, rbf);
            } catch (InsufficientFundsException e) {
                throw new InvalidInputException(e.getMessage());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new InvalidInputException(e.getMessage());
            }
            save(o);
            System.out.println(common.json
                    ? Json.object().put("txid", tx.txid().toHex()).put("hex", tx.toHex()).toJson() : tx.toHex());
        }
    }

    @Command(name = "recover", description = "Spend the wallet's coins through the recovery branch (recovery key or "
            + "guardian keys, prompted as 64-hex Ed25519 seeds); valid once the coins are the policy delay deep.")
    void recover(@Mixin Common common,
            @Option(names = "--to", paramLabel = "ADDRESS", description = "Recipient address (fl1...).", required = true) String to,
            @Option(names = "--fee-rate", paramLabel = "HARUKI_PER_VBYTE", description = "Haruki per virtual byte.", required = true) long feeRate,
            @Option(names = "--key", paramLabel = "HEX", description = "Recovery or guardian key seed (only with --insecure-arg; repeat).") List<String> keys) {
        try (WalletFiles.Opened o = common.open()) {
            Wallet w = o.wallet();
            Address dest = address(to, w);
            RecoverySpend r;
            try {
                r = RecoverySpend.build(w.params(), w.policy(), RecoverySpend.inputsOf(w), Wallet.scriptFor(dest), feeRate);
            } catch (InsufficientFundsException | IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
            int needed = w.policy() instanceof RecoveryPolicy.Social s ? s.threshold() : 1;
            List<String> given = keys == null ? List.of() : keys;
            if (common.insecureArg && given.size() != needed) {
                throw new InvalidInputException(needed + " --key option(s) required");
            }
            Transaction tx = null;
            for (int i = 0; i < needed; i++) {
                char[] seedHex = common.secret("Key " + (i + 1) + " of " + needed + " (seed, 64 hex)",
                        i < given.size() ? given.get(i) : null, "--key");
                Ed25519PrivateKey k;
                try {
                    byte[] seed = CliSupport.hex("key", new String(seedHex));
                    if (seed.length != 32) throw new InvalidInputException("key must be 32 bytes");
                    k = Ed25519PrivateKey.fromSeed(seed);
                    Arrays.fill(seed, (byte) 0);
                } finally {
                    Arrays.fill(seedHex, '\0');
                }
                try {
                    if (w.policy() instanceof RecoveryPolicy.Heartbeat) tx = r.signWithRecoveryKey(k);
                    else r.addGuardianSignatures(k);
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(e.getMessage());
                } finally {
                    k.destroy();
                }
            }
            if (tx == null) tx = r.finish();
            System.out.println(common.json ? Json.object().put("txid", tx.txid().toHex()).put("hex", tx.toHex())
                    .put("sequence", w.policy().delayBlocks()).toJson() : tx.toHex());
        }
    }

    @Command(name = "export", description = "Print the owner public keys for a watch-only wallet (one line each), "
            + "or with --mnemonic the recovery words.")
    void export(@Mixin Common common,
            @Option(names = "--account", paramLabel = "N", description = "Account index (default ${DEFAULT-VALUE}).", defaultValue = "0") int account,
            @Option(names = "--mnemonic", description = "Print the mnemonic instead (secret!).") boolean mnemonic) {
        try (WalletFiles.Opened o = common.open()) {
            Wallet w = o.wallet();
            if (mnemonic) {
                if (w.isWatchOnly()) throw new InvalidInputException("watch-only wallet has no mnemonic");
                Mnemonic m = w.mnemonic();
                System.out.println(m.phrase());
                m.destroy();
                return;
            }
            List<WatchEntry> entries = w.exportWatchList(account);
            if (common.json) {
                Json.Arr arr = Json.array();
                for (WatchEntry e : entries) {
                    arr.add(Json.object().put("path", e.path().toString()).put("ownerKey", e.ownerKey().toHex())
                            .put("address", w.address(e.path()).encode()));
                }
                System.out.println(arr.toJson());
            } else {
                for (WatchEntry e : entries) System.out.println(e.toLine());
            }
        }
    }

    private static Address address(String s, Wallet w) {
        try {
            return Address.decode(s, w.network());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid address for " + w.params().name() + ": " + e.getMessage());
        }
    }

    @Command(name = "pending", description = "List the unconfirmed transactions the wallet holds (its own signed sends "
            + "and payments it has seen), with their hex for broadcasting.")
    void pending(@Mixin Common common) {
        try (WalletFiles.Opened o = common.open()) {
            List<Transaction> txs = o.wallet().pendingTransactions();
            if (common.json) {
                Json.Arr a = Json.array();
                for (Transaction t : txs) a.add(Json.object().put("txid", t.txid().toHex()).put("hex", t.toHex()));
                System.out.println(Json.object().put("pending", a).toJson());
            } else {
                for (Transaction t : txs) System.out.println(t.txid().toHex() + " " + t.toHex());
            }
        }
    }

    @Command(name = "abandon", description = "Forget an unconfirmed transaction (never broadcast, or dropped by the network): "
            + "the coins it spent become spendable again. Once a block confirms it, it is not pending any more.")
    void abandon(@Mixin Common common, @Parameters(paramLabel = "TXID", description = "The transaction id (64 hex).") String txid) {
        Hash256 id;
        try {
            id = Hash256.fromHex(txid);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("TXID must be 64 hex digits");
        }
        try (WalletFiles.Opened o = common.open()) {
            Wallet w = o.wallet();
            if (w.pendingTransactions().stream().noneMatch(t -> t.txid().equals(id))) {
                throw new InvalidInputException("no unconfirmed transaction " + id.toHex() + " in this wallet");
            }
            w.removePending(id);
            save(o);
            System.out.println(common.json ? Json.object().put("abandoned", id.toHex()).toJson() : "abandoned " + id.toHex());
        }
    }

    private static void save(WalletFiles.Opened o) {
        try {
            WalletFiles.save(o.wallet(), o.store());
        } catch (IOException e) {
            throw new InvalidInputException("cannot save wallet: " + e.getMessage());
        }
    }
}
