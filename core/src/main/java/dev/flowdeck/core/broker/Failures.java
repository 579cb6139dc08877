package dev.flowdeck.core.broker;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Gets from what a stage failed with to the one line an operator reads. */
public final class Failures {

    private Failures() {
    }

    /** The failure inside the {@link CompletionException}/{@link ExecutionException} wrappers of futures. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The first line of a failure's message (never a stack trace), or its type when it has none. */
    public static String firstLine(Throwable failure) {
        String text = failure.getMessage() == null || failure.getMessage().isBlank()
                ? failure.getClass().getSimpleName() : failure.getMessage();
        return text.lines().findFirst().orElse(text);
    }

    /** What to show for a failed stage: the first line of the unwrapped failure. */
    public static String sentence(Throwable failure) {
        return firstLine(unwrap(failure));
    }
}
