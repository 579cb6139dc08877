package dev.flowdeck.connectors.rabbitmq;

import com.rabbitmq.http.client.Client;
import com.rabbitmq.http.client.domain.BindingInfo;
import com.rabbitmq.http.client.domain.DestinationType;
import com.rabbitmq.http.client.domain.ExchangeInfo;
import com.rabbitmq.http.client.domain.MessageStats;
import com.rabbitmq.http.client.domain.QueueInfo;
import com.rabbitmq.http.client.domain.RateDetails;
import dev.flowdeck.core.broker.QueueSummary;
import dev.flowdeck.core.broker.QueueType;
import dev.flowdeck.core.deadletter.DeadLetterRoute;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.PartitionLag;
import dev.flowdeck.core.lag.Spoken;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * RabbitMQ's queues in the shape of consumer lag, so the same status model judges them: each queue is a "group" of
 * its consumers on one "partition" whose end is every message it has taken in and whose committed position is
 * every message its consumers have finished with (acknowledged, or delivered without acknowledgement). Lag is then
 * ready plus unacknowledged; a queue whose acknowledgements stop while messages wait is stalled, one without
 * consumers while messages wait is stopped. Dead-letter queues are not listed on their own: their depth shows in
 * the state of the queue that feeds them. Streams keep their messages after reading and are left out.
 *
 * <p>The counters are the management API's statistics: they trail the broker by a few seconds and restart from zero
 * when the node restarts (which the evaluator would read as a rewind). The age of the oldest waiting message is not
 * known: reading it would mean taking the message off a classic queue.
 */
final class RabbitQueueLag {

    private final Client management;

    RabbitQueueLag(Client management) {
        this.management = management;
    }

    /** Blocking: runs on a connector thread. Three requests: queues, bindings and exchanges. */
    List<ConsumerGroupLag> read() {
        List<QueueInfo> queues = management.getQueues();
        Map<String, List<DeadLetterRoute.Binding>> queuesByExchange = new HashMap<>();
        for (BindingInfo binding : management.getBindings()) {
            if (binding.getDestinationType() == DestinationType.QUEUE) {
                queuesByExchange.computeIfAbsent(binding.getVhost() + "/" + binding.getSource(), key -> new ArrayList<>())
                        .add(new DeadLetterRoute.Binding(binding.getDestination(),
                                binding.getRoutingKey() == null ? "" : binding.getRoutingKey()));
            }
        }
        Map<String, String> exchangeTypes = new HashMap<>();
        for (ExchangeInfo exchange : management.getExchanges()) {
            exchangeTypes.put(exchange.getVhost() + "/" + exchange.getName(), exchange.getType());
        }
        Map<String, QueueInfo> byName = new HashMap<>();
        queues.forEach(queue -> byName.put(queue.getVhost() + "/" + queue.getName(), queue));
        Map<String, List<String>> deadLetterQueues = new HashMap<>();
        Set<String> deadLetterTargets = new HashSet<>();
        for (QueueInfo queue : queues) {
            QueueSummary summary = RabbitDestinationReader.queue(queue);
            summary.deadLetterExchange().ifPresent(exchange -> {
                String exchangeKey = queue.getVhost() + "/" + exchange;
                List<String> targets = DeadLetterRoute.targets(exchangeTypes.getOrDefault(exchangeKey, "direct"),
                        deadLetterRoutingKey(queue), queuesByExchange.getOrDefault(exchangeKey, List.of()));
                deadLetterQueues.put(queue.getVhost() + "/" + queue.getName(), targets);
                targets.forEach(target -> deadLetterTargets.add(queue.getVhost() + "/" + target));
            });
        }
        List<ConsumerGroupLag> result = new ArrayList<>();
        for (QueueInfo queue : queues) {
            String key = queue.getVhost() + "/" + queue.getName();
            if (QueueType.fromManagementName(queue.getType()) == QueueType.STREAM || deadLetterTargets.contains(key)) {
                continue;
            }
            long finished = finished(queue.getMessageStats());
            long waiting = queue.getMessagesReady() + queue.getMessagesUnacknowledged();
            String name = "/".equals(queue.getVhost()) ? queue.getName() : queue.getVhost() + "/" + queue.getName();
            result.add(new ConsumerGroupLag(name, state(queue, deadLetterQueues.getOrDefault(key, List.of()), byName),
                    (int) queue.getConsumerCount(),
                    List.of(new PartitionLag(queue.getName(), 0, finished, finished + waiting))));
        }
        result.sort(Comparator.comparing(ConsumerGroupLag::group));
        return result;
    }

    private static double rate(RateDetails details) {
        return details == null ? 0 : details.getRate();
    }

    /** The queue's argument wins over its policy's, as in RabbitMQ. */
    private static Optional<String> deadLetterRoutingKey(QueueInfo queue) {
        Object argument = queue.getArguments() == null ? null : queue.getArguments().get("x-dead-letter-routing-key");
        Object policy = queue.getEffectivePolicyDefinition() == null ? null
                : queue.getEffectivePolicyDefinition().get("dead-letter-routing-key");
        Object key = argument != null ? argument : policy;
        return Optional.ofNullable(key).map(Object::toString);
    }

    /** Messages its consumers are done with: acknowledged, or taken without acknowledgement. */
    private static long finished(MessageStats stats) {
        return stats == null ? 0 : stats.getAck() + stats.getBasicDeliverNoAck() + stats.getBasicGetNoAck();
    }

    /** "running · 12 ready, 3 unacked · delivering 4.0/s · 42 dead-lettered in email.outbox.dlq". */
    private static String state(QueueInfo queue, List<String> deadLetterQueues, Map<String, QueueInfo> byName) {
        String state = (queue.getState() == null ? "unknown" : queue.getState())
                + " · " + queue.getMessagesReady() + " ready, " + queue.getMessagesUnacknowledged() + " unacked";
        MessageStats stats = queue.getMessageStats();
        if (stats != null) {
            double delivering = rate(stats.getBasicDeliverDetails()) + rate(stats.getBasicDeliverNoAckDetails());
            state += " · delivering " + Spoken.rate(delivering);
        }
        for (String target : deadLetterQueues) {
            QueueInfo dlq = byName.get(queue.getVhost() + "/" + target);
            if (dlq != null) {
                state += " · " + (dlq.getMessagesReady() + dlq.getMessagesUnacknowledged()) + " dead-lettered in "
                        + target;
            }
        }
        return state;
    }
}
