package dev.flowdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ShopTracingTest {

    private final ShopTracing tracing = new ShopTracing();

    @Test
    void eachHopIsAChildSpanOfTheSameTrace() {
        Headers order = new RecordHeaders();
        tracing.startTrace("orders", order);
        Headers payment = new RecordHeaders();
        tracing.continueTrace(order, "payments", payment);

        String[] first = traceparent(order).split("-");
        String[] second = traceparent(payment).split("-");
        assertThat(first).hasSize(4);
        assertThat(second).hasSize(4);
        assertThat(second[1]).as("same trace id").isEqualTo(first[1]);
        assertThat(second[2]).as("a new span id").isNotEqualTo(first[2]);
    }

    private static String traceparent(Headers headers) {
        var header = headers.lastHeader("traceparent");
        assertThat(header).as("traceparent header").isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
