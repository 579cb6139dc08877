package dev.flowdeck.views.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ProduceFormTest {

    @Test
    void aKafkaMessageKeepsKeyHeadersAndPartition() {
        var message = new ProduceForm(true, "order-7", "{\"amount\":12}", false,
                "correlation-id: abc\n\ntraceparent: 00-x\n", "2").toMessage("orders");

        assertThat(message.destination()).isEqualTo("orders");
        assertThat(message.partition()).isEqualTo(OptionalInt.of(2));
        assertThat(new String(message.key(), StandardCharsets.UTF_8)).isEqualTo("order-7");
        assertThat(message.headers()).extracting(h -> h.name() + "=" + new String(h.value(), StandardCharsets.UTF_8))
                .containsExactly("correlation-id=abc", "traceparent=00-x");
    }

    @Test
    void aBlankKeyAndPartitionLeaveTheChoiceToTheBrokerAndATombstoneHasNoValue() {
        var message = new ProduceForm(true, "", "ignored", true, "", " ").toMessage("orders");

        assertThat(message.key()).isNull();
        assertThat(message.value()).isNull();
        assertThat(message.partition()).isEmpty();
    }

    @Test
    void aRabbitMessageGoesThroughTheDefaultExchangeToTheQueue() {
        var message = new ProduceForm(false, "ignored", "hello", false, "", "").toMessage("billing.invoices");

        assertThat(message.destination()).isEmpty();
        assertThat(new String(message.key(), StandardCharsets.UTF_8)).isEqualTo("billing.invoices");
    }

    @Test
    void badFieldsSaySo() {
        assertThatThrownBy(() -> new ProduceForm(true, "", "v", false, "", "two").toMessage("t"))
                .hasMessage("The partition is a number such as 0, or blank to let the key choose; 'two' is not.");
        assertThatThrownBy(() -> new ProduceForm(true, "", "v", false, "no colon here", "").toMessage("t"))
                .hasMessage("Header line 1 reads 'name: value'; 'no colon here' has no name before a colon.");
        assertThatThrownBy(() -> new ProduceForm(false, "", "v", true, "", "").toMessage("q"))
                .hasMessage("RabbitMQ has no tombstones: send an empty value instead.");
    }
}
