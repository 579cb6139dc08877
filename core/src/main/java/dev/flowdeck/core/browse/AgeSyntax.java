package dev.flowdeck.core.browse;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The age form of a {@link TimeExpression}: one or more number-and-unit parts ({@code 15m}, {@code 1h30m}). */
final class AgeSyntax {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})([smhdw])");
    private static final Pattern WHOLE = Pattern.compile("(\\d{1,9}[smhdw])+", Pattern.CASE_INSENSITIVE);

    private AgeSyntax() {
    }

    static boolean matches(String text) {
        return WHOLE.matcher(text).matches();
    }

    /** The age {@code text} (lower case, already {@link #matches matching}) adds up to. */
    static Duration sum(String text) {
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2).charAt(0)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> Duration.ofDays(amount * 7);
            });
        }
        return total;
    }
}
