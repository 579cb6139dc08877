package dev.flowdeck.core.browse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * A point in time as an operator types it: an ISO-8601 instant ({@code 2026-05-01T09:30:00Z}, or with an offset,
 * {@code 2026-05-01T11:30:00+02:00}) or an age, how long ago ({@code 90s}, {@code 15m}, {@code 2h}, {@code 3d},
 * {@code 1w}, or combined: {@code 1h30m}).
 *
 * <p>An age stays an age until {@link #resolve(Clock) resolved}, so a view can re-read "the last 15 minutes" on
 * every refresh; a command line resolves it once, when it starts.
 */
public sealed interface TimeExpression {

    /** What the error says an expression should look like. */
    String FORMS = "an instant such as 2026-05-01T09:30:00Z or an age such as 30s, 15m, 2h, 3d, 1w or 1h30m";

    /** The instant this expression means when read on {@code clock}. */
    Instant resolve(Clock clock);

    /** A fixed instant. */
    record At(Instant instant) implements TimeExpression {
        public At {
            Objects.requireNonNull(instant, "instant");
        }

        @Override
        public Instant resolve(Clock clock) {
            return instant;
        }

        @Override
        public String toString() {
            return instant.toString();
        }
    }

    /** This long before now. */
    record Ago(Duration age) implements TimeExpression {
        public Ago {
            if (age.isNegative()) {
                throw new IllegalArgumentException("an age is not negative, was " + age);
            }
        }

        @Override
        public Instant resolve(Clock clock) {
            return clock.instant().minus(age);
        }

        @Override
        public String toString() {
            return age.toString();
        }
    }

    /**
     * Reads an expression.
     *
     * @throws IllegalArgumentException with a sentence saying what the text should look like
     */
    static TimeExpression parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("No time given: write " + FORMS + ".");
        }
        if (AgeSyntax.matches(trimmed)) {
            return new Ago(AgeSyntax.sum(trimmed.toLowerCase(Locale.ROOT)));
        }
        try {
            // Since Java 12 an ISO instant may carry an offset instead of Z.
            return new At(Instant.parse(trimmed));
        } catch (DateTimeParseException notAnInstant) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a time: write " + FORMS + ".",
                    notAnInstant);
        }
    }
}
