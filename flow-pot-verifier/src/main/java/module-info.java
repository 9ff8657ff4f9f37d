/**
 * FlowCoin SDK: Proof-of-Training verification. Header-only and full block validation with typed
 * verdicts (rule ids of docs/spec/validation.md), training-data rules and the validation set V_h,
 * the model root commitment, and a durable chain state with fork choice and exact reorganisation.
 */
module org.flowcoin.pot {
    requires transitive org.flowcoin.primitives;
    requires transitive org.flowcoin.moe;

    exports org.flowcoin.pot;
    exports org.flowcoin.pot.mining;
}
