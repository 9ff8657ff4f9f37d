package org.flowcoin.primitives.consensus;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;
import org.flowcoin.crypto.Ed25519BatchVerifier;
import org.flowcoin.primitives.ChainParams;
import org.flowcoin.primitives.DecodeException;
import org.flowcoin.primitives.ModelDims;
import org.flowcoin.primitives.block.BlockHeader;
import org.flowcoin.primitives.pow.CompactTarget;
import org.flowcoin.primitives.pow.Difficulty;

/**
 * Header-only ("light") validation, rules HDR-1 to HDR-14 of docs/spec/validation.md. Needs only
 * the parent header, the median time past and the expected nbits ({@link Context}), so explorers
 * and light clients can check whole header chains; {@link #checkChain} batch-verifies signatures.
 * It lives in flow-primitives so that a header-only client needs no model, zstd or native code
 * on its module path (docs/spec/validation.md §1).
 *
 * <pre>{@code
 * List<Verdict> verdicts = HeaderValidator.checkChain(ChainParams.mainnet(), headers, now); // headers[0] = genesis
 * }</pre>
 */
public final class HeaderValidator {
    /** HDR-7: the largest lead of a header's timestamp over the local clock, in seconds. */
    public static final long MAX_FUTURE_SECONDS = 7_200;
    /** HDR-6: the number of blocks (the parent and its predecessors) whose median is the MTP. */
    public static final int MEDIAN_TIME_SPAN = 11;

    private HeaderValidator() {}

    /**
     * What a header is checked against.
     *
     * @param parent the parent header
     * @param medianTimePast median timestamp of the parent and its up to 10 predecessors
     * @param expectedNbits nbits the chain requires at the child's height
     */
    public record Context(BlockHeader parent, long medianTimePast, int expectedNbits) {}

    /** HDR-1 and HDR-3 on raw bytes; the decoded header when they pass. */
    public static Verdict checkRaw(byte[] bytes) {
        if (bytes.length != BlockHeader.SIZE) return Verdict.reject(Rule.HDR_STRUCTURE, "header must be 308 bytes, got " + bytes.length);
        if (!BlockHeader.reservedFieldIsZero(bytes)) {
            return Verdict.reject(Rule.HDR_RESERVED, "reserved field is not 0");
        }
        try {
            BlockHeader.fromBytes(bytes);
        } catch (DecodeException e) {
            return Verdict.reject(Rule.HDR_STRUCTURE, e.getMessage());
        }
        return Verdict.accept();
    }

