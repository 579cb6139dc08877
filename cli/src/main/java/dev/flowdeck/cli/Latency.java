package dev.flowdeck.cli;

import dev.flowdeck.core.lag.Spoken;
import java.time.Duration;
import java.util.Locale;

/** A hop's latency as the trace and flow reports say it: hops are milliseconds apart, lag's spans are seconds. */
final class Latency {

    private Latency() {
    }

    /** "0 ms", "850 ms", "1.2 s", then the lag reports' words ("1 min 30 s"). */
    static String text(Duration latency) {
        long millis = latency.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1_000.0);
        }
        return Spoken.span(latency);
    }
}
