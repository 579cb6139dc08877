package dev.flowdeck.replayconnect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.ExchangeSummary;
import dev.flowdeck.core.broker.QueueSummary;
import dev.flowdeck.core.broker.QueueType;
import dev.flowdeck.replay.ReplayTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Which RabbitMQ targets can be read back: those whose exchange routes the routing key into a stream. */
class TargetReadBacksTest {

    private static final List<Destination> CLUSTER = List.of(
            queue("orders", QueueType.QUORUM), queue("orders-audit", QueueType.STREAM),
            queue("payments", QueueType.CLASSIC), queue("payments-log", QueueType.STREAM),
            new ExchangeSummary("/", "shop", "topic", List.of(
                    new ExchangeSummary.Binding("orders", "queue", "order.*"),
                    new ExchangeSummary.Binding("orders-audit", "queue", "order.#"),
                    new ExchangeSummary.Binding("payments", "queue", "payment.paid"))),
            new ExchangeSummary("/", "payments-direct", "direct", List.of(
                    new ExchangeSummary.Binding("payments", "queue", "paid"),
                    new ExchangeSummary.Binding("payments-log", "queue", "refunded"))),
            new ExchangeSummary("/", "everything", "fanout", List.of(
                    new ExchangeSummary.Binding("payments-log", "queue", ""))));

    @Test
    void aTopicExchangeRoutingIntoAStreamIsReadFromThatStream() {
        assertThat(stream("shop", "order.placed.eu")).hasValue("orders-audit");
        assertThat(stream("shop", "order")).hasValue("orders-audit"); // # is zero words too
    }

    @Test
    void anExchangeRoutingOnlyIntoClassicOrQuorumQueuesCannotBeReadBack() {
        assertThat(stream("shop", "payment.paid")).isEmpty();
        assertThat(stream("payments-direct", "paid")).isEmpty();
    }

    @Test
    void aDirectExchangeRoutesByTheExactKeyAndAFanoutToEveryQueue() {
        assertThat(stream("payments-direct", "refunded")).hasValue("payments-log");
        assertThat(stream("everything", "anything.at.all")).hasValue("payments-log");
    }

    @Test
    void theDefaultExchangeRoutesToTheQueueNamedByTheKey() {
        assertThat(stream("", "orders-audit")).hasValue("orders-audit");
        assertThat(stream("", "orders")).isEmpty();
        assertThat(stream("", "no-such-queue")).isEmpty();
    }

    @Test
    void topicPatternsMatchWordByWord() {
        assertThat(TargetReadBacks.routes("topic", "*.paid", "order.paid")).isTrue();
        assertThat(TargetReadBacks.routes("topic", "*.paid", "eu.order.paid")).isFalse();
        assertThat(TargetReadBacks.routes("topic", "#.paid", "eu.order.paid")).isTrue();
        assertThat(TargetReadBacks.routes("topic", "order.#.eu", "order.eu")).isTrue();
        assertThat(TargetReadBacks.routes("headers", "", "x")).isFalse();
    }

    private static Optional<String> stream(String exchange, String routingKey) {
        return TargetReadBacks.streamFor(new ReplayTarget.RabbitExchange(exchange, routingKey), CLUSTER);
    }

    private static QueueSummary queue(String name, QueueType type) {
        return new QueueSummary("/", name, type, 0, 0, 0, Map.of(), "", Optional.empty(), OptionalLong.empty(),
                OptionalLong.empty());
    }
}
