package dev.flowdeck.views.browser;

import dev.flowdeck.core.filter.FilterException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A time as an operator types it: an ISO instant, a local date-time, or an age such as {@code 15m} or {@code 2h}. */
final class TimeInput {

    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([smhd])");

    private TimeInput() {
    }

    static Instant parse(String text, Instant now, String what) {
        Matcher age = AGE.matcher(text);
        if (age.matches()) {
            long amount = Long.parseLong(age.group(1));
            Duration ago = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return now.minus(ago);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(text).atZone(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException e) {
                throw new FilterException(what + " reads like 2026-11-27T08:30:00Z, 2026-11-27T09:30 (local time) "
                        + "or an age such as 15m, 2h, 3d; '" + text + "' is none of these.", e);
            }
        }
    }
}
