package dev.flowdeck.views.common;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How numbers and times read on screen: grouped digits, local wall-clock time. */
public final class Formats {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Formats() {
    }

    public static String count(long value) {
        return NumberFormat.getIntegerInstance().format(value);
    }

    public static String clock(Instant instant) {
        return CLOCK.format(instant.atZone(ZoneId.systemDefault()));
    }
}
