package dev.flowdeck.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceIdsTest {

    @Test
    void readsTheTraceIdOfAValidTraceparent() {
        var message = withTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        assertThat(TraceIds.of(message)).contains("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aMalformedOrMissingTraceparentIsNoTraceNotAnError() {
        assertThat(TraceIds.of(withTraceparent("00-not-a-trace"))).isEmpty();
        assertThat(TraceIds.of(withTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))).isEmpty();
        var binary = new BrowsedMessage("t", 0, 0, Instant.EPOCH, null, null,
                List.of(new MessageHeader("traceparent", new byte[] {(byte) 0xff, 0})));
        assertThat(TraceIds.of(binary)).isEmpty();
        assertThat(TraceIds.of(new BrowsedMessage("t", 0, 0, Instant.EPOCH, null, null, List.of()))).isEmpty();
    }

    private static BrowsedMessage withTraceparent(String value) {
        return new BrowsedMessage("orders", 0, 0, Instant.EPOCH, null, null,
                List.of(new MessageHeader("traceparent", value.getBytes(StandardCharsets.UTF_8))));
    }
}
