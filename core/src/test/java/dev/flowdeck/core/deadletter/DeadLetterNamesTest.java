package dev.flowdeck.core.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeadLetterNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"orders-dlt", "orders.DLT", "payments.DLQ", "payments-dlq", "billing_dlq",
            "error.orders.fulfilment", "orders.deadletter", "dlq-jdbc-sink", "dead_messages", "visits_dead_messages"})
    void recognisesTheNamesFrameworksGive(String name) {
        assertThat(DeadLetterNames.looksLikeDeadLetter(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "dltq-metrics", "error.log", "errors", "orders-retry", "adult", "error..", "error.orders.", "dlq-", "-dlt"})
    void leavesOrdinaryTopicsAlone(String name) {
        assertThat(DeadLetterNames.looksLikeDeadLetter(name)).isFalse();
        assertThat(DeadLetterNames.why(name)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void saysWhichConventionTheNameFollows() {
        assertThat(DeadLetterNames.why("orders-dlt")).hasValueSatisfying(why -> assertThat(why).contains("Spring Kafka 4"));
        assertThat(DeadLetterNames.why("error.orders.billing"))
                .hasValueSatisfying(why -> assertThat(why).contains("Spring Cloud Stream"));
        assertThat(DeadLetterNames.why("dlq-jdbc-sink")).hasValueSatisfying(why -> assertThat(why).contains("Connect"));
    }
}
