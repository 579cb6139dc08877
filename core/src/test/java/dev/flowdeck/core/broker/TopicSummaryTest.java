package dev.flowdeck.core.broker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicSummaryTest {

    @Test
    void refusesNegativeCounts() {
        assertThatThrownBy(() -> new TopicSummary("orders", 3, 1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orders");
    }

    @Test
    void profileNeedsAName() {
        assertThatThrownBy(() -> ConnectionProfile.kafka(" ", "localhost:9092"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
