package dev.flowdeck.core.deadletter;

import java.util.List;
import java.util.Objects;

/**
 * A RabbitMQ message's way before it was first dead-lettered: published to {@code exchange} with
 * {@code routingKeys} (the routing key and any CC/BCC keys), it landed in {@code queue} and died there.
 *
 * @param exchange    the exchange it was published to; the empty string is the default exchange
 * @param routingKeys its routing keys, as {@code x-death} records them
 * @param queue       the queue it was dead-lettered from (the first death: later hops are retries of the same
 *                    message); empty where no header says
 */
public record RabbitOrigin(String exchange, List<String> routingKeys, String queue) implements Origin {

    public RabbitOrigin {
        Objects.requireNonNull(exchange, "exchange");
        routingKeys = List.copyOf(routingKeys);
        Objects.requireNonNull(queue, "queue");
    }

    @Override
    public String destination() {
        return queue;
    }
}
