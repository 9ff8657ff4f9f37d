package org.flowcoin.examples.cli;

/** Thrown by a subcommand for invalid input; the CLI prints the message on one line and exits 1. */
public final class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message.replace('\n', ' '));
    }
}
