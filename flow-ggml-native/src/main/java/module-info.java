/**
 * FlowCoin SDK: the ggml 0.25.1 native libraries (CPU backend, linux-x86_64) as resources.
 *
 * <p>The libraries lie under {@code native/linux-x86_64/} (not a package, so not encapsulated);
 * {@link org.flowcoin.ggml.natives.GgmlNatives} opens them. flow-moe extracts and loads them.
 */
module org.flowcoin.ggml.natives {
    exports org.flowcoin.ggml.natives;
}
