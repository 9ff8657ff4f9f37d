package org.flowcoin.primitives.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.flowcoin.primitives.Amounts;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.DecodeException;
import org.flowcoin.primitives.Hash256;
import org.flowcoin.primitives.TestVectors;
import org.flowcoin.primitives.consensus.Verdict;
import org.flowcoin.primitives.script.Script;
import org.flowcoin.primitives.script.Templates;
import org.junit.jupiter.api.Test;

class TransactionTest {
    private static final ChainParams MAIN = ChainParams.mainnet();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void roundTripsAndHashesBaseAndFullSerialization() {
        Transaction tx = TestVectors.p2khSpend(MAIN);
        byte[] raw = tx.toByteArray();
        Transaction back = Transaction.fromBytes(raw);
        assertThat(back).isEqualTo(tx);
        assertThat(back.toByteArray()).isEqualTo(raw);
        assertThat(back.txid()).isEqualTo(Hash256.keccak256d(Arrays.copyOf(raw, tx.baseSize())));
        assertThat(back.wtxid()).isEqualTo(Hash256.keccak256d(raw));
        assertThat(back.weight()).isEqualTo(3L * tx.baseSize() + raw.length);
        // Witnesses do not change the txid, they change the wtxid.
        Transaction stripped = tx.withWitnesses(List.of(Witness.EMPTY));
        assertThat(stripped.txid()).isEqualTo(tx.txid());
        assertThat(stripped.wtxid()).isNotEqualTo(tx.wtxid());
    }

    @Test
    void layoutIsAsSpecified() {
        Transaction tx = new Transaction(2, List.of(new TxInput(new OutPoint(Hash256.ZERO, 5), 7)),
                List.of(new TxOutput(1, Script.of(new byte[] {0x51}))), 9, List.of(Witness.of(new byte[] {(byte) 0xaa})));
        assertThat(tx.toHex()).isEqualTo("02000000" + "01" + "00".repeat(32) + "05000000" + "07000000"
                + "01" + "0100000000000000" + "01" + "51" + "09000000" + "01" + "01" + "aa");
        assertThat(tx.baseSize()).isEqualTo(tx.serializedSize() - 3);
    }

    @Test
    void rejectsEveryTruncation() {
        byte[] raw = TestVectors.multisigSpend(MAIN).toByteArray();
        for (int n = 0; n < raw.length; n++) {
            byte[] cut = Arrays.copyOf(raw, n);
            assertThatThrownBy(() -> Transaction.fromBytes(cut)).isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] raw = TestVectors.p2khSpend(MAIN).toByteArray();
        byte[] longer = Arrays.copyOf(raw, raw.length + 1);
        assertThatThrownBy(() -> Transaction.fromBytes(longer)).isInstanceOf(DecodeException.class).hasMessageContaining("trailing");
    }

