package dev.flowdeck.core.lag;

import java.time.Duration;
import java.util.Objects;

/**
 * How lag is watched.
 *
 * @param interval  time between sampling rounds
 * @param window    how far back the evaluator looks: a stall is "offsets unchanged for a whole window"
 * @param retention how long the history is kept on disk
 */
public record LagSettings(Duration interval, Duration window, Duration retention) {

    public LagSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(retention, "retention");
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException("Sample at most every 100 ms, not every " + interval.toMillis() + " ms.");
        }
        if (window.compareTo(interval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("The window (" + Spoken.span(window) + ") must hold at least three "
                    + "samples of the interval (" + Spoken.span(interval) + ").");
        }
        if (retention.compareTo(window) < 0) {
            throw new IllegalArgumentException("Keep the history (" + Spoken.span(retention) + ") at least as long "
                    + "as the window (" + Spoken.span(window) + ").");
        }
    }

    /** A sample every 5 s, judged over 2 min (24 samples), kept for 24 h. */
    public static LagSettings defaults() {
        return new LagSettings(Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofHours(24));
    }

    public LagSettings withInterval(Duration every) {
        return new LagSettings(every, window, retention);
    }

    public LagSettings withWindow(Duration span) {
        return new LagSettings(interval, span, retention);
    }

    public LagSettings withRetention(Duration kept) {
        return new LagSettings(interval, window, kept);
    }
}
