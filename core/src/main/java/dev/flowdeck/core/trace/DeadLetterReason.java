package dev.flowdeck.core.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.decode.Utf8;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a message was dead-lettered, as the headers of the dead letter say it.
 *
 * @param exception Spring Kafka's {@code kafka_dlt-exception-fqcn} (the listener's exception, often Spring's
 *                  wrapper), or RabbitMQ's {@code x-death} reason ({@code rejected}, {@code expired},
 *                  {@code maxlen}, {@code delivery_limit})
 * @param cause     Spring's {@code kafka_dlt-exception-cause-fqcn}, the exception underneath the wrapper; empty when
 *                  the dead letter does not say
 */
public record DeadLetterReason(String exception, String cause) {

    static final String SPRING_EXCEPTION = "kafka_dlt-exception-fqcn";
    static final String SPRING_CAUSE = "kafka_dlt-exception-cause-fqcn";
    static final String X_DEATH = "x-death";

    private static final ObjectMapper JSON = new ObjectMapper();

    public DeadLetterReason {
        Objects.requireNonNull(exception, "exception");
        Objects.requireNonNull(cause, "cause");
    }

    /** The reason {@code message}'s headers give, if they give one. */
    static Optional<DeadLetterReason> of(BrowsedMessage message) {
        String exception = text(message, SPRING_EXCEPTION);
        if (exception != null) {
            return Optional.of(new DeadLetterReason(exception, Objects.requireNonNullElse(text(message, SPRING_CAUSE),
                    "")));
        }
        return rabbitReason(message).map(reason -> new DeadLetterReason(reason, ""));
    }

    /**
     * The newest death's reason: the RabbitMQ connector hands {@code x-death} over as JSON (an array of tables, the
     * latest first, as the broker keeps it).
     */
    private static Optional<String> rabbitReason(BrowsedMessage message) {
        String deaths = text(message, X_DEATH);
        if (deaths == null) {
            return Optional.empty();
        }
        try {
            JsonNode latest = JSON.readTree(deaths).path(0).path("reason");
            return latest.isTextual() && !latest.asText().isBlank() ? Optional.of(latest.asText()) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    private static String text(BrowsedMessage message, String name) {
        return message.lastHeader(name).map(header -> header.value() == null ? null
                : Utf8.decodeOrNull(header.value())).filter(value -> !value.isBlank()).orElse(null);
    }
}
