package dev.flowdeck.connectors.rabbitmq;

import com.rabbitmq.http.client.Client;
import com.rabbitmq.http.client.domain.BindingInfo;
import com.rabbitmq.http.client.domain.ExchangeInfo;
import com.rabbitmq.http.client.domain.QueueInfo;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.ExchangeSummary;
import dev.flowdeck.core.broker.QueueSummary;
import dev.flowdeck.core.broker.QueueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Queues, exchanges and bindings of every vhost the user sees, from the management API in three requests. Counts
 * come from the API's statistics, which trail the broker by a few seconds: the listing is a picture, not a ledger.
 */
final class RabbitDestinationReader {

    private final Client management;

    RabbitDestinationReader(Client management) {
        this.management = management;
    }

    /** Blocking: runs on a connector thread. */
    List<Destination> read() {
        List<Destination> result = new ArrayList<>();
        for (QueueInfo queue : management.getQueues()) {
            result.add(queue(queue));
        }
        Map<String, List<ExchangeSummary.Binding>> bindings = new HashMap<>();
        for (BindingInfo binding : management.getBindings()) {
            bindings.computeIfAbsent(binding.getVhost() + "/" + binding.getSource(), key -> new ArrayList<>())
                    .add(new ExchangeSummary.Binding(binding.getDestination(), binding.getDestinationType().name()
                            .toLowerCase(java.util.Locale.ROOT), binding.getRoutingKey()));
        }
        for (ExchangeInfo exchange : management.getExchanges()) {
            if (exchange.getName().startsWith("amq.")) {
                continue; // the broker's built-in exchanges: rarely what an operator is after
            }
            result.add(new ExchangeSummary(exchange.getVhost(), exchange.getName(), exchange.getType(),
                    bindings.getOrDefault(exchange.getVhost() + "/" + exchange.getName(), List.of())));
        }
        result.sort(Comparator.comparing(Destination::namespace)
                .thenComparing(destination -> destination instanceof ExchangeSummary ? 1 : 0)
                .thenComparing(Destination::name));
        return result;
    }

    static QueueSummary queue(QueueInfo queue) {
        Map<String, Object> arguments = queue.getArguments() == null ? Map.of() : queue.getArguments();
        Map<String, Object> policy = queue.getEffectivePolicyDefinition() == null ? Map.of()
                : queue.getEffectivePolicyDefinition();
        Map<String, String> argumentText = new HashMap<>();
        arguments.forEach((key, value) -> argumentText.put(key, String.valueOf(value)));
        return new QueueSummary(queue.getVhost(), queue.getName(), QueueType.fromManagementName(queue.getType()),
                queue.getMessagesReady(), queue.getMessagesUnacknowledged(), (int) queue.getConsumerCount(),
                argumentText, queue.getPolicy() == null ? "" : queue.getPolicy(),
                Optional.ofNullable(text(arguments.get("x-dead-letter-exchange"), policy.get("dead-letter-exchange"))),
                number(arguments.get("x-message-ttl"), policy.get("message-ttl")),
                number(arguments.get("x-max-length"), policy.get("max-length")));
    }

    /** A queue argument wins over the policy's value, as in RabbitMQ itself. */
    private static String text(Object argument, Object policy) {
        Object value = argument != null ? argument : policy;
        return value == null ? null : value.toString();
    }

    private static OptionalLong number(Object argument, Object policy) {
        Object value = argument != null ? argument : policy;
        return value instanceof Number number ? OptionalLong.of(number.longValue()) : OptionalLong.empty();
    }
}
