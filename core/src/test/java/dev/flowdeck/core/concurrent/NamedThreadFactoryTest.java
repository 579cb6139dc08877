package dev.flowdeck.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamedThreadFactoryTest {

    @Test
    void numbersDaemonThreadsAfterTheirJob() {
        var factory = new NamedThreadFactory("flowdeck-broker-io");

        Thread first = factory.newThread(() -> { });
        Thread second = factory.newThread(() -> { });

        assertThat(first.getName()).isEqualTo("flowdeck-broker-io-1");
        assertThat(second.getName()).isEqualTo("flowdeck-broker-io-2");
        assertThat(first.isDaemon()).isTrue();
        assertThat(first.getUncaughtExceptionHandler()).isNotNull();
    }

    @Test
    void refusesAnUnnamedFactory() {
        assertThatThrownBy(() -> new NamedThreadFactory(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
