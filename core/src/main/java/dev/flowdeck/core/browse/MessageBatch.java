package dev.flowdeck.core.browse;

import java.util.List;

/**
 * What one step of a browse delivers: the messages read since the last batch and how far the browse has come.
 *
 * @param messages messages in the order each partition holds them (partitions interleaved)
 * @param scanned  messages read so far in this browse, this batch included
 * @param total    messages in range when the browse began (end minus start positions); for a live tail, what
 *                 had arrived by then
 */
public record MessageBatch(List<BrowsedMessage> messages, long scanned, long total) {

    public MessageBatch {
        messages = List.copyOf(messages);
    }
}
