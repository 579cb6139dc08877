package dev.flowdeck.cli;

import java.io.Console;
import java.util.Optional;

/** Asks the operator a question on the terminal and reads the line typed; empty where nobody can answer. */
@FunctionalInterface
interface ConfirmPrompt {

    Optional<String> ask(String question);

    /** Nobody to ask: a script, a test. A command that needs a yes then needs --yes. */
    ConfirmPrompt NONE = question -> Optional.empty();

    /** The terminal, when stdin and stdout are one (otherwise the question would land in the output). */
    static ConfirmPrompt console() {
        return question -> {
            Console console = System.console();
            if (console == null || !console.isTerminal()) {
                return Optional.empty();
            }
            return Optional.ofNullable(console.readLine("%s", question));
        };
    }
}
