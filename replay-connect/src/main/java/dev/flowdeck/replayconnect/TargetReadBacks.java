package dev.flowdeck.replayconnect;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.ExchangeSummary;
import dev.flowdeck.core.broker.QueueSummary;
import dev.flowdeck.core.broker.QueueType;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.replay.PlannedEvent;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayTarget;
import dev.flowdeck.replay.TargetReadBack;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The read-back of a plan's targets, chosen per target by what it is: a Kafka topic is read from its marks (exactly
 * once); a RabbitMQ exchange that routes the target's routing key into a stream is read from that stream since the
 * marks' time (exactly once); one that routes only into classic or quorum queues cannot be read back (at least
 * once, {@link AtLeastOnceReadBack}).
 */
final class TargetReadBacks {

    /**
     * @param readBack    the read-back of every event of the plan
     * @param atLeastOnce some target cannot be read back: events in doubt are sent again on resume
     */
    record Chosen(TargetReadBack readBack, boolean atLeastOnce) {
    }

    private TargetReadBacks() {
    }

    /**
     * @param destinations the cluster's destinations (needed only for RabbitMQ targets; empty for Kafka)
     */
    static Chosen choose(ReplayPlan plan, BrokerConnection connection, TargetMarks marks,
                         List<? extends Destination> destinations) {
        TargetReadBack kafka = BrowseReadBack.kafka(connection, marks);
        TargetReadBack blind = new AtLeastOnceReadBack();
        Map<ReplayTarget, TargetReadBack> byTarget = new HashMap<>();
        boolean atLeastOnce = false;
        for (PlannedEvent event : plan.events()) {
            ReplayTarget target = event.target();
            if (byTarget.containsKey(target)) {
                continue;
            }
            TargetReadBack chosen = switch (target) {
                case ReplayTarget.KafkaTopic ignored -> kafka;
                case ReplayTarget.RabbitExchange exchange -> streamFor(exchange, destinations)
                        .<TargetReadBack>map(stream -> BrowseReadBack.rabbitStream(connection, stream,
                                new StartPosition.Timestamp(marks.takenAt())))
                        .orElse(blind);
            };
            atLeastOnce |= chosen == blind;
            byTarget.put(target, chosen);
        }
        return new Chosen(new PerTarget(Map.copyOf(byTarget), blind), atLeastOnce);
    }

    /**
     * The stream the exchange routes {@code target}'s routing key into, if one does: the default exchange routes to
     * the queue of that name; a fanout exchange to every queue bound; a direct one to queues bound with the key; a
     * topic one to those whose pattern matches it. Headers exchanges and exchange-to-exchange bindings are not
     * followed: their targets count as not readable.
     */
    static Optional<String> streamFor(ReplayTarget.RabbitExchange target, List<? extends Destination> destinations) {
        Map<String, QueueSummary> queues = new HashMap<>();
        destinations.forEach(destination -> {
            if (destination instanceof QueueSummary queue) {
                queues.put(queue.name(), queue);
            }
        });
        if (target.exchange().isEmpty()) {
            return Optional.ofNullable(queues.get(target.routingKey())).filter(TargetReadBacks::isStream)
                    .map(QueueSummary::name);
        }
        for (Destination destination : destinations) {
            if (destination instanceof ExchangeSummary exchange && exchange.name().equals(target.exchange())) {
                for (ExchangeSummary.Binding binding : exchange.bindings()) {
                    QueueSummary queue = queues.get(binding.destination());
                    if ("queue".equals(binding.destinationType()) && queue != null && isStream(queue)
                            && routes(exchange.type(), binding.routingKey(), target.routingKey())) {
                        return Optional.of(queue.name());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isStream(QueueSummary queue) {
        return queue.type() == QueueType.STREAM;
    }

    static boolean routes(String exchangeType, String bindingKey, String routingKey) {
        return switch (exchangeType) {
            case "fanout" -> true;
            case "direct" -> bindingKey.equals(routingKey);
            case "topic" -> topicMatches(bindingKey.split("\\.", -1), 0, routingKey.split("\\.", -1), 0);
            default -> false;
        };
    }

    /** AMQP topic matching: {@code *} is one word, {@code #} zero or more. */
    private static boolean topicMatches(String[] pattern, int p, String[] words, int w) {
        if (p == pattern.length) {
            return w == words.length;
        }
        if (pattern[p].equals("#")) {
            for (int skip = w; skip <= words.length; skip++) {
                if (topicMatches(pattern, p + 1, words, skip)) {
                    return true;
                }
            }
            return false;
        }
        return w < words.length && (pattern[p].equals("*") || pattern[p].equals(words[w]))
                && topicMatches(pattern, p + 1, words, w + 1);
    }

    /** Asks the read-back chosen for each event's target. */
    private record PerTarget(Map<ReplayTarget, TargetReadBack> byTarget, TargetReadBack fallback)
            implements TargetReadBack {

        @Override
        public CompletionStage<Boolean> holds(PlannedEvent event, String replayId) {
            return byTarget.getOrDefault(event.target(), fallback).holds(event, replayId);
        }
    }
}
