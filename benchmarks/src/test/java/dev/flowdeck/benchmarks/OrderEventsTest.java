package dev.flowdeck.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.filter.MessageFilter;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The records are what the report says they are, and the filters find exactly the counts the benchmarks expect. */
class OrderEventsTest {

    private static final long RECORDS = 10_050;

    @Test
    void ordersAreJsonOfAboutFiveHundredBytesFiveEventsEach() {
        double average = LongStream.range(0, RECORDS).mapToInt(i -> OrderEvents.value(i).length).average()
                .orElseThrow();
        assertThat(average).isBetween(450.0, 550.0);
        var event = message(12);
        assertThat(MessageFilter.Json.of("$.orderId == \"ord-00000002\"").test(event)).isTrue();
        assertThat(MessageFilter.Json.of("$.items[0].sku exists").test(event)).isTrue();
        assertThat(OrderEvents.orderId(12)).isEqualTo("ord-00000002");
        assertThat(LongStream.range(10, 15).mapToObj(OrderEvents::orderId).distinct()).hasSize(1);
    }

    @Test
    void theFiltersFindOnePercentExactly() {
        var regex = MessageFilter.Regex.of(OrderEvents.REGEX);
        var jsonPath = MessageFilter.Json.of(OrderEvents.JSON_PATH);
        long disputed = 0;
        long big = 0;
        for (long i = 0; i < RECORDS; i++) {
            var message = message(i);
            disputed += regex.test(message) ? 1 : 0;
            big += jsonPath.test(message) ? 1 : 0;
        }
        assertThat(disputed).isEqualTo(OrderEvents.disputedAmong(RECORDS)).isEqualTo(101);
        assertThat(big).isEqualTo(OrderEvents.bigAmong(RECORDS)).isEqualTo(100);
    }

    private static BrowsedMessage message(long i) {
        return new BrowsedMessage("orders", 0, i, Instant.ofEpochMilli(OrderEvents.timestamp(i)), OrderEvents.key(i),
                OrderEvents.value(i), List.of());
    }
}
