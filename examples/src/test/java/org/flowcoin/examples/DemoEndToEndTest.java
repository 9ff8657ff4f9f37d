package org.flowcoin.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowcoin.examples.cli.Flow;
import org.flowcoin.examples.demo.Demo;
import org.flowcoin.examples.explorer.ExplorerVerifier;
import org.flowcoin.examples.inference.InferenceExample;
import org.flowcoin.examples.sync.SyncExample;
import org.flowcoin.moe.ggml.Ggml;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.tx.Transaction;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.wallet.Wallet;
import org.flowcoin.wallet.WalletFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The main job end to end, in-process: a fresh demo chain on regtest (two blocks asked for, so the
 * run goes on until the first coinbase matures and the payment confirms), a second run through the
 * CLI that resumes it, and the examples (explorer verifier, inference, P2P sync) run against the
 * chain it left behind. One chain is mined for the whole class to keep the suite short.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoEndToEndTest {
    static final int THREADS = 2;
    static final ChainParams REGTEST = ChainParams.regtest();

    @TempDir
    static Path dir;
    static Path data;
    static Demo.Report first;

    @BeforeAll
    static void mineTheDemoChain() throws Exception {
        data = dir.resolve("demo");
        first = new Demo(Demo.Options.defaults(data).withBlocks(2).withThreads(THREADS).withGenerateBytes(24)
                .withStepsPerBlock(16))
                .run(new PrintStream(OutputStream.nullOutputStream()));
    }

    @Test
    @Order(1)
    void everyBlockIsMinedVerifiedAndTheLossFalls() {
        int maturity = REGTEST.coinbaseMaturity();
        List<Demo.BlockRow> rows = first.blocks();
        assertThat(first.resumed()).isFalse();
        assertThat(first.startHeight()).isZero();
        // two blocks asked for; mining went on until the height-1 coinbase could be spent, plus the payment's block
        assertThat(rows).hasSize(maturity + 1);
        assertThat(first.tipHeight()).isEqualTo(maturity + 1);
        for (int i = 0; i < rows.size(); i++) {
            Demo.BlockRow b = rows.get(i);
            assertThat(b.height()).isEqualTo(i + 1);
            assertThat(b.verified()).isTrue();
            // the usefulness rule, as raw bit patterns of positive floats
            assertThat(Float.floatToRawIntBits(b.valLoss())).isLessThanOrEqualTo(Float.floatToRawIntBits(b.prevValLoss()));
            assertThat(b.deltaBytes()).isPositive();
            assertThat(b.trainingBytes()).isPositive();
            assertThat(b.boost()).isBetween(0, REGTEST.maxBoost());
            assertThat(b.boost()).isEqualTo(REGTEST.boost(Float.floatToRawIntBits(b.prevValLoss()), Float.floatToRawIntBits(b.valLoss())));
            assertThat(b.dims()).isEqualTo(b.height() < 8 ? "64x2x16" : "64x3x16"); // regtest growth at height 8
        }
        // the loss falls across blocks: the last model is clearly better than the first (initial loss ~ ln 256 = 5.55)
        assertThat(rows.get(rows.size() - 1).valLoss()).isLessThan(rows.get(0).valLoss() - 0.5f);
        assertThat(first.verifierTipHash()).isEqualTo(first.tipHash());
    }

    @Test
    @Order(2)
    void thePaymentConfirmsAndTheBalancesAddUp() {
        Demo.Payment p = first.payment().orElseThrow();
        assertThat(p.confirmed()).isTrue();
        assertThat(p.height()).isEqualTo(first.tipHeight());
        assertThat(first.blocks().get(first.blocks().size() - 1).transactions()).isEqualTo(2);
        assertThat(p.amount()).isEqualTo(Demo.PAYMENT);
        assertThat(p.fee()).isPositive();
        assertThat(first.bob().confirmed()).isEqualTo(p.amount());
        assertThat(first.bob().immature() + first.bob().pending()).isZero();
        // alice mined every block (the payment block's coinbase also takes the fee back) and paid bob once
        long mined = 0;
        for (long h = 1; h <= first.tipHeight(); h++) mined += REGTEST.subsidy(h);
        assertThat(first.alice().confirmed() + first.alice().immature()).isEqualTo(mined - p.amount());
        assertThat(first.alice().pending()).isZero();
        // matured: the coinbases of heights 1 .. tip - maturity + 1, less what went into the payment
        assertThat(first.alice().immature()).isEqualTo((REGTEST.coinbaseMaturity() - 1) * REGTEST.subsidy(1) + p.fee());
        assertThat(first.aliceAddress()).startsWith("rfl1p"); // v1 script-hash: the recovery policy script
        assertThat(first.bobAddress()).startsWith("rfl1p");
    }

    @Test
    @Order(3)
    void theTipModelOpensWithGgmlAndGeneratesBytes() throws Exception {
        assumeTrue(Ggml.platformSupported());
        Demo.Generation g = first.generation();
        assertThat(g.skippedReason()).isNull();
        assertThat(g.loadedWithGgml()).isTrue();
        assertThat(g.bitIdentical()).isTrue();
        assertThat(g.text()).hasSize(24);
        // the inference example, on the same file, reproduces the demo's bytes (same model, prompt, seed, threads)
        byte[] again = InferenceExample.generate(g.modelFile(), g.prompt(), 24, THREADS);
        assertThat(again).isEqualTo(g.text());
        assertThat(InferenceExample.generate(g.modelFile(), g.prompt(), 5, THREADS)).hasSize(5);
    }

    @Test
    @Order(4)
    void theExplorerReverifiesTheDataDirectoryAndPrintsTheSameLosses() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<ExplorerVerifier.Row> rows = ExplorerVerifier.verify(data.resolve("node"), dir.resolve("explorer"), REGTEST, THREADS,
                new PrintStream(out, true));
        assertThat(rows).hasSize((int) first.tipHeight());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).verified()).isTrue();
            assertThat(rows.get(i).hash()).isEqualTo(first.blocks().get(i).hash());
            assertThat(Float.floatToRawIntBits(rows.get(i).valLoss())).isEqualTo(Float.floatToRawIntBits(first.blocks().get(i).valLoss()));
        }
        assertThat(out.toString()).contains("height").contains("ok");
    }

    @Test
    @Order(5)
    void aSyncClientFetchesTheChainOverTheWireAndVerifiesIt() throws Exception {
        SyncExample.Outcome o = SyncExample.sync(data.resolve("node"), dir.resolve("synced"), REGTEST, THREADS);
        assertThat(o.sameTip()).isTrue();
        assertThat(o.targetHeight()).isEqualTo(first.tipHeight());
        assertThat(o.result().blocks()).isEqualTo((int) first.tipHeight());
        // a second sync has nothing left to fetch
        SyncExample.Outcome again = SyncExample.sync(data.resolve("node"), dir.resolve("synced"), REGTEST, THREADS);
        assertThat(again.result().blocks()).isZero();
        assertThat(again.sameTip()).isTrue();
    }

    @Test
    @Order(6)
    void aSecondRunThroughTheCliResumesTheChainAndMinesAPaymentLeftUnconfirmed() throws Exception {
        // as if a run had been interrupted after sending: alice's wallet file holds an unmined payment
        Transaction sent;
        try (WalletFiles.Opened a = WalletFiles.open(data.resolve("wallets").resolve("alice.wallet"), Demo.walletPassphrase());
             WalletFiles.Opened b = WalletFiles.open(data.resolve("wallets").resolve("bob.wallet"), Demo.walletPassphrase())) {
            sent = a.wallet().send(0, List.of(new TxOutput(Demo.PAYMENT, Wallet.scriptFor(b.wallet().freshReceiveAddress(0)))), 10);
            WalletFiles.save(a.wallet(), a.store());
            WalletFiles.save(b.wallet(), b.store());
        }
        CommandLine cl = Flow.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        int code;
        try {
            code = cl.execute("demo", "--datadir", data.toString(), "--blocks", "1", "--threads", "2", "--generate", "0", "--steps", "8", "--json");
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String json = out.toString().strip();
        assertThat(code).as(err.toString()).isZero();
        long h = first.tipHeight();
        assertThat(json).startsWith("{\"network\":\"regtest\",\"config\":\"tiny\"")
                .contains("\"resumed\":true", "\"startHeight\":" + h, "\"tipHeight\":" + (h + 1), "\"allVerified\":true",
                        "\"confirmed\":true,\"height\":" + (h + 1), "\"verified\":true", "\"txid\":\"" + sent.txid().toHex() + "\"")
                .doesNotContain("\"verified\":false");
        // bob now holds two payments
        assertThat(json).contains("\"bob\":{\"confirmed\":" + 2 * Demo.PAYMENT + ",");
    }

    @Test
    @Order(7)
    void theGenesisPresetIsRegtestWithTheRealSizeModelAndItsOwnValidGenesis() {
        ChainParams g = Demo.chainParams("genesis");
        assertThat(g.growthSchedule().dimsAt(0)).isEqualTo(ChainParams.GENESIS_DIMS);
        assertThat(g.growthSchedule().dimsAt(100_000)).isEqualTo(ChainParams.GENESIS_DIMS);
        assertThat(g.coinbaseMaturity()).isEqualTo(REGTEST.coinbaseMaturity());
        assertThat(g.hrp()).isEqualTo("rfl");
        org.flowcoin.primitives.block.Block genesis = org.flowcoin.primitives.block.Genesis.block(g);
        assertThat(genesis.header().dims()).isEqualTo(ChainParams.GENESIS_DIMS);
        assertThat(org.flowcoin.primitives.consensus.HeaderValidator.checkPow(g, genesis.header()).accepted()).isTrue();
        assertThat(genesis.hash()).isNotEqualTo(org.flowcoin.primitives.block.Genesis.block(REGTEST).hash());
        assertThat(Demo.chainParams("tiny")).isEqualTo(REGTEST);
    }

    @Test
    @Order(8)
    void usageAndInvalidInput() {
        CommandLine cl = Flow.commandLine();
        cl.setErr(new PrintWriter(new StringWriter(), true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute("demo", "--blocks", "x")).isEqualTo(Flow.EXIT_USAGE);
        assertThat(cl.execute("demo", "--datadir", data.toString(), "--config", "huge")).isEqualTo(Flow.EXIT_INVALID_INPUT);
        assertThat(cl.execute("demo", "--datadir", data.toString(), "--blocks", "-1")).isEqualTo(Flow.EXIT_INVALID_INPUT);
        assertThat(cl.execute("demo", "--datadir", data.toString(), "--steps", "0")).isEqualTo(Flow.EXIT_INVALID_INPUT);
        // the directory holds a tiny chain: asking for the genesis preset there is refused before anything is touched
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("demo", "--datadir", data.toString(), "--config", "genesis", "--quiet")).isEqualTo(Flow.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("holds a tiny chain");
        assertThat(Files.exists(data.resolve("node"))).isTrue();
    }
}