    @Test
    void rejectsNonMinimalInputCount() {
        // version, input count 1 encoded as fd0100
        byte[] raw = hex("01000000fd0100");
        assertThatThrownBy(() -> Transaction.fromBytes(raw)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("input count").hasMessageContaining("non-minimal");
    }

    @Test
    void rejectsCountsTheBytesCannotHoldBeforeAllocating() {
        assertThatThrownBy(() -> Transaction.fromBytes(hex("01000000fea0860100")))
                .isInstanceOf(DecodeException.class).hasMessageContaining("input count").hasMessageContaining("needs at least");
        assertThatThrownBy(() -> Transaction.fromBytes(hex("01000000fe00000002"))).isInstanceOf(DecodeException.class);
        String oneInput = "01000000" + "01" + "00".repeat(36) + "ffffffff";
        assertThatThrownBy(() -> Transaction.fromBytes(hex(oneInput + "fd1027")))
                .isInstanceOf(DecodeException.class).hasMessageContaining("output count");
        String oneOutput = oneInput + "01" + "0000000000000000" + "00" + "00000000";
        assertThatThrownBy(() -> Transaction.fromBytes(hex(oneOutput + "fde803")))
                .isInstanceOf(DecodeException.class).hasMessageContaining("witness item count");
        assertThatThrownBy(() -> Transaction.fromBytes(hex(oneOutput + "01" + "fd1027")))
                .isInstanceOf(DecodeException.class).hasMessageContaining("witness item");
    }

    @Test
    void rejectsOutOfRangeValuesAndOversizedScripts() {
        String oneInput = "01000000" + "01" + "00".repeat(36) + "ffffffff" + "01";
        assertThatThrownBy(() -> Transaction.fromBytes(hex(oneInput + "ffffffffffffffff" + "00" + "00000000" + "00")))
                .isInstanceOf(DecodeException.class).hasMessageContaining("output value");
        long over = Amounts.MAX_MONEY + 1;
        ByteBuffer v = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(over);
        assertThatThrownBy(() -> Transaction.fromBytes(hex(oneInput + HexFormat.of().formatHex(v.array()) + "00" + "00000000" + "00")))
                .isInstanceOf(DecodeException.class).hasMessageContaining("output value");
        assertThatThrownBy(() -> Transaction.fromBytes(hex(oneInput + "0000000000000000" + "fd1127")))
                .isInstanceOf(DecodeException.class).hasMessageContaining("output script");
        assertThatThrownBy(() -> Transaction.fromHex("zz")).isInstanceOf(DecodeException.class);
    }

    @Test
    void contextFreeRules() {
        assertThat(TxRules.check(TestVectors.p2khSpend(MAIN), MAIN).accepted()).isTrue();
        assertThat(TxRules.check(TestVectors.coinbase(), MAIN).accepted()).isTrue();
        TxOutput out = new TxOutput(1, Templates.payToKeyHash(TestVectors.pub(1)));
        TxInput in = new TxInput(TestVectors.FUNDING, -1);
        assertThat(rule(new Transaction(1, List.of(), List.of(out), 0, List.of()))).isEqualTo("TX-1");
        assertThat(rule(new Transaction(1, List.of(in), List.of(), 0, List.of(Witness.EMPTY)))).isEqualTo("TX-2");
        TxOutput big = new TxOutput(Amounts.MAX_MONEY, out.script());
        assertThat(rule(new Transaction(1, List.of(in), List.of(big, big), 0, List.of(Witness.EMPTY)))).isEqualTo("TX-3");
        assertThat(rule(new Transaction(1, List.of(in, in), List.of(out), 0, List.of(Witness.EMPTY, Witness.EMPTY)))).isEqualTo("TX-4");
        TxInput nul = new TxInput(OutPoint.NULL, -1);
        assertThat(rule(new Transaction(1, List.of(in, nul), List.of(out), 0, List.of(Witness.EMPTY, Witness.EMPTY)))).isEqualTo("TX-6");
        TxInput timeRel = new TxInput(TestVectors.FUNDING, TxInput.SEQUENCE_TYPE_FLAG | 10);
        assertThat(rule(new Transaction(1, List.of(timeRel), List.of(out), 0, List.of(Witness.EMPTY)))).isEqualTo("TX-9");
        // 4 + 1 + 40 + 1 + (8 + 1 + 5) + 4 = 64 bytes of base serialization.
        TxOutput five = new TxOutput(1, Script.of(new byte[5]));
        Transaction sixtyFour = new Transaction(1, List.of(in), List.of(five), 0, List.of(Witness.EMPTY));
        assertThat(sixtyFour.baseSize()).isEqualTo(64);
        assertThat(rule(sixtyFour)).isEqualTo("TX-7");
    }

    @Test
    void coinbaseRules() {
        Transaction cb = TestVectors.coinbase();
        TxOutput pay = cb.outputs().get(0);
        TxOutput com = cb.outputs().get(1);
        TxInput in = cb.inputs().get(0);
        Witness w = cb.witness(0);
        assertThat(rule(new Transaction(1, List.of(in), List.of(pay), 1000, List.of(w)))).isEqualTo("TX-5");
        assertThat(rule(new Transaction(1, List.of(in), List.of(pay, com, com), 1000, List.of(w)))).isEqualTo("TX-5");
        assertThat(rule(new Transaction(1, List.of(in), List.of(pay, com), 999, List.of(w)))).isEqualTo("TX-5");
        assertThat(rule(new Transaction(1, List.of(new TxInput(OutPoint.NULL, 0)), List.of(pay, com), 1000, List.of(w)))).isEqualTo("TX-5");
        assertThat(rule(new Transaction(1, List.of(in), List.of(pay, com), 1000, List.of(Witness.EMPTY)))).isEqualTo("TX-5");
        Witness nonMinimal = Witness.of(new byte[] {(byte) 0xe8, 0x03, 0x00});
        assertThat(rule(new Transaction(1, List.of(in), List.of(pay, com), 1000, List.of(nonMinimal)))).isEqualTo("TX-5");
        Witness longExtra = Witness.of(w.item(0), new byte[101]);
        assertThat(rule(new Transaction(1, List.of(in), List.of(pay, com), 1000, List.of(longExtra)))).isEqualTo("TX-5");
    }

    @Test
    void componentCodecsRoundTripAndNameTheirFields() {
        OutPoint op = new OutPoint(Hash256.keccak256(TestVectors.ascii("x")), 7);
        ByteBuffer b = ByteBuffer.allocate(OutPoint.SIZE);
        op.write(b);
        assertThat(OutPoint.read(ByteBuffer.wrap(b.array()))).isEqualTo(op);
        assertThatThrownBy(() -> OutPoint.read(ByteBuffer.wrap(new byte[31]))).isInstanceOf(DecodeException.class).hasMessageStartingWith("prevout txid");
        assertThatThrownBy(() -> OutPoint.read(ByteBuffer.wrap(new byte[34]))).isInstanceOf(DecodeException.class).hasMessageStartingWith("prevout index");
        assertThatThrownBy(() -> TxInput.read(ByteBuffer.wrap(new byte[38]))).isInstanceOf(DecodeException.class).hasMessageStartingWith("sequence");

        TxOutput out = new TxOutput(12345, Templates.payToKeyHash(TestVectors.pub(1)));
        ByteBuffer ob = ByteBuffer.allocate(out.serializedSize());
        out.write(ob);
        assertThat(TxOutput.read(ByteBuffer.wrap(ob.array()))).isEqualTo(out);
        assertThatThrownBy(() -> TxOutput.read(ByteBuffer.wrap(Arrays.copyOf(ob.array(), 10)))).isInstanceOf(DecodeException.class).hasMessageStartingWith("output script");

        Witness w = Witness.of(new byte[0], new byte[] {1, 2}, new byte[300]);
        ByteBuffer wb = ByteBuffer.allocate(w.serializedSize());
        w.write(wb);
        assertThat(Witness.read(ByteBuffer.wrap(wb.array()))).isEqualTo(w);
        assertThat(HexFormat.of().formatHex(Arrays.copyOf(wb.array(), 6))).isEqualTo("030002" + "0102" + "fd");
        assertThatThrownBy(() -> Witness.read(ByteBuffer.wrap(hex("fde903")))).isInstanceOf(DecodeException.class).hasMessageStartingWith("witness item count");
        assertThatThrownBy(() -> Witness.read(ByteBuffer.wrap(hex("01fd1127")))).isInstanceOf(DecodeException.class).hasMessageStartingWith("witness item length");
        assertThatThrownBy(() -> Witness.read(ByteBuffer.wrap(hex("0105aabb")))).isInstanceOf(DecodeException.class).hasMessageStartingWith("witness item");
    }

    @Test
    void lockTimeFinality() {
        TxOutput out = new TxOutput(1, Templates.payToKeyHash(TestVectors.pub(1)));
        java.util.function.BiFunction<Integer, Integer, Transaction> tx = (lock, seq) -> new Transaction(1,
                List.of(new TxInput(TestVectors.FUNDING, seq)), List.of(out), lock, List.of(Witness.EMPTY));
        assertThat(TxRules.isFinal(tx.apply(0, 0), 1, 0)).isTrue();
        assertThat(TxRules.isFinal(tx.apply(100, 0), 101, 0)).isTrue();
        assertThat(TxRules.isFinal(tx.apply(100, 0), 100, 0)).isFalse();
        assertThat(TxRules.isFinal(tx.apply(100, -1), 100, 0)).isTrue();
        assertThat(TxRules.isFinal(tx.apply(600_000_000, 0), 1_000_000, 600_000_000)).isFalse();
        assertThat(TxRules.isFinal(tx.apply(600_000_000, 0), 1, 600_000_001)).isTrue();
        // Relative height locks
        assertThat(TxRules.relativeLocksSatisfied(tx.apply(0, 10), 110, new long[] {100})).isTrue();
        assertThat(TxRules.relativeLocksSatisfied(tx.apply(0, 10), 109, new long[] {100})).isFalse();
        assertThat(TxRules.relativeLocksSatisfied(tx.apply(0, TxInput.SEQUENCE_DISABLE_FLAG | 10), 100, new long[] {100})).isTrue();
        assertThat(TxRules.relativeLocksSatisfied(tx.apply(0, -1), 0, new long[] {100})).isTrue();
    }

    private static String rule(Transaction tx) {
        Verdict r = TxRules.check(tx, MAIN);
        return r.accepted() ? "accepted" : r.rule().id();
    }
}
