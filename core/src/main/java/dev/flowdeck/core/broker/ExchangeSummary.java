package dev.flowdeck.core.broker;

import java.util.List;
import java.util.Objects;

/**
 * One RabbitMQ exchange and where it routes.
 *
 * @param vhost    the virtual host
 * @param name     the exchange's name; the default exchange is the empty string
 * @param type     {@code direct}, {@code fanout}, {@code topic}, {@code headers}, ...
 * @param bindings its outgoing bindings
 */
public record ExchangeSummary(String vhost, String name, String type, List<Binding> bindings)
        implements Destination {

    /**
     * @param destination     the queue or exchange bound
     * @param destinationType {@code queue} or {@code exchange}
     * @param routingKey      the binding key
     */
    public record Binding(String destination, String destinationType, String routingKey) {
    }

    public ExchangeSummary {
        Objects.requireNonNull(vhost, "vhost");
        Objects.requireNonNull(name, "name");
        bindings = List.copyOf(bindings);
    }

    @Override
    public String namespace() {
        return vhost;
    }

    @Override
    public long messageCount() {
        return 0;
    }
}
