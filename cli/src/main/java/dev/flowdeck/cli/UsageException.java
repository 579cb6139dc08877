package dev.flowdeck.cli;

/**
 * The command line asks for something that cannot be: ends the command with exit code 2 and the sentence, like
 * picocli's own usage errors.
 */
final class UsageException extends RuntimeException {

    UsageException(String sentence) {
        super(sentence);
    }
}
