package org.flowcoin.examples;

/** The sample header and transaction of {@link PrimitivesCliTest}, for tests in other packages. */
public final class PrimitivesCliTestAccess {
    public static final String HEADER = PrimitivesCliTest.HEADER;
    public static final String P2KH = PrimitivesCliTest.P2KH;

    private PrimitivesCliTestAccess() {}
}
