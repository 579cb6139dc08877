package dev.flowdeck.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class WriteTimeCacheTest {

    private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
    private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");

    @Test
    void keepsAtMostItsCapacityForgettingTheLeastRecentlyUsed() {
        var cache = new WriteTimeCache(2);
        cache.put(at(1), T.plusSeconds(1));
        cache.put(at(2), T.plusSeconds(2));
        // A stalled group asks for offset 1 every round: that keeps it.
        assertThat(cache.get(at(1))).contains(T.plusSeconds(1));

        cache.put(at(3), T.plusSeconds(3));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(at(2))).isEmpty();
        assertThat(cache.get(at(1))).contains(T.plusSeconds(1));
        assertThat(cache.get(at(3))).contains(T.plusSeconds(3));
    }

    @Test
    void tellsPartitionsApart() {
        var cache = new WriteTimeCache(10);
        cache.put(at(7), T);

        assertThat(cache.get(new RecordAt(new TopicPartition("orders", 1), 7))).isEmpty();
        assertThat(cache.get(new RecordAt(new TopicPartition("orders", 0), 7))).contains(T);
        assertThatThrownBy(() -> new WriteTimeCache(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RecordAt at(long offset) {
        return new RecordAt(ORDERS_0, offset);
    }
}
