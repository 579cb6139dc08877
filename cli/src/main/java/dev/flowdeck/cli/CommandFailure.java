package dev.flowdeck.cli;

/**
 * Ends a command with an exit code and one sentence for stderr, never a stack trace: what the command objects
 * throw instead of calling {@code System.exit}.
 */
final class CommandFailure extends RuntimeException {

    private final int exitCode;

    CommandFailure(int exitCode, String sentence, Throwable cause) {
        super(sentence, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
