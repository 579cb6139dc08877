package dev.flowdeck.core.trace;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds browsed messages for the trace tests: a destination, a time, headers and a payload. */
final class Events {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private final String destination;
    private final List<MessageHeader> headers = new ArrayList<>();
    private Map<String, String> properties = Map.of();
    private Instant timestamp = T0;
    private long offset;
    private String payload;

    private Events(String destination) {
        this.destination = destination;
    }

    static Events in(String destination) {
        return new Events(destination);
    }

    Events at(long millisAfterT0) {
        timestamp = T0.plusMillis(millisAfterT0);
        return this;
    }

    Events offset(long at) {
        offset = at;
        return this;
    }

    Events header(String name, String value) {
        headers.add(new MessageHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    Events header(String name, byte[] value) {
        headers.add(new MessageHeader(name, value));
        return this;
    }

    /** A W3C traceparent of trace {@code traceHex} (padded to 32 digits), span {@code span} (padded to 16). */
    Events traced(String traceHex, int span) {
        return header("traceparent", "00-%32s-%016x-01".formatted(traceHex, span).replace(' ', '0'));
    }

    Events properties(Map<String, String> values) {
        properties = values;
        return this;
    }

    Events payload(String json) {
        payload = json;
        return this;
    }

    BrowsedMessage message() {
        return new BrowsedMessage(destination, 0, offset, timestamp, null,
                payload == null ? null : payload.getBytes(StandardCharsets.UTF_8), headers, false, properties);
    }
}
