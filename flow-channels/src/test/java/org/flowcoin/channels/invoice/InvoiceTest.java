package org.flowcoin.channels.invoice;

import org.flowcoin.channels.ChannelException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowcoin.channels.Fixtures.key;
import static org.flowcoin.channels.Fixtures.pub;

import java.util.HexFormat;
import java.util.OptionalLong;
import org.flowcoin.channels.ChannelException.Reason;
import org.flowcoin.crypto.Bech32;
import org.junit.jupiter.api.Test;

/**
 * Invoices: BOLT-11's example requests re-made with this chain's keys (same payment hash,
 * descriptions, amounts, timestamp 1496314658), round trips, and BOLT-11's invalid cases adapted.
 */
class InvoiceTest {
    private static final byte[] HASH = HexFormat.of().parseHex("0001020304050607080900010203040506070809000102030405060708090102");
    private static final long TS = 1496314658L;

    private static Invoice invoice(OptionalLong amount, String description) {
        return new Invoice("lnfl", amount, TS, HASH, pub(7), description, Invoice.DEFAULT_EXPIRY, Invoice.DEFAULT_MIN_FINAL_CLTV);
    }

    private static Reason reason(String s) {
        try {
            Invoice.decode(s);
        } catch (ChannelException e) {
            return e.reason();
        }
        throw new AssertionError("accepted: " + s);
    }

    @Test
    void bolt11ExamplesRoundTrip() throws Exception {
        // "Please make a donation of any amount ... to me": no amount.
        Invoice donation = invoice(OptionalLong.empty(), "Please consider supporting this project");
        String s = donation.encode(key(7));
        assertThat(s).startsWith("lnfl1").hasSizeGreaterThan(Bech32.MAX_LENGTH);
        assertThat(Invoice.decode(s)).isEqualTo(donation);
        // "Please send $3 for a cup of coffee ... within 1 minute": 2500u, expiry 60.
        Invoice coffee = new Invoice("lnfl", OptionalLong.of(250_000_000L / 1000), TS, HASH, pub(7), "1 cup coffee", 60, 18);
        String c = coffee.encode(key(7));
        assertThat(c).startsWith("lnfl2500u1");
        Invoice back = Invoice.decode(c);
        assertThat(back).isEqualTo(coffee);
        assertThat(back.expiredAt(TS + 60)).isFalse();
        assertThat(back.expiredAt(TS + 61)).isTrue();
        // Regtest, a non-default min_final_cltv, a UTF-8 description.
        Invoice r = new Invoice("lnrfl", OptionalLong.of(1), TS, HASH, pub(7), "ナンセンス 1杯", 3600, 144);
        String rs = r.encode(key(7));
        assertThat(rs).startsWith("lnrfl10n1");
        assertThat(Invoice.decode(rs)).isEqualTo(r);
        assertThat(Invoice.decode(rs.toUpperCase(java.util.Locale.ROOT))).as("all upper case is valid Bech32").isEqualTo(r);
    }

    @Test
    void amountsUseTheShortestMultiplierAndMustBeWholeHaruki() throws Exception {
        assertThat(Invoice.formatAmount(100_000_000L)).isEqualTo("1");
        assertThat(Invoice.formatAmount(250_000L)).isEqualTo("2500u");
        assertThat(Invoice.formatAmount(1)).isEqualTo("10n");
        assertThat(Invoice.formatAmount(123)).isEqualTo("1230n");
        assertThat(Invoice.parseAmount("10n")).hasValue(1);
        assertThat(Invoice.parseAmount("10000p")).hasValue(1);
        assertThat(Invoice.parseAmount("2500u")).hasValue(250_000L);
        for (String bad : new String[] {"1p", "5n", "1x", "0", "01m", "m", "1.5", "99999999999999999999999"}) {
            try {
                Invoice.parseAmount(bad);
                throw new AssertionError("accepted amount " + bad);
            } catch (ChannelException e) {
                assertThat(e.reason()).as(bad).isEqualTo(Reason.INVOICE_AMOUNT);
            }
        }
    }

