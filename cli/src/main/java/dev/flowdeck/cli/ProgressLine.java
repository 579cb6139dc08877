package dev.flowdeck.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How far a read has come, on one line of stderr rewritten in place: only when stderr is a terminal, so a
 * script's streams stay clean. Redrawn at most a few times a second; cleared before anything else is printed.
 */
final class ProgressLine {

    private static final long EVERY_NANOS = Duration.ofMillis(200).toNanos();

    private final PrintStream err;
    private final boolean enabled;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long lastDrawn;
    private int shownLength;

    ProgressLine(PrintStream err, boolean enabled, LongSupplier nanoClock) {
        this.err = err;
        this.enabled = enabled;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastDrawn = startNanos - EVERY_NANOS;
    }

    void show(long scanned, long matched, long total) {
        long now = nanoClock.getAsLong();
        if (!enabled || now - lastDrawn < EVERY_NANOS) {
            return;
        }
        lastDrawn = now;
        draw(describe(scanned, matched, total));
    }

    /** Any progress in words (a replay's), redrawn as {@link #show} is. */
    void showText(String text) {
        long now = nanoClock.getAsLong();
        if (!enabled || now - lastDrawn < EVERY_NANOS) {
            return;
        }
        lastDrawn = now;
        draw(text);
    }

    /** Takes the line away, so a note or a table row does not land in the middle of it. */
    void clear() {
        if (shownLength > 0) {
            err.print("\r" + " ".repeat(shownLength) + "\r");
            err.flush();
            shownLength = 0;
        }
    }

    /** The closing tally, on a line of its own. */
    void finish(long scanned, long matched) {
        clear();
        if (enabled) {
            double seconds = (nanoClock.getAsLong() - startNanos) / 1e9;
            err.println(String.format(Locale.ROOT, "%,d matched of %,d scanned in %.1f s", matched, scanned, seconds));
        }
    }

    static String describe(long scanned, long matched, long total) {
        String of = total >= 0 ? String.format(Locale.ROOT, " of %,d", total) : "";
        return String.format(Locale.ROOT, "Scanned %,d%s, %,d matched", scanned, of, matched);
    }

    private void draw(String text) {
        String padding = " ".repeat(Math.max(0, shownLength - text.length()));
        err.print("\r" + text + padding);
        err.flush();
        shownLength = text.length();
    }
}
