package org.flowcoin.primitives.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flowcoin.primitives.TestVectors;
import org.flowcoin.primitives.tx.Witness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The signature-operation count of docs/spec/primitives.md §4.9 and its vectors. */
class SigOpsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'', 0",
        "ac, 1",
        "ad, 1",
        "ae, 20",
        "af, 20",
        "52ae, 2",
        "5fae, 15",
        "60af, 16",
        "00ae, 20",
        "0114ae, 20",
        "4c02acacac, 1",
        "4dffffac, 0",
        "acac4c, 2",
        "6a ac, 1",
    })
    void countsScripts(String hex, int expected) {
        assertThat(SigOps.count(Script.fromHex(hex.replace(" ", "")))).isEqualTo(expected);
    }

    @Test
    void theSpecMultisigScriptCountsItsKeys() {
        assertThat(SigOps.count(TestVectors.multisigScript())).isEqualTo(3);
    }

    @Test
    void inputsCostWhatTheirSpendingPathCanVerify() {
        Script keyHash = Templates.payToKeyHash(TestVectors.pub(1));
        assertThat(SigOps.ofInput(keyHash, Witness.EMPTY)).isEqualTo(1);
        Script ws = TestVectors.multisigScript();
        Script scriptHash = Templates.payToScriptHash(ws);
        assertThat(SigOps.ofInput(scriptHash, Witness.of(new byte[0], new byte[0], ws.toByteArray()))).isEqualTo(3);
        assertThat(SigOps.ofInput(scriptHash, Witness.EMPTY)).isZero();
        // The witness script is counted whatever it hashes to: it is rejected later by SCR-29 anyway.
        assertThat(SigOps.ofInput(scriptHash, Witness.of(Script.fromHex("acacac").toByteArray()))).isEqualTo(3);
        Script v2 = new WitnessProgram(2, new byte[32]).toScript();
        assertThat(SigOps.ofInput(v2, Witness.of(Script.fromHex("acacac").toByteArray()))).isZero();
        assertThat(SigOps.ofInput(Script.fromHex("6aac"), Witness.EMPTY)).isZero();
        Script bare = Script.fromHex("20" + "00".repeat(32) + "ac");
        assertThat(SigOps.ofInput(bare, Witness.of(List.of(new byte[65])))).isEqualTo(1);
    }
}
