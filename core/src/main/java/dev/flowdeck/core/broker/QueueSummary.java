package dev.flowdeck.core.broker;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One RabbitMQ queue: its kind, what it holds, who reads it, and where its rejects go.
 *
 * @param vhost              the virtual host
 * @param name               the queue's name
 * @param type               classic, quorum or stream
 * @param ready              messages waiting to be delivered
 * @param unacknowledged     messages delivered and not yet acknowledged
 * @param consumers          consumers attached now
 * @param arguments          the queue's declared arguments ({@code x-dead-letter-exchange}, ...), as text
 * @param policy             the policy applied to it, or empty
 * @param deadLetterExchange where rejected, expired or overflowing messages go: the queue's argument, else its
 *                           policy's; empty when it has none
 * @param messageTtlMs       per-queue message TTL, argument or policy
 * @param maxLength          max-length, argument or policy
 */
public record QueueSummary(
        String vhost, String name, QueueType type, long ready, long unacknowledged, int consumers,
        Map<String, String> arguments, String policy, Optional<String> deadLetterExchange,
        OptionalLong messageTtlMs, OptionalLong maxLength) implements Destination {

    public QueueSummary {
        Objects.requireNonNull(vhost, "vhost");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        arguments = Map.copyOf(arguments);
        Objects.requireNonNull(policy, "policy");
    }

    @Override
    public String namespace() {
        return vhost;
    }

    @Override
    public long messageCount() {
        return ready + unacknowledged;
    }
}
