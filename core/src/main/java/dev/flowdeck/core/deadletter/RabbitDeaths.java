package dev.flowdeck.core.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.browse.MessageHeader;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * RabbitMQ's {@code x-death} (or AMQP 1.0's {@code x-opt-deaths}) as the RabbitMQ connector hands it over: a JSON
 * array, most recent first, one entry per queue and reason. Times are ISO-8601 text (the connector's form) or epoch
 * seconds (AMQP's timestamp).
 */
final class RabbitDeaths {

    /** One entry of {@code x-death}. Empty fields are those the entry lacked or held in a form not understood. */
    record Death(String queue, String reason, OptionalLong count, Optional<Instant> firstTime,
                 Optional<Instant> lastTime, Optional<String> exchange, List<String> routingKeys) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private RabbitDeaths() {
    }

    static List<Death> read(HeaderReading headers, String name) {
        Optional<MessageHeader> header = headers.message().lastHeader(name);
        if (header.isEmpty() || header.get().value() == null) {
            return List.of();
        }
        JsonNode array;
        try {
            array = JSON.readTree(header.get().value());
        } catch (IOException | RuntimeException notJson) {
            headers.note(name + " is not the JSON list the connector writes; its deaths are unknown");
            return List.of();
        }
        if (array == null || !array.isArray()) {
            headers.note(name + " is not a list; its deaths are unknown");
            return List.of();
        }
        List<Death> deaths = new ArrayList<>();
        for (JsonNode entry : array) {
            if (!entry.isObject()) {
                headers.note("an entry of " + name + " is not a table");
                continue;
            }
            deaths.add(new Death(entry.path("queue").asText(""), entry.path("reason").asText(""),
                    count(entry.path("count")),
                    time(headers, name, entry.has("time") ? entry.get("time") : entry.path("first-time")),
                    time(headers, name, entry.path("last-time")),
                    entry.has("exchange") ? Optional.of(entry.get("exchange").asText("")) : Optional.empty(),
                    routingKeys(entry.path("routing-keys"))));
        }
        return deaths;
    }

    private static OptionalLong count(JsonNode count) {
        if (count.canConvertToLong() && count.asLong() >= 0) {
            return OptionalLong.of(count.asLong());
        }
        if (count.isTextual()) {
            try {
                return OptionalLong.of(Long.parseLong(count.asText().strip()));
            } catch (NumberFormatException notANumber) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    private static Optional<Instant> time(HeaderReading headers, String name, JsonNode time) {
        try {
            if (time.isTextual()) {
                return Optional.of(Instant.parse(time.asText().strip()));
            }
            if (time.canConvertToLong()) {
                return Optional.of(Instant.ofEpochSecond(time.asLong()));
            }
        } catch (DateTimeException notATime) {
            headers.note("a time in " + name + " is not a time: " + time.asText());
        }
        return Optional.empty();
    }

    private static List<String> routingKeys(JsonNode keys) {
        if (keys.isArray()) {
            List<String> list = new ArrayList<>();
            keys.forEach(key -> list.add(key.asText("")));
            return list;
        }
        return keys.isTextual() ? List.of(keys.asText()) : List.of();
    }
}
