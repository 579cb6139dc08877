package dev.flowdeck.core.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.ExchangeSummary;
import dev.flowdeck.core.broker.QueueSummary;
import dev.flowdeck.core.broker.QueueType;
import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.core.deadletter.DeadLetterDestinations.How;
import dev.flowdeck.core.deadletter.DeadLetterDestinations.Picked;
import dev.flowdeck.core.deadletter.DeadLetterDestinations.Reason;
import dev.flowdeck.core.fuzz.Fuzz;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeadLetterDestinationsTest {

    @Test
    void picksKafkaTopicsByNameOrByHandAndSaysWhy() {
        List<Destination> topics = List.of(topic("orders"), topic("orders-dlt"), topic("error.orders.billing"),
                topic("parked-orders"));

        List<Picked> picked = DeadLetterDestinations.pick(topics, Set.of("parked-orders"));

        assertThat(picked).extracting(p -> p.destination().name())
                .containsExactly("orders-dlt", "error.orders.billing", "parked-orders");
        assertThat(picked.getFirst().reasons()).singleElement().extracting(Reason::how).isEqualTo(How.NAME);
        assertThat(picked.getLast().reasons()).singleElement().extracting(Reason::how).isEqualTo(How.MARKED);
    }

    @Test
    void picksTheQueuesTheShopsDeadLetterExchangeRoutesTo() {
        // As the sandbox declares them: shop.dlx (direct), each queue's dead letters under <queue>.dlq.
        var dlx = new ExchangeSummary("/", "shop.dlx", "direct", List.of(
                new ExchangeSummary.Binding("billing.invoices.dlq", "queue", "billing.invoices.dlq"),
                new ExchangeSummary.Binding("warehouse.picks.dlq", "queue", "warehouse.picks.dlq"),
                new ExchangeSummary.Binding("parcels", "queue", "parcels")));
        List<Destination> destinations = List.of(
                queue("billing.invoices", Optional.of("shop.dlx"), "billing.invoices.dlq"),
                queue("warehouse.picks", Optional.of("shop.dlx"), "warehouse.picks.dlq"),
                queue("billing.invoices.dlq", Optional.empty(), null),
                queue("warehouse.picks.dlq", Optional.empty(), null),
                queue("parcels", Optional.empty(), null),
                dlx);

        List<Picked> picked = DeadLetterDestinations.pick(destinations, Set.of());

        assertThat(picked).extracting(p -> p.destination().name())
                .containsExactly("billing.invoices.dlq", "warehouse.picks.dlq");
        assertThat(picked.getFirst().reasons()).extracting(Reason::how)
                .containsExactly(How.NAME, How.DEAD_LETTER_EXCHANGE);
        assertThat(picked.getFirst().reasons().getLast().explanation())
                .isEqualTo("queue billing.invoices dead-letters here through dead-letter exchange shop.dlx");
    }

    @Test
    void aFanoutDeadLetterExchangeOrNoRoutingKeyMeansEveryBoundQueueAndTheDefaultExchangeTheNamedOne() {
        var fanout = new ExchangeSummary("/", "failures", "fanout",
                List.of(new ExchangeSummary.Binding("parked", "queue", "")));
        List<Destination> destinations = List.of(queue("work", Optional.of("failures"), null),
                queue("jobs", Optional.of(""), "held"), queue("parked", Optional.empty(), null),
                queue("held", Optional.empty(), null), fanout);

        assertThat(DeadLetterDestinations.pick(destinations, Set.of())).extracting(p -> p.destination().name())
                .containsExactly("parked", "held");
    }

    @Test
    void marksRoundTripThroughTheProfileProperty() {
        Set<String> marked = new LinkedHashSet<>(List.of("parked,orders", "back\\slash", "plain"));
        String value = DeadLetterDestinations.formatMarked(marked);

        assertThat(value).isEqualTo("parked\\,orders,back\\\\slash,plain");
        assertThat(DeadLetterDestinations.markedIn(Map.of(DeadLetterDestinations.MARKED, value))).isEqualTo(marked);
        assertThat(DeadLetterDestinations.parseMarked(" a , ,b,")).containsExactly("a", "b");
    }

    @Test
    void anySetOfNamesSurvivesFormatThenParse() {
        Fuzz.check(500, fuzz -> {
            Set<String> names = new LinkedHashSet<>(fuzz.input("names",
                    fuzz.list(0, 6, () -> fuzz.chars("ab,\\ .-", 8).strip()).stream()
                            .filter(name -> !name.isEmpty()).toList()));

            assertThat(DeadLetterDestinations.parseMarked(DeadLetterDestinations.formatMarked(names)))
                    .containsExactlyElementsOf(names);
        });
    }

    private static TopicSummary topic(String name) {
        return new TopicSummary(name, 3, 1, 10, 1_000, OptionalLong.empty(), "delete");
    }

    private static QueueSummary queue(String name, Optional<String> deadLetterExchange, String routingKey) {
        Map<String, String> arguments = routingKey == null ? Map.of() : Map.of("x-dead-letter-routing-key", routingKey);
        return new QueueSummary("/", name, QueueType.CLASSIC, 0, 0, 0, arguments, "", deadLetterExchange,
                OptionalLong.empty(), OptionalLong.empty());
    }
}
