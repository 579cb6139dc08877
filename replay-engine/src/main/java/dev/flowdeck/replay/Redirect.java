package dev.flowdeck.replay;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the operator sends a replay instead of where each event came from: the origin as inferred (optionally by key
 * rather than to the original partition), another Kafka topic, or another RabbitMQ exchange. Applied to each event's
 * inferred target, so a partition or a routing key the operator did not override is kept.
 */
public sealed interface Redirect {

    /** Each event's inferred target, with the choice made here applied. */
    ReplayTarget apply(ReplayTarget inferred);

    /** How the dialog and the plan's description say it. */
    String describe();

    /**
     * Back where each came from.
     *
     * @param byKey Kafka: let the producer's partitioner place each by its key instead of pinning the original
     *              partition (after the topic's partitions changed, say)
     */
    record Origin(boolean byKey) implements Redirect {

        @Override
        public ReplayTarget apply(ReplayTarget inferred) {
            return byKey && inferred instanceof ReplayTarget.KafkaTopic kafka
                    ? ReplayTarget.KafkaTopic.byKey(kafka.topic()) : inferred;
        }

        @Override
        public String describe() {
            return byKey ? "where each came from, partitioned by key" : "where each came from";
        }
    }

    /** Another topic: to the original partition number, or by key. */
    record KafkaTopic(String topic, boolean byKey) implements Redirect {

        public KafkaTopic {
            Objects.requireNonNull(topic, "topic");
            if (topic.isBlank()) {
                throw new IllegalArgumentException("Name the topic to send to.");
            }
            topic = topic.strip();
        }

        @Override
        public ReplayTarget apply(ReplayTarget inferred) {
            if (!(inferred instanceof ReplayTarget.KafkaTopic kafka)) {
                throw new IllegalArgumentException("A RabbitMQ event goes to an exchange, not to topic " + topic + ".");
            }
            return byKey || kafka.partition().isEmpty() ? ReplayTarget.KafkaTopic.byKey(topic)
                    : ReplayTarget.KafkaTopic.toPartition(topic, kafka.partition().getAsInt());
        }

        @Override
        public String describe() {
            return "topic " + topic + (byKey ? ", partitioned by key" : ", the original partitions");
        }
    }

    /** Another exchange, under the given routing key or each event's own. */
    record RabbitExchange(String exchange, Optional<String> routingKey) implements Redirect {

        public RabbitExchange {
            Objects.requireNonNull(exchange, "exchange");
            Objects.requireNonNull(routingKey, "routingKey");
            exchange = exchange.strip();
            routingKey = routingKey.map(String::strip).filter(key -> !key.isEmpty());
        }

        @Override
        public ReplayTarget apply(ReplayTarget inferred) {
            if (!(inferred instanceof ReplayTarget.RabbitExchange rabbit)) {
                throw new IllegalArgumentException("A Kafka event goes to a topic, not to exchange " + exchange + ".");
            }
            return new ReplayTarget.RabbitExchange(exchange, routingKey.orElse(rabbit.routingKey()));
        }

        @Override
        public String describe() {
            return (exchange.isEmpty() ? "the default exchange" : "exchange " + exchange)
                    + routingKey.map(key -> ", routing key " + key).orElse(", each event's routing key");
        }
    }
}
