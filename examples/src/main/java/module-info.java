/** Runnable examples and the {@code flow} command-line tool. */
module org.flowcoin.examples {
    requires org.flowcoin.crypto;
    requires org.flowcoin.primitives;
    requires org.flowcoin.moe;
    requires org.flowcoin.ggml.natives; // the ggml backend (model generate, inference, the demo)
    requires org.flowcoin.pot;
    requires org.flowcoin.wallet;
    requires org.flowcoin.net;
    requires info.picocli;

    // picocli reflects over the command classes.
    opens org.flowcoin.examples.cli to info.picocli;
}
