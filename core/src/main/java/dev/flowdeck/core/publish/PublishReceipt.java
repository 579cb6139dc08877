package dev.flowdeck.core.publish;

/**
 * The broker's confirmation that a message is stored: where it landed.
 *
 * @param destination topic or queue
 * @param partition   partition it was written to (0 where the broker has none)
 * @param offset      its offset (-1 where the broker assigns none)
 */
public record PublishReceipt(String destination, int partition, long offset) {
}
