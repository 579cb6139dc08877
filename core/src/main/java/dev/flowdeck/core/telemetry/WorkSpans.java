package dev.flowdeck.core.telemetry;

import dev.flowdeck.core.broker.Failures;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/** Ends the span of a piece of work when the work's outcome is known: its figures on success, the error otherwise. */
public final class WorkSpans {

    private WorkSpans() {
    }

    /**
     * Ends {@code span} when {@code outcome} completes: {@code figures} writes the outcome's attributes (and the
     * {@link TelemetryAttributes#OUTCOME}); a failure is recorded on the span with an error status and the outcome
     * {@code failed}.
     *
     * @return the outcome again, completed only once the span has ended (with the very result or failure): what
     *         callers should wait on, so a command that exports its spans on exit never closes the exporter before
     *         the span ended
     */
    public static <T> CompletableFuture<T> endWhen(Span span, CompletionStage<T> outcome, BiConsumer<Span, T> figures) {
        var ended = new CompletableFuture<T>();
        outcome.whenComplete((done, failure) -> {
            try {
                if (failure == null) {
                    figures.accept(span, done);
                } else {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    span.recordException(cause);
                    span.setStatus(StatusCode.ERROR, Failures.firstLine(cause));
                    span.setAttribute(TelemetryAttributes.OUTCOME, "failed");
                }
            } finally {
                span.end();
                if (failure == null) {
                    ended.complete(done);
                } else {
                    ended.completeExceptionally(failure);
                }
            }
        });
        return ended;
    }
}
