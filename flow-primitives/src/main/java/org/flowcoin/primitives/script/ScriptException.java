package org.flowcoin.primitives.script;

/**
 * A script failed; {@link #error()} names the rule.
 *
 * <pre>{@code
 * try { ScriptInterpreter.verifyInput(lock, witness, ctx); }
 * catch (ScriptException e) { reject(e.error().ruleId()); }
 * }</pre>
 */
public final class ScriptException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ScriptError error;

    public ScriptException(ScriptError error) {
        super(error.ruleId() + " " + error.name() + ": " + error.description());
        this.error = error;
    }

    public ScriptError error() {
        return error;
    }
}
