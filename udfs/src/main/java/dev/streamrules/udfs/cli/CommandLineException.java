package dev.streamrules.udfs.cli;

/** A command line or configuration that cannot be used; the message says which option and why, one line each. */
public final class CommandLineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommandLineException(String message) {
        super(message);
    }
}
