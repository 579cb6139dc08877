package dev.flowdeck.core.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeadLetterNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"orders-dlt", "orders.DLT", "payments.DLQ", "payments-dlq", "billing_dlq",
            "error.orders.fulfilment", "orders.deadletter"})
    void recognisesTheNamesFrameworksGive(String name) {
        assertThat(DeadLetterNames.looksLikeDeadLetter(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "dltq-metrics", "error.log", "errors", "orders-retry", "adult"})
    void leavesOrdinaryTopicsAlone(String name) {
        assertThat(DeadLetterNames.looksLikeDeadLetter(name)).isFalse();
    }
}
