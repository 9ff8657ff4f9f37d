package org.flowcoin.examples.cli;

import org.flowcoin.primitives.DecodeException;
import org.flowcoin.primitives.tx.Transaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flow tx decode <hex>}. */
@Command(name = "tx", description = "Transactions.", mixinStandardHelpOptions = true)
final class TxCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "decode", description = "Decodes a transaction; prints JSON with txid, wtxid, sizes, inputs, witnesses and outputs.")
    void decode(@Parameters(paramLabel = "<hex>") String hex) {
        Transaction tx;
        try {
            tx = Transaction.fromBytes(CliSupport.hex("transaction", hex));
        } catch (DecodeException e) {
            throw new InvalidInputException("invalid transaction: " + e.getMessage());
        }
        spec.commandLine().getOut().println(PrimitivesJson.tx(tx).toJson());
        spec.commandLine().getOut().flush();
    }
}
