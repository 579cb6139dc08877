package dev.flowdeck.views.browser;

import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.filter.FilterException;
import dev.flowdeck.core.publish.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A message as the operator composes it in the produce dialog, turned into what the connector sends. On Kafka it
 * goes to the topic (a partition, or the partitioner's choice by key); on RabbitMQ to the queue through the default
 * exchange, the queue's name as routing key.
 *
 * @param kafka     whether the destination is a Kafka topic (else a RabbitMQ queue)
 * @param key       the key as typed (Kafka); ignored on RabbitMQ
 * @param value     the value as typed
 * @param tombstone send no value at all (a Kafka tombstone)
 * @param headers   one header per line, {@code name: value}
 * @param partition a partition number, or blank to let the key decide
 */
public record ProduceForm(boolean kafka, String key, String value, boolean tombstone, String headers,
                          String partition) {

    /** @throws IllegalArgumentException with a sentence when a field cannot be used */
    public OutgoingMessage toMessage(String destination) {
        byte[] body = tombstone ? null : value.getBytes(StandardCharsets.UTF_8);
        List<MessageHeader> parsed = parseHeaders(headers);
        if (!kafka) {
            if (tombstone) {
                throw new FilterException("RabbitMQ has no tombstones: send an empty value instead.", null);
            }
            return new OutgoingMessage("", OptionalInt.empty(), destination.getBytes(StandardCharsets.UTF_8), body,
                    parsed);
        }
        byte[] keyBytes = key.isEmpty() ? null : key.getBytes(StandardCharsets.UTF_8);
        return new OutgoingMessage(destination, partitionNumber(), keyBytes, body, parsed);
    }

    private OptionalInt partitionNumber() {
        String text = partition.strip();
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int number = Integer.parseInt(text);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return OptionalInt.of(number);
        } catch (NumberFormatException e) {
            throw new FilterException("The partition is a number such as 0, or blank to let the key choose; '"
                    + text + "' is not.", e);
        }
    }

    private static List<MessageHeader> parseHeaders(String text) {
        var parsed = new ArrayList<MessageHeader>();
        int lineNumber = 0;
        for (String line : text.split("\\R")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new FilterException("Header line " + lineNumber + " reads 'name: value'; '" + line.strip()
                        + "' has no name before a colon.", null);
            }
            String value = line.substring(colon + 1).strip();
            parsed.add(new MessageHeader(line.substring(0, colon).strip(), value.getBytes(StandardCharsets.UTF_8)));
        }
        return parsed;
    }
}
