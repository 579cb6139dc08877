package dev.flowdeck.core.deadletter;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises dead-letter destinations by the names frameworks give them: Spring Kafka ({@code orders-dlt},
 * {@code orders.DLT}), Spring Cloud Stream ({@code error.orders.group}), Kafka Connect's usual {@code dlq-<connector>},
 * Karafka's {@code dead_messages} and the common {@code -dlq}/{@code .DLQ} habits. A name is a hint, not proof: the
 * headers of the records decide ({@link DeadLetterDecoder}).
 */
public final class DeadLetterNames {

    private record Hint(String affix, boolean suffix, String why) {
        boolean matches(String name) {
            return suffix ? name.endsWith(affix) && name.length() > affix.length()
                    : name.startsWith(affix) && name.length() > affix.length();
        }
    }

    private static final List<Hint> HINTS = List.of(
            new Hint("-dlt", true, "ends in -dlt (Spring Kafka 4's dead-letter topic)"),
            new Hint(".dlt", true, "ends in .DLT (Spring Kafka's dead-letter topic before 4.0)"),
            new Hint("_dlt", true, "ends in _dlt"),
            new Hint("-dlq", true, "ends in -dlq"),
            new Hint(".dlq", true, "ends in .DLQ"),
            new Hint("_dlq", true, "ends in _dlq"),
            new Hint(".deadletter", true, "ends in .deadletter"),
            new Hint("-deadletter", true, "ends in -deadletter"),
            new Hint(".dead-letter", true, "ends in .dead-letter"),
            new Hint("-dead-letter", true, "ends in -dead-letter"),
            new Hint("dead_messages", true, "ends in dead_messages (Karafka's usual dead-letter topic)"),
            new Hint("dlq-", false, "starts with dlq- (Kafka Connect's usual dead-letter topic)"),
            new Hint("dlq.", false, "starts with dlq."),
            new Hint("dlq_", false, "starts with dlq_"));

    private DeadLetterNames() {
    }

    public static boolean looksLikeDeadLetter(String destination) {
        return why(destination).isPresent();
    }

    /** Why the name looks like a dead-letter destination's, in words; empty when it does not. */
    public static Optional<String> why(String destination) {
        String name = destination.toLowerCase(Locale.ROOT);
        if (name.equals("dead_messages")) {
            return Optional.of("is dead_messages (Karafka's usual dead-letter topic)");
        }
        for (Hint hint : HINTS) {
            if (hint.matches(name)) {
                return Optional.of(hint.why());
            }
        }
        // Spring Cloud Stream's error.<destination>.<group>: two words at least after "error.".
        if (name.startsWith("error.") && name.indexOf('.', "error.".length()) > "error.".length()
                && !name.endsWith(".")) {
            return Optional.of("is error.<destination>.<group> (Spring Cloud Stream's dead-letter topic)");
        }
        return Optional.empty();
    }
}
