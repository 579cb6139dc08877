package dev.flowdeck.views.common;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How numbers and times read on screen: grouped digits, local wall-clock time. */
public final class Formats {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private Formats() {
    }

    public static String count(long value) {
        return NumberFormat.getIntegerInstance().format(value);
    }

    /** A span as a person says it: 850 ms, 12.4 s, 3 min 05 s, 2 h 10 min. */
    public static String duration(Duration span) {
        long millis = span.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format("%.1f s", millis / 1000.0);
        }
        long seconds = span.toSeconds();
        if (seconds < 3_600) {
            return String.format("%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format("%d h %02d min", seconds / 3_600, seconds % 3_600 / 60);
    }

    /** Bytes as a person reads them: 512 B, 8.0 KiB, 10.0 MiB. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format("%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format("%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    /** A timestamp with the date and milliseconds, in local time: what a message table shows. */
    public static String timestamp(Instant instant) {
        return instant == null ? "" : STAMP.format(instant.atZone(ZoneId.systemDefault()));
    }

    public static String clock(Instant instant) {
        return CLOCK.format(instant.atZone(ZoneId.systemDefault()));
    }
}
