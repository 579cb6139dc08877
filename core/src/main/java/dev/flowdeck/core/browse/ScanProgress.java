package dev.flowdeck.core.browse;

import java.time.Duration;
import java.util.Optional;

/**
 * How far a scan has come, as the progress bar says it.
 *
 * @param scanned   records read, matching or not
 * @param matched   records that passed the filter
 * @param total     records in range when the scan began, or -1 when the broker does not say
 * @param perSecond records read per second over the last few seconds
 * @param elapsed   time since the scan began
 * @param remaining the estimated time to the end of the range, when there is one to estimate
 */
public record ScanProgress(long scanned, long matched, long total, double perSecond, Duration elapsed,
                           Optional<Duration> remaining) {

    public static final ScanProgress NONE = new ScanProgress(0, 0, -1, 0, Duration.ZERO, Optional.empty());

    /** Share of the range read, 0 to 1; -1 when the total is unknown (an indeterminate bar). */
    public double fraction() {
        if (total < 0) {
            return -1;
        }
        return total == 0 ? 1 : Math.min(1, (double) scanned / total);
    }
}
