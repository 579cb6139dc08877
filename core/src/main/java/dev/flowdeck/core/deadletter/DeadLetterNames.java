package dev.flowdeck.core.deadletter;

import java.util.List;
import java.util.Locale;

/**
 * Recognises dead-letter destinations by the names frameworks give them: Spring Kafka ({@code orders-dlt},
 * {@code orders.DLT}), Spring Cloud Stream ({@code error.orders.group}) and the common {@code -dlq}/{@code .DLQ}
 * habits. A name is a hint, not proof: the headers of the records decide (see the dead-letter inbox).
 */
public final class DeadLetterNames {

    private static final List<String> SUFFIXES = List.of("-dlt", ".dlt", "_dlt", "-dlq", ".dlq", "_dlq",
            ".deadletter", "-deadletter", ".dead-letter", "-dead-letter");

    private DeadLetterNames() {
    }

    public static boolean looksLikeDeadLetter(String destination) {
        String name = destination.toLowerCase(Locale.ROOT);
        return SUFFIXES.stream().anyMatch(name::endsWith)
                || name.startsWith("error.") && name.indexOf('.', "error.".length()) > 0;
    }
}