    /** Median of the timestamps (sorted copy; for an even count the upper middle, as Bitcoin). */
    public static long median(long[] times) {
        long[] s = times.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /**
     * nbits required at {@code parent.height() + 1}.
     *
     * @param ancestorAtHeight returns the ancestor of the child (on the parent's branch) at a height
     */
    public static int expectedNbits(ChainParams c, BlockHeader parent, LongFunction<BlockHeader> ancestorAtHeight) {
        long h = parent.height() + 1;
        if (!c.isRetargetHeight(h)) return parent.nbits();
        BlockHeader first = ancestorAtHeight.apply(h - c.retargetInterval());
        return c.nextNbits(parent.nbits(), first.timestamp(), parent.timestamp());
    }

    /** Builds the context of a child of {@code parent} from an ancestor lookup. */
    public static Context context(ChainParams c, BlockHeader parent, LongFunction<BlockHeader> ancestorAtHeight) {
        int n = (int) Math.min(MEDIAN_TIME_SPAN, parent.height() + 1);
        long[] t = new long[n];
        for (int i = 0; i < n; i++) t[i] = ancestorAtHeight.apply(parent.height() - i).timestamp();
        return new Context(parent, median(t), expectedNbits(c, parent, ancestorAtHeight));
    }

    /**
     * All header rules; the signature too when {@code checkSignature}.
     *
     * @param now the local clock, in seconds since the epoch (HDR-7); the caller reads its clock
     */
    public static Verdict check(ChainParams c, BlockHeader h, Context ctx, long now, boolean checkSignature) {
        Verdict v = checkWithoutSignature(c, h, ctx, now);
        if (!v.accepted()) return v;
        if (checkSignature && !h.verifySignature()) return Verdict.reject(Rule.HDR_SIGNATURE, "miner signature does not verify");
        return checkPow(c, h);
    }

    /** Every header rule except HDR-13 (the signature) and HDR-14 (proof of work). */
    public static Verdict checkWithoutSignature(ChainParams c, BlockHeader h, Context ctx, long now) {
        BlockHeader parent = ctx.parent();
        Verdict v = version(h);
        if (!v.accepted()) return v;
        if (!h.prevHash().equals(parent.hash())) return Verdict.reject(Rule.HDR_PREV, "prev_hash " + h.prevHash() + " is not the parent " + parent.hash());
        if (h.height() != parent.height() + 1) return Verdict.reject(Rule.HDR_HEIGHT, "height " + h.height() + ", parent is at " + parent.height());
        if (h.timestamp() <= ctx.medianTimePast()) {
            return Verdict.reject(Rule.HDR_TIME_MEDIAN, "timestamp " + h.timestamp() + " not after the median time past " + ctx.medianTimePast());
        }
        if (h.timestamp() > now + MAX_FUTURE_SECONDS) return Verdict.reject(Rule.HDR_TIME_FUTURE, "timestamp " + h.timestamp() + " is more than 2 hours ahead");
        if (h.nbits() != ctx.expectedNbits()) {
            return Verdict.reject(Rule.HDR_NBITS, String.format("nbits %08x, expected %08x", h.nbits(), ctx.expectedNbits()));
        }
        v = dims(c, h);
        if (!v.accepted()) return v;
        int val = h.valLossBits(), prev = h.prevValLossBits();
        if (!Difficulty.positiveFinite(val) || !Difficulty.positiveFinite(prev)) {
            return Verdict.reject(Rule.HDR_LOSS_RANGE, String.format("losses must be finite and > 0 (val %08x, prev %08x)", val, prev));
        }
        if (!lossOrderHolds(c, prev, val)) {
            return Verdict.reject(Rule.HDR_LOSS_ORDER, c.profile() == ChainParams.Profile.FLOWCOIN
                    ? "val_loss " + Float.intBitsToFloat(val) + " exceeds prev_val_loss " + Float.intBitsToFloat(prev)
                    : "val_loss is not below prev_val_loss by " + Math.max(1, c.resonanceMarginBits()) + " steps");
        }
        int stag = expectedStagnation(parent, val, prev);
        if (h.stagnation() != stag) {
            return Verdict.reject(Rule.HDR_STAGNATION, "stagnation " + Integer.toUnsignedString(h.stagnation()) + ", expected " + Integer.toUnsignedString(stag));
        }
        return Verdict.accept();
    }

    /**
     * The header rules that need no parent, for a block checked on its own
     * ({@code BlockRules.check}): HDR-2, HDR-9, HDR-14, HDR-13.
     */
    public static Verdict checkStandalone(ChainParams c, BlockHeader h) {
        Verdict v = version(h);
        if (v.accepted()) v = dims(c, h);
        if (v.accepted()) v = checkPow(c, h);
        if (v.accepted() && !h.verifySignature()) v = Verdict.reject(Rule.HDR_SIGNATURE, "miner signature does not verify");
        return v;
    }

    private static Verdict version(BlockHeader h) {
        if (h.version() == 1) return Verdict.accept();
        return Verdict.reject(Rule.HDR_VERSION, "version " + Integer.toUnsignedString(h.version()) + ", must be 1");
    }

    private static Verdict dims(ChainParams c, BlockHeader h) {
        ModelDims want = c.growthSchedule().dimsAt(h.height());
        if (h.dims().equals(want)) return Verdict.accept();
        return Verdict.reject(Rule.HDR_DIMS, "dims " + h.dims() + ", schedule says " + want);
    }

    /**
     * HDR-11, the usefulness rule on raw loss bits (both positive and finite): FlowCoin accepts
     * val &lt;= prev, ResonanceNet needs prev - val &gt;= max(1, resonanceMarginBits). Miners ask the
     * same question before grinding a candidate.
     */
    public static boolean lossOrderHolds(ChainParams c, int prevBits, int valBits) {
        if (c.profile() == ChainParams.Profile.FLOWCOIN) return valBits <= prevBits;
        return (long) prevBits - valBits >= Math.max(1, c.resonanceMarginBits());
    }

    /** parent.stagnation + 1 (saturating) when the loss did not improve, else 0. */
    public static int expectedStagnation(BlockHeader parent, int valBits, int prevBits) {
        if (valBits != prevBits) return 0;
        int s = parent.stagnation();
        return s == -1 ? -1 : s + 1;
    }

    /** HDR-14: nbits encodes a target within powLimit, and hash &lt;= min(powLimit, target &lt;&lt; boost) ({@link ChainWork}). */
    public static Verdict checkPow(ChainParams c, BlockHeader h) {
        CompactTarget.Decoded d = CompactTarget.decode(h.nbits());
        if (!d.isValidTarget() || d.value().compareTo(c.powLimit()) > 0) return Verdict.reject(Rule.HDR_POW, "nbits does not encode a target within powLimit");
        BigInteger eff = ChainWork.effectiveTarget(c, h);
        if (h.hash().toUnsignedLittleEndian().compareTo(eff) > 0) {
            return Verdict.reject(Rule.HDR_POW, "hash above the effective target (boost " + c.boost(h.prevValLossBits(), h.valLossBits()) + ")");
        }
        return Verdict.accept();
    }

    /**
     * Checks a header chain that starts at the genesis block: {@code headers.get(0)} must equal the
     * chain's genesis header; every later header is checked against its predecessor. Signatures are
     * batch-verified across all headers; when the batch fails, each is checked to name the culprit.
     *
     * @return one verdict per header; the first rejection makes every later header rejected as HDR-4
     */
    public static List<Verdict> checkChain(ChainParams c, List<BlockHeader> headers, long now) {
        List<Verdict> out = new ArrayList<>(headers.size());
        if (headers.isEmpty()) return out;
        if (!headers.get(0).equals(org.flowcoin.primitives.block.Genesis.block(c).header())) {
            out.add(Verdict.reject(Rule.HDR_PREV, "first header is not the genesis block"));
        } else {
            out.add(Verdict.accept());
        }
        Ed25519BatchVerifier batch = new Ed25519BatchVerifier();
        int failed = out.get(0).accepted() ? -1 : 0;
        for (int i = 1; i < headers.size(); i++) {
            if (failed >= 0) {
                out.add(Verdict.reject(Rule.HDR_PREV, "parent was rejected"));
                continue;
            }
            BlockHeader h = headers.get(i);
            int idx = i;
            Context ctx = context(c, headers.get(i - 1), height -> headers.get((int) height));
            Verdict v = checkWithoutSignature(c, h, ctx, now);
            if (v.accepted()) v = checkPow(c, h);
            if (v.accepted()) batch.add(h.minerPubkey(), h.unsignedBytes(), h.minerSignature());
            out.add(v);
            if (!v.accepted()) failed = idx;
        }
        if (batch.size() > 0 && !batch.verifyAll()) {
            boolean[] each = batch.verifyEach();
            int k = 0;
            for (int i = 1; i < out.size(); i++) {
                if (!out.get(i).accepted()) break;
                if (!each[k++]) {
                    out.set(i, Verdict.reject(Rule.HDR_SIGNATURE, "miner signature does not verify"));
                    for (int j = i + 1; j < out.size(); j++) out.set(j, Verdict.reject(Rule.HDR_PREV, "parent was rejected"));
                    break;
                }
            }
        }
        return out;
    }
}
