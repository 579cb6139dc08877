package dev.flowdeck.core.deadletter;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Why a message was dead-lettered, as far as its headers say. A Kafka framework names an exception; RabbitMQ names
 * a reason ({@code rejected}, {@code expired}, {@code maxlen}, {@code delivery_limit}) and a count; Spring Cloud
 * Stream's Rabbit binder says both.
 *
 * @param exceptionClass the class that really failed: Spring Kafka's cause, not its listener wrapper
 * @param message        that exception's message, without the wrapper's {@code Listener failed; } prefix
 * @param stackTrace     the stack trace as the framework wrote it
 * @param reason         RabbitMQ's dead-letter reason, or a home-grown convention's
 * @param count          how often it was dead-lettered (RabbitMQ: summed over {@code x-death}) or attempted
 *                       (Spring's retry topics)
 */
public record Failure(Optional<String> exceptionClass, Optional<String> message, Optional<String> stackTrace,
                      Optional<String> reason, OptionalLong count) {

    public static final Failure UNKNOWN = new Failure(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), OptionalLong.empty());

    public Failure {
        Objects.requireNonNull(exceptionClass, "exceptionClass");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(stackTrace, "stackTrace");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(count, "count");
    }
}
