package org.flowcoin.examples;

import java.time.InstantSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.flowcoin.crypto.Address;
import org.flowcoin.crypto.Ed25519PrivateKey;
import org.flowcoin.crypto.Ed25519PublicKey;
import org.flowcoin.examples.miner.MinerExample;
import org.flowcoin.examples.wallet.CustomWalletExample;
import org.flowcoin.moe.Evaluators;
import org.flowcoin.pot.ChainState;
import org.flowcoin.pot.PotParams;
import org.flowcoin.pot.mining.MiningResult;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.script.Templates;
import org.flowcoin.primitives.tx.TxOutput;
import org.flowcoin.wallet.Balance;
import org.flowcoin.wallet.Wallet;
import org.flowcoin.wallet.storage.KdfParams;
import org.flowcoin.wallet.storage.WalletFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The custom-wallet and miner examples together: a block mined to the wallet's policy address shows up in its balance. */
class WalletAndMinerExamplesTest {
    static final ChainParams REGTEST = ChainParams.regtest();

    @TempDir
    Path dir;

    static List<Ed25519PublicKey> guardians() {
        return List.of(key(1).publicKey(), key(2).publicKey(), key(3).publicKey());
    }

    static Ed25519PrivateKey key(int i) {
        byte[] seed = new byte[32];
        seed[0] = (byte) i;
        return Ed25519PrivateKey.fromSeed(seed);
    }

    @Test
    void aBlockMinedToTheCustomWalletIsItsImmatureBalance() throws Exception {
        Path file = dir.resolve("social.wallet");
        Address address = CustomWalletExample.create(file, REGTEST, guardians(), "pw".toCharArray(), KdfParams.INSECURE_FAST);
        assertThat(address.encode()).startsWith("rfl1p"); // script-hash of the social-recovery policy script

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<MiningResult> mined = MinerExample.mine(dir.resolve("chain"), REGTEST, 2, key(9), Wallet.scriptFor(address), 2,
                new PrintStream(out, true));
        assertThat(mined).hasSize(2);
        assertThat(out.toString().lines()).hasSize(2).allMatch(l -> l.startsWith("height "));
        for (MiningResult m : mined) {
            TxOutput paid = m.block().transactions().get(0).outputs().get(0);
            assertThat(paid.script()).isEqualTo(Wallet.scriptFor(address));
            assertThat(paid.value()).isEqualTo(REGTEST.subsidy(m.block().header().height()));
            assertThat(Float.floatToRawIntBits(m.valLoss())).isLessThanOrEqualTo(Float.floatToRawIntBits(m.prevValLoss()));
        }
        // the chain state on disk holds them, fully validated
        try (ChainState cs = ChainState.open(dir.resolve("chain"), PotParams.forChain(REGTEST), Evaluators.best(2), InstantSource.system())) {
            assertThat(cs.tipHeight()).isEqualTo(2);
            assertThat(cs.tipHash()).isEqualTo(mined.get(1).block().hash());
        }

        Balance b = CustomWalletExample.syncAndBalance(file, "pw".toCharArray(), dir.resolve("chain"), REGTEST);
        assertThat(b.immature()).isEqualTo(REGTEST.subsidy(1) + REGTEST.subsidy(2));
        assertThat(b.confirmed()).isZero();
        // the wallet remembers what it saw: a second sync adds nothing
        assertThat(CustomWalletExample.syncAndBalance(file, "pw".toCharArray(), dir.resolve("chain"), REGTEST)).isEqualTo(b);
        assertThatThrownBy(() -> CustomWalletExample.syncAndBalance(file, "wrong".toCharArray(), dir.resolve("chain"), REGTEST))
                .isInstanceOf(WalletFileException.class);
    }

    @Test
    void coinsPaidToAnotherScriptAreNotTheWallets() throws Exception {
        Path file = dir.resolve("w.wallet");
        CustomWalletExample.create(file, REGTEST, guardians(), "pw".toCharArray(), KdfParams.INSECURE_FAST);
        MinerExample.mine(dir.resolve("chain"), REGTEST, 1, key(9), Templates.payToKeyHash(key(9).publicKey().toByteArray()), 2,
                new PrintStream(new ByteArrayOutputStream()));
        Balance b = CustomWalletExample.syncAndBalance(file, "pw".toCharArray(), dir.resolve("chain"), REGTEST);
        assertThat(b.total()).isZero();
    }
}
