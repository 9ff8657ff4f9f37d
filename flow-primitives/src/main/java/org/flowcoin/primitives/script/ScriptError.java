package org.flowcoin.primitives.script;

/**
 * Why a script failed; each value is a rule of docs/spec/primitives.md §4 (id in {@link #ruleId()}).
 *
 * <pre>{@code
 * catch (ScriptException e) { if (e.error() == ScriptError.UNSATISFIED_LOCKTIME) retryLater(); }
 * }</pre>
 */
public enum ScriptError {
    EVAL_FALSE("SCR-1", "script finished with false or an empty stack"),
    CLEANSTACK("SCR-2", "stack must hold exactly one element at the end"),
    SCRIPT_SIZE("SCR-3", "script larger than 10,000 bytes"),
    PUSH_SIZE("SCR-4", "stack element larger than 520 bytes"),
    OP_COUNT("SCR-5", "more than 201 non-push operations"),
    STACK_SIZE("SCR-6", "more than 1,000 stack elements"),
    BAD_OPCODE("SCR-7", "undefined or disabled opcode"),
    MALFORMED_PUSH("SCR-8", "push runs past the end of the script"),
    MINIMALDATA("SCR-9", "push or number not minimally encoded"),
    INVALID_STACK_OPERATION("SCR-10", "operation needs more stack elements"),
    UNBALANCED_CONDITIONAL("SCR-11", "IF/ELSE/ENDIF unbalanced"),
    MINIMALIF("SCR-12", "IF/NOTIF argument must be empty or 0x01"),
    VERIFY("SCR-13", "VERIFY failed"),
    EQUALVERIFY("SCR-14", "EQUALVERIFY failed"),
    NUMEQUALVERIFY("SCR-15", "NUMEQUALVERIFY failed"),
    OP_RETURN("SCR-16", "OP_RETURN executed"),
    NUMBER_RANGE("SCR-17", "number operand too long"),
    SIG_ENCODING("SCR-18", "signature must be 64 bytes plus sighash byte"),
    SIG_HASHTYPE("SCR-19", "only SIGHASH_ALL (0x01) is allowed"),
    PUBKEY_ENCODING("SCR-20", "public key must be 32 bytes"),
    NULLFAIL("SCR-21", "a non-empty signature failed verification"),
    CHECKSIGVERIFY("SCR-22", "CHECKSIGVERIFY failed"),
    CHECKMULTISIGVERIFY("SCR-23", "CHECKMULTISIGVERIFY failed"),
    PUBKEY_COUNT("SCR-24", "multisig key count outside 1..20"),
    SIG_COUNT("SCR-25", "multisig threshold outside 1..n, or wrong number of signatures"),
    NEGATIVE_LOCKTIME("SCR-26", "negative lock value"),
    UNSATISFIED_LOCKTIME("SCR-27", "lock time or relative lock not reached"),
    WITNESS_PROGRAM_LENGTH("SCR-28", "v0 program must be 20 bytes, v1 program 32 bytes"),
    WITNESS_PROGRAM_MISMATCH("SCR-29", "witness does not match the program"),
    WITNESS_UNEXPECTED("SCR-30", "wrong number of witness items"),
    UNSPENDABLE("SCR-31", "output is provably unspendable");

    private final String ruleId;
    private final String description;

    ScriptError(String ruleId, String description) {
        this.ruleId = ruleId;
        this.description = description;
    }

    public String ruleId() {
        return ruleId;
    }

    public String description() {
        return description;
    }
}
