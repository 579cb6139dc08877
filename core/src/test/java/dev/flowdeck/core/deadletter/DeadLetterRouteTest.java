package dev.flowdeck.core.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeadLetterRouteTest {

    private static final List<DeadLetterRoute.Binding> SHOP_DLX = List.of(
            new DeadLetterRoute.Binding("billing.invoices.dlq", "billing.invoices.dlq"),
            new DeadLetterRoute.Binding("email.outbox.dlq", "email.outbox.dlq"),
            new DeadLetterRoute.Binding("warehouse.picks.dlq", "warehouse.picks.dlq"));

    @Test
    void aDirectExchangeDeliversToTheBindingWithTheSameKey() {
        assertThat(DeadLetterRoute.targets("direct", Optional.of("email.outbox.dlq"), SHOP_DLX))
                .containsExactly("email.outbox.dlq");
        assertThat(DeadLetterRoute.targets("direct", Optional.of("nowhere"), SHOP_DLX)).isEmpty();
    }

    @Test
    void withoutADeadLetterKeyOrOnAFanoutEveryBoundQueueMayReceive() {
        assertThat(DeadLetterRoute.targets("direct", Optional.empty(), SHOP_DLX)).hasSize(3);
        assertThat(DeadLetterRoute.targets("fanout", Optional.of("x"), SHOP_DLX)).hasSize(3);
    }

    @Test
    void topicPatternsMatchWordByWord() {
        assertThat(DeadLetterRoute.topicMatches("order.*", "order.placed")).isTrue();
        assertThat(DeadLetterRoute.topicMatches("order.*", "order.placed.eu")).isFalse();
        assertThat(DeadLetterRoute.topicMatches("order.#", "order")).isTrue();
        assertThat(DeadLetterRoute.topicMatches("#.dlq", "billing.invoices.dlq")).isTrue();
        assertThat(DeadLetterRoute.topicMatches("#", "")).isTrue();
        assertThat(DeadLetterRoute.topicMatches("*.dlq", "billing.invoices.dlq")).isFalse();
        var bindings = List.of(new DeadLetterRoute.Binding("all-dlq", "#.dlq"),
                new DeadLetterRoute.Binding("billing-only", "billing.#"));
        assertThat(DeadLetterRoute.targets("topic", Optional.of("email.outbox.dlq"), bindings))
                .containsExactly("all-dlq");
    }
}
