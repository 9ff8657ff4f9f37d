package org.flowcoin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowcoin.crypto.Address;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.examples.miner.MinerExample;
import org.flowcoin.pot.mining.MiningResult;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.wallet.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flow wallet ...} in-process: the happy paths and the exit-code contract. */
class WalletCommandTest {
    @TempDir Path dir;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        CommandLine cl = Flow.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            int code = cl.execute(args);
            return new Result(code, out.toString().strip(), err.toString().strip());
        } finally {
            System.setOut(old);
        }
    }

    static final String RK = Ed25519PrivateKey.fromSeed(new byte[32]).publicKey().toHex();
    static final String[] FAST = {"--kdf-memory-kib", "64", "--kdf-iterations", "1", "--kdf-parallelism", "1"};

    String[] args(Path d, String... more) {
        List<String> a = new ArrayList<>(List.of(more));
        a.addAll(List.of("--datadir", d.toString(), "--insecure-arg", "--passphrase", "pw"));
        return a.toArray(String[]::new);
    }

    String[] create(Path d, String... more) {
        List<String> a = new ArrayList<>(List.of("wallet", "create", "--network", "regtest", "--recovery-key", RK, "--inactivity", "100"));
        a.addAll(List.of(FAST));
        a.addAll(List.of(more));
        return args(d, a.toArray(String[]::new));
    }

    @Test
    void createAddressBalanceExportImportWatch() throws Exception {
        Path d = dir.resolve("a");
        Result r = run(create(d));
        assertThat(r.code()).as(r.err()).isZero();
        String[] lines = r.out().split("\n");
        String words = lines[1].strip();
        assertThat(words.split(" ")).hasSize(24);
        String first = lines[3].replace("first address: ", "").strip();
        assertThat(first).startsWith("rfl1p");

        assertThat(run(args(d, "wallet", "address")).out()).isEqualTo(first);
        assertThat(run(args(d, "wallet", "address")).out()).startsWith("rfl1p").isNotEqualTo(first);
        assertThat(run(args(d, "wallet", "balance", "--json")).out()).contains("\"confirmed\":0").contains("\"tipHeight\":-1");
        assertThat(run(args(d, "wallet", "export", "--mnemonic")).out()).isEqualTo(words);

        Result exp = run(args(d, "wallet", "export"));
        assertThat(exp.out().split("\n")).hasSize(42); // 22 receiving (2 issued + 20 look-ahead) + 20 change
        Path watchFile = dir.resolve("watch.txt");
        Files.writeString(watchFile, exp.out() + "\n");
        Path w = dir.resolve("w");
        Result rw = run(create(w, "--watch-file", watchFile.toString(), "--json"));
        assertThat(rw.code()).as(rw.err()).isZero();
        assertThat(rw.out()).contains("\"watchOnly\":true").contains(first).doesNotContain("mnemonic");

        Path i = dir.resolve("i");
        Result ri = run(create(i, "--import", "--mnemonic", words, "--json"));
        assertThat(ri.code()).as(ri.err()).isZero();
        assertThat(ri.out()).contains("\"firstAddress\":\"" + first + "\"");
    }

    @Test
    void syncFollowsAStoredChain() throws Exception {
        Path d = dir.resolve("synced");
        assertThat(run(create(d)).code()).isZero();
        String address = run(args(d, "wallet", "address")).out();
        Path chain = dir.resolve("chain");
        ChainParams regtest = ChainParams.regtest();
        Ed25519PrivateKey minerKey = Ed25519PrivateKey.fromSeed(new byte[32]);
        List<MiningResult> mined = MinerExample.mine(chain, regtest, 2, minerKey,
                Wallet.scriptFor(Address.decode(address)), 2, new PrintStream(OutputStream.nullOutputStream()));

        Result sync = run(args(d, "wallet", "sync", "--chain", chain.toString(), "--json"));
        assertThat(sync.code()).as(sync.err()).isZero();
        assertThat(sync.out()).isEqualTo("{\"tipHeight\":2,\"disconnected\":0,\"connected\":2}");
        long subsidy = regtest.initialSubsidy();
        assertThat(mined).hasSize(2);
        // both coinbases pay the wallet and are immature (regtest maturity 10)
        assertThat(run(args(d, "wallet", "balance", "--json")).out())
                .contains("\"confirmed\":0").contains("\"immature\":" + 2 * subsidy).contains("\"tipHeight\":2");
        assertThat(run(args(d, "wallet", "sync", "--chain", chain.toString(), "--json")).out())
                .isEqualTo("{\"tipHeight\":2,\"disconnected\":0,\"connected\":0}");
        assertThat(run(args(d, "wallet", "sync", "--chain", dir.resolve("none").toString())).code()).isEqualTo(1);
        // a wallet of another network is refused, whichever network the command names
        Path t = dir.resolve("testnet-wallet");
        List<String> testnet = new ArrayList<>(List.of(create(t)));
        testnet.set(testnet.indexOf("regtest"), "test");
        assertThat(run(testnet.toArray(String[]::new)).code()).isZero();
        Result foreign = run(args(t, "wallet", "sync", "--chain", chain.toString()));
        assertThat(foreign.code()).isEqualTo(1);
        assertThat(foreign.err()).startsWith("error: the wallet is for the test network, the chain for regtest");
        Result wrongChain = run(args(t, "wallet", "sync", "--chain", chain.toString(), "--network", "test"));
        assertThat(wrongChain.code()).isEqualTo(1);
        assertThat(wrongChain.err()).startsWith("error: ").contains("regtest").doesNotContain("Exception");
    }

    /** A passphrase from a file (no prompt, nothing in the process list), and its failure modes. */
    @Test
    void passphraseFromAFile() throws Exception {
        Path d = dir.resolve("pf");
        Path pass = dir.resolve("pass.txt");
        java.nio.file.Files.writeString(pass, "pw\nignored second line\n");
        List<String> c = new ArrayList<>(List.of("wallet", "create", "--network", "regtest", "--recovery-key", RK, "--inactivity", "100",
                "--datadir", d.toString(), "--passphrase-file", pass.toString()));
        c.addAll(List.of(FAST));
        assertThat(run(c.toArray(String[]::new)).code()).isZero();
        // the file's first line is the passphrase the other options give
        Result viaFile = run("wallet", "address", "--datadir", d.toString(), "--passphrase-file", pass.toString());
        assertThat(viaFile.code()).as(viaFile.err()).isZero();
        assertThat(viaFile.out()).startsWith("rfl1");
        assertThat(run(args(d, "wallet", "balance")).code()).isZero();
        Path wrong = dir.resolve("wrong.txt");
        java.nio.file.Files.writeString(wrong, "nope\n");
        Result bad = run("wallet", "balance", "--datadir", d.toString(), "--passphrase-file", wrong.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).startsWith("error: ").doesNotContain("nope");
        Path big = dir.resolve("big.txt");
        java.nio.file.Files.write(big, new byte[5000]);
        assertThat(run("wallet", "balance", "--datadir", d.toString(), "--passphrase-file", big.toString()).err()).contains("larger than 4096");
        assertThat(run("wallet", "balance", "--datadir", d.toString(), "--passphrase-file", dir.resolve("absent").toString()).code()).isEqualTo(1);
        Result both = run("wallet", "balance", "--datadir", d.toString(), "--insecure-arg", "--passphrase", "pw", "--passphrase-file", pass.toString());
        assertThat(both.code()).isEqualTo(1);
        assertThat(both.err()).contains("not both");
    }

    /** A pending transaction (here a payment the wallet has seen) is listed with its hex and can be abandoned. */
    @Test
    void pendingTransactionsAreListedAndAbandoned() throws Exception {
        Path d = dir.resolve("pending");
        assertThat(run(create(d)).code()).isZero();
        String address = run(args(d, "wallet", "address")).out();
        org.flowcoin.primitives.tx.Transaction incoming = new org.flowcoin.primitives.tx.Transaction(1,
                List.of(new org.flowcoin.primitives.tx.TxInput(new org.flowcoin.primitives.tx.OutPoint(
                        org.flowcoin.primitives.Hash256.fromHex("11".repeat(32)), 0), -1)),
                List.of(new org.flowcoin.primitives.tx.TxOutput(5000, Wallet.scriptFor(Address.decode(address)))), 0,
                List.of(org.flowcoin.primitives.tx.Witness.EMPTY));
        try (org.flowcoin.wallet.WalletFiles.Opened o = org.flowcoin.wallet.WalletFiles.open(d.resolve("wallet.dat"), "pw".toCharArray())) {
            o.wallet().addPending(incoming);
            org.flowcoin.wallet.WalletFiles.save(o.wallet(), o.store());
        }
        String id = incoming.txid().toHex();
        Result listed = run(args(d, "wallet", "pending", "--json"));
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(listed.out()).isEqualTo("{\"pending\":[{\"txid\":\"" + id + "\",\"hex\":\"" + incoming.toHex() + "\"}]}");
        assertThat(run(args(d, "wallet", "abandon", "22".repeat(32))).code()).as("unknown txid").isEqualTo(1);
        assertThat(run(args(d, "wallet", "abandon", "xyz")).code()).isEqualTo(1);
        Result gone = run(args(d, "wallet", "abandon", id, "--json"));
        assertThat(gone.code()).as(gone.err()).isZero();
        assertThat(gone.out()).isEqualTo("{\"abandoned\":\"" + id + "\"}");
        assertThat(run(args(d, "wallet", "pending", "--json")).out()).isEqualTo("{\"pending\":[]}");
        assertThat(run(args(d, "wallet", "abandon", id)).code()).as("already abandoned").isEqualTo(1);
    }

    @Test
    void amountsInHarukiOrFlow() {
        AmountConverter a = new AmountConverter();
        assertThat(a.convert("150000000")).isEqualTo(150_000_000L);
        assertThat(a.convert("1.5FLOW")).isEqualTo(150_000_000L);
        assertThat(a.convert("1.5 flow")).isEqualTo(150_000_000L);
        assertThat(a.convert("0.00000001Flow")).isEqualTo(1L);
        assertThat(a.convert("21000000FLOW")).isEqualTo(org.flowcoin.primitives.Amounts.MAX_MONEY);
        for (String bad : new String[] {"", "FLOW", "1.5", "-1", "1e3", "2100000000000001", "9".repeat(30), "1.123456789FLOW", "1,5FLOW"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.convert(bad)).as(bad)
                    .isInstanceOf(picocli.CommandLine.TypeConversionException.class);
        }
    }

    @Test
    void errorsFollowTheExitCodeContract() {
        Path d = dir.resolve("e");
        assertThat(run(create(d)).code()).isZero();
        Result again = run(create(d));
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");

        // no policy: usage error
        Result noPolicy = run(args(dir.resolve("np"), "wallet", "create", "--network", "regtest"));
        assertThat(noPolicy.code()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("np").resolve("wallet.dat"))).isFalse();

        Result wrong = run("wallet", "balance", "--datadir", d.toString(), "--insecure-arg", "--passphrase", "nope");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).isEqualTo("error: wrong passphrase");

        Result poor = run(args(d, "wallet", "send", "--to", run(args(d, "wallet", "address")).out(), "--amount", "1000",
                "--fee-rate", "1"));
        assertThat(poor.code()).isEqualTo(1);
        assertThat(poor.err()).contains("insufficient funds");

        Result badAddr = run(args(d, "wallet", "send", "--to", "fl1qqqqq", "--amount", "1", "--fee-rate", "1"));
        assertThat(badAddr.code()).isEqualTo(1);

        // secrets on the command line need --insecure-arg; without a console nothing can be prompted
        Result noConsole = run("wallet", "balance", "--datadir", d.toString());
        assertThat(noConsole.code()).isEqualTo(1);
        assertThat(noConsole.err()).contains("console");
        Result leaked = run("wallet", "balance", "--datadir", d.toString(), "--passphrase", "pw");
        assertThat(leaked.code()).isEqualTo(1);
        assertThat(leaked.err()).contains("--insecure-arg");

        Result missing = run(args(dir.resolve("none"), "wallet", "balance"));
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no wallet");

        Result badPolicy = run(args(dir.resolve("bp"), "wallet", "create", "--network", "regtest", "--recovery-key", RK,
                "--inactivity", "70000"));
        assertThat(badPolicy.code()).isEqualTo(1);

        Result recoverEmpty = run(args(d, "wallet", "recover", "--to", run(args(d, "wallet", "address")).out(),
                "--fee-rate", "1", "--key", "00".repeat(32)));
        assertThat(recoverEmpty.code()).isEqualTo(1);
    }
}
