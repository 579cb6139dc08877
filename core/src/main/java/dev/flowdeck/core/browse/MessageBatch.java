package dev.flowdeck.core.browse;

import java.util.List;

/**
 * What one step of a browse delivers: the messages that passed its filter since the last batch, and how far the
 * browse has come. A batch may carry no message: a scan that reads much and finds little still reports progress.
 *
 * @param messages messages in the order each partition holds them (partitions interleaved)
 * @param scanned  messages read so far in this browse, this batch included, matching or not
 * @param matched  messages that passed the filter so far (all of them delivered)
 * @param total    messages in range when the browse began (end minus start positions), or -1 where that is not
 *                 known (yet: a RabbitMQ stream learns its end as it reads); for a live tail, what had arrived by
 *                 then
 * @param notes    what the operator should know about how the browse reads (a key search narrowed to one
 *                 partition, say); usually empty, and said once: on the first batch, or on the batch where it
 *                 became true (a RabbitMQ queue browse stopping at the most messages it holds)
 */
public record MessageBatch(List<BrowsedMessage> messages, long scanned, long matched, long total,
                           List<String> notes) {

    public MessageBatch {
        messages = List.copyOf(messages);
        notes = List.copyOf(notes);
    }

    public MessageBatch(List<BrowsedMessage> messages, long scanned, long matched, long total) {
        this(messages, scanned, matched, total, List.of());
    }
}
