package dev.flowdeck.core.publish;

import dev.flowdeck.core.browse.MessageHeader;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A message Flowdeck is asked to send (by the produce dialog or a replay).
 *
 * @param destination topic (or exchange)
 * @param partition   a partition to write to; empty lets the broker's partitioner choose by key
 * @param key         raw key bytes or null
 * @param value       raw value bytes or null (a tombstone)
 * @param headers     headers in order
 */
public record OutgoingMessage(
        String destination, OptionalInt partition, byte[] key, byte[] value, List<MessageHeader> headers) {

    public OutgoingMessage {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(partition, "partition");
        headers = List.copyOf(headers);
    }
}