    @Test
    void rejectsEveryInvalidInvoice() throws Exception {
        String good = invoice(OptionalLong.of(250_000L), "coffee").encode(key(7));
        // Bad checksum, mixed case, Bech32m, not Bech32 at all, too long.
        char flip = good.charAt(good.length() - 1) == 'q' ? 'p' : 'q';
        assertThat(reason(good.substring(0, good.length() - 1) + flip)).isEqualTo(Reason.INVOICE_ENCODING);
        assertThat(reason(good.substring(0, 10) + good.substring(10).toUpperCase(java.util.Locale.ROOT))).isEqualTo(Reason.INVOICE_ENCODING);
        Bech32.Decoded d = Bech32.decode(good, Invoice.MAX_LENGTH);
        assertThat(reason(Bech32.encode(d.hrp(), d.data(), Bech32.Encoding.BECH32M, Invoice.MAX_LENGTH))).isEqualTo(Reason.INVOICE_ENCODING);
        assertThat(reason("coffee")).isEqualTo(Reason.INVOICE_ENCODING);
        assertThat(reason("lnfl1" + "q".repeat(Invoice.MAX_LENGTH))).isEqualTo(Reason.INVOICE_ENCODING);
        // Another prefix (BOLT-11's lnbc), an unknown multiplier, a sub-haruki amount: signature or not, refused first.
        assertThat(reason(Bech32.encode("lnbc2500u", d.data(), Bech32.Encoding.BECH32, Invoice.MAX_LENGTH))).isEqualTo(Reason.INVOICE_PREFIX);
        assertThat(reason(Bech32.encode("lnfl2500x", d.data(), Bech32.Encoding.BECH32, Invoice.MAX_LENGTH))).isEqualTo(Reason.INVOICE_AMOUNT);
        assertThat(reason(Bech32.encode("lnfl1p", d.data(), Bech32.Encoding.BECH32, Invoice.MAX_LENGTH))).isEqualTo(Reason.INVOICE_AMOUNT);
        // The amount changed under the signature (BOLT-11: "signature is invalid" cases).
        assertThat(reason(Bech32.encode("lnfl2501u", d.data(), Bech32.Encoding.BECH32, Invoice.MAX_LENGTH))).isEqualTo(Reason.INVOICE_SIGNATURE);
        assertThat(reason(Bech32.encode("lntfl2500u", d.data(), Bech32.Encoding.BECH32, Invoice.MAX_LENGTH))).isEqualTo(Reason.INVOICE_SIGNATURE);
        // Any flipped data word breaks the signature or a field, never passes.
        byte[] words = d.data();
        for (int i = 0; i < words.length; i++) {
            byte[] w = words.clone();
            w[i] ^= 1;
            Reason r = reason(Bech32.encode(d.hrp(), w, Bech32.Encoding.BECH32, Invoice.MAX_LENGTH));
            assertThat(r).as("word %d", i).isIn(Reason.INVOICE_SIGNATURE, Reason.INVOICE_FIELD);
        }
        // Truncated: the signature cut short.
        byte[] cut = java.util.Arrays.copyOf(words, words.length - 1);
        assertThat(reason(Bech32.encode(d.hrp(), cut, Bech32.Encoding.BECH32, Invoice.MAX_LENGTH))).isIn(Reason.INVOICE_SIGNATURE, Reason.INVOICE_FIELD);
        // Signed by someone else than the named payee.
        Invoice i = invoice(OptionalLong.empty(), "x");
        String other = new Invoice("lnfl", OptionalLong.empty(), TS, HASH, pub(8), "x", 3600, 18).encode(key(8));
        Bech32.Decoded od = Bech32.decode(other, Invoice.MAX_LENGTH);
        Bech32.Decoded id = Bech32.decode(i.encode(key(7)), Invoice.MAX_LENGTH);
        byte[] swapped = id.data();
        System.arraycopy(od.data(), od.data().length - 103, swapped, swapped.length - 103, 103);
        assertThat(reason(Bech32.encode(id.hrp(), swapped, Bech32.Encoding.BECH32, Invoice.MAX_LENGTH))).isEqualTo(Reason.INVOICE_SIGNATURE);
    }
}
