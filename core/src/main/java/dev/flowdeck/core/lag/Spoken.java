package dev.flowdeck.core.lag;

import java.text.NumberFormat;
import java.time.Duration;
import java.util.Locale;

/** Numbers and spans the way the explanations say them: "5,400", "45 s", "1 min 30 s", "12 min", "1 h 5 min". */
public final class Spoken {

    private Spoken() {
    }

    public static String count(long value) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(value);
    }

    public static String span(Duration span) {
        long seconds = Math.max(0, span.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 600) {
            return seconds % 60 == 0 ? seconds / 60 + " min" : seconds / 60 + " min " + seconds % 60 + " s";
        }
        if (seconds < 3_600) {
            long minutes = Math.round(seconds / 60.0);
            return minutes >= 60 ? "1 h" : minutes + " min";
        }
        long hours = seconds / 3_600;
        long minutes = seconds % 3_600 / 60;
        return minutes == 0 ? hours + " h" : hours + " h " + minutes + " min";
    }

    public static String rate(double perSecond) {
        if (perSecond >= 10 || perSecond == 0) {
            return count(Math.round(perSecond)) + "/s";
        }
        return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }
}
