package org.flowcoin.moe.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The canonical exp (fdlibm's {@code e_exp.c} in double, as {@code StrictMath.exp}, rounded once to
 * float) on vectors: the same operations on the same operands in the same order, lane by lane, so
 * each lane has the bits of {@link Canon#exp}. Only additions, subtractions, multiplications,
 * divisions, conversions and exponent-field additions occur, all exactly rounded in Java, and no
 * fused multiply-add. The lanes fdlibm treats as special (|x| &gt;= 709.78, NaN, infinities, and a
 * subnormal result) are recomputed by {@link Canon#exp}; a float input never reaches the others.
 */
final class VectorExp {
    private VectorExp() {}

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    /** As many float lanes as D has double lanes. */
    private static final VectorSpecies<Float> F =
            VectorSpecies.of(float.class, VectorShape.forBitSize(Math.max(64, D.vectorBitSize() / 2)));
    private static final boolean USABLE = F.length() == D.length() && D.length() >= 2;

    private static final double TWO52 = 0x1p52;
    private static final double MAGIC = 0x1.8p52;
    private static final long MAGIC_BITS = Double.doubleToRawLongBits(MAGIC);

    // fdlibm's constants (the JDK's FdLibm.Exp)
    private static final double LN2_HI = 0x1.62e42feep-1;
    private static final double LN2_LO = 0x1.a39ef35793c76p-33;
    private static final double INV_LN2 = 0x1.71547652b82fep0;
    private static final double P1 = 0x1.555555555553ep-3;
    private static final double P2 = -0x1.6c16c16bebd93p-9;
    private static final double P3 = 0x1.1566aaf25de2cp-14;
    private static final double P4 = -0x1.bbd41c5d26bf1p-20;
    private static final double P5 = 0x1.6376972bea4d0p-25;

    /**
     * a[ao + i] = Canon.exp(a[ao + i] - shift) for the leading whole vectors of a[ao .. ao + n);
     * returns how many elements were done (the caller finishes the rest).
     */
    static int expShifted(float[] a, int ao, int n, float shift) {
        if (!USABLE) return 0;
        int step = F.length();
        int i = 0;
        for (; i + step <= n; i += step) {
            FloatVector xf = FloatVector.fromArray(F, a, ao + i).sub(shift);
            DoubleVector x = (DoubleVector) xf.convertShape(VectorOperators.F2D, D, 0);
            LongVector bits = x.reinterpretAsLongs();
            LongVector hx = bits.lanewise(VectorOperators.LSHR, 32).and(0x7fffffffL); // high word of |x|
            VectorMask<Long> negative = bits.compare(VectorOperators.LT, 0L);
            VectorMask<Long> special = hx.compare(VectorOperators.GE, 0x40862E42L);
            VectorMask<Long> reduced = hx.compare(VectorOperators.GT, 0x3fd62e42L);  // |x| > 0.5 ln2
            VectorMask<Long> near = hx.compare(VectorOperators.LT, 0x3FF0A2B2L);     // |x| < 1.5 ln2
            VectorMask<Long> tiny = hx.compare(VectorOperators.LT, 0x3e300000L);     // |x| < 2^-28
            // k = 1 - 2 xsb near ln2, (int) (x / ln2 + 0.5 sign(x)) further out, 0 inside 0.5 ln2
            VectorMask<Double> negativeD = negative.cast(D);
            DoubleVector half = DoubleVector.broadcast(D, 0.5).blend(-0.5, negativeD);
            // (int) v for v = x / ln2 + 0.5 sign(x), without double-to-long conversions (not in AVX2):
            // floor(|v|) by rounding at 2^52 and stepping down where that rounded up, then v's sign.
            // |v| >= 1 wherever this k is used (|x| >= 1.5 ln2), so no -0 arises; |v| < 2^11 on lanes
            // that are not redone below.
            DoubleVector v = x.mul(INV_LN2).add(half);
            DoubleVector av = v.abs();
            DoubleVector fl = av.add(TWO52).sub(TWO52);
            fl = fl.lanewise(VectorOperators.SUB, 1.0, fl.compare(VectorOperators.GT, av));
            DoubleVector tFar = fl.blend(fl.neg(), negativeD);
            DoubleVector tNear = DoubleVector.broadcast(D, 1.0).blend(-1.0, negativeD);
            VectorMask<Double> reducedD = reduced.cast(D);
            DoubleVector t = DoubleVector.zero(D).blend(tFar.blend(tNear, near.cast(D)), reducedD);
            // the integer t as a long: t + 1.5 * 2^52 is exact and holds t in its low mantissa bits
            LongVector k = t.add(MAGIC).reinterpretAsLongs().sub(MAGIC_BITS);
            // t * LN2_HI is exact; near ln2 (t = +-1) this is fdlibm's x - ln2HI[xsb] and ln2LO[xsb]
            DoubleVector hi = x.sub(t.mul(LN2_HI));
            DoubleVector lo = t.mul(LN2_LO);
            DoubleVector r = x.blend(hi.sub(lo), reducedD);
            DoubleVector rr = r.mul(r);
            DoubleVector c = r.sub(rr.mul(rr.mul(rr.mul(rr.mul(rr.mul(P5).add(P4)).add(P3)).add(P2)).add(P1)));
            DoubleVector rc = r.mul(c);
            DoubleVector inside = DoubleVector.broadcast(D, 1.0).sub(rc.div(c.sub(2.0)).sub(r));
            DoubleVector outside = DoubleVector.broadcast(D, 1.0).sub(lo.sub(rc.div(DoubleVector.broadcast(D, 2.0).sub(c))).sub(hi));
            // add k to the exponent field: fdlibm adds k << 20 to the high word
            DoubleVector scaled = outside.reinterpretAsLongs().add(k.lanewise(VectorOperators.LSHL, 52)).reinterpretAsDoubles();
            DoubleVector y = inside.blend(scaled, reducedD)
                    .blend(x.add(1.0), tiny.cast(D));
            ((FloatVector) y.convertShape(VectorOperators.D2F, F, 0)).intoArray(a, ao + i);
            // fdlibm's other paths: overflow, underflow, NaN, infinities, and k < -1021 (subnormal result)
            long redo = special.or(reduced.and(k.compare(VectorOperators.LT, -1021L))).toLong();
            while (redo != 0) {
                int l = Long.numberOfTrailingZeros(redo);
                a[ao + i + l] = Canon.exp(xf.lane(l));
                redo &= redo - 1;
            }
        }
        return i;
    }
}
