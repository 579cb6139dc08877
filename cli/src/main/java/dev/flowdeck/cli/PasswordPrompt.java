package dev.flowdeck.cli;

import java.io.Console;
import java.util.Optional;

/** Asks the operator for a secret without echoing it; empty where nobody can answer (no terminal). */
@FunctionalInterface
interface PasswordPrompt {

    Optional<char[]> ask(String question);

    /** Nobody to ask: a script, a test. */
    PasswordPrompt NONE = question -> Optional.empty();

    /** The terminal, when both stdin and stdout are one (otherwise the question would land in the output). */
    static PasswordPrompt console() {
        return question -> {
            Console console = System.console();
            if (console == null || !console.isTerminal()) {
                return Optional.empty();
            }
            return Optional.ofNullable(console.readPassword("%s", question));
        };
    }
}
