package dev.flowdeck.core.browse;

import dev.flowdeck.core.filter.MessageFilter;
import java.util.Objects;
import java.util.Set;

/**
 * What to read.
 *
 * @param destination the topic (or queue) to read
 * @param start       where to begin in each partition
 * @param partitions  the partitions to read; empty means all
 * @param follow      false: stop at the end offsets seen when the browse began; true: keep tailing until cancelled
 * @param limit       the most matching messages to deliver; 0 for no limit (a RabbitMQ queue browse always has one,
 *                    since it holds what it reads: see the connector)
 * @param filter      which messages to deliver; applied where they are read, on the connector's thread
 * @param rangeFirst  true: the browse says its range as soon as it has taken it (on Kafka, once it has its end
 *                    offsets), in an empty first batch with its {@code total}, before it reads; a connector that
 *                    learns its range only by reading says it with its first batch, as always. For a caller that
 *                    waits for a browse's range before it begins the next (the trace index)
 * @param everyValueRead true: whoever takes the messages reads every value (an export, the command line), so a value
 *                    read through a schema gets its JSON made where the scan filters (the filter pool's threads),
 *                    not later on the taker's one thread; false: made when first asked for (decision 0021)
 */
public record BrowseRequest(String destination, StartPosition start, Set<Integer> partitions, boolean follow,
                            long limit, MessageFilter filter, boolean rangeFirst, boolean everyValueRead) {

    public BrowseRequest {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(filter, "filter");
        partitions = Set.copyOf(partitions);
        if (limit < 0) {
            throw new IllegalArgumentException("a browse limit is not negative, was " + limit);
        }
    }

    public BrowseRequest(String destination, StartPosition start, Set<Integer> partitions, boolean follow,
                         long limit, MessageFilter filter) {
        this(destination, start, partitions, follow, limit, filter, false, false);
    }

    public BrowseRequest(String destination, StartPosition start, Set<Integer> partitions, boolean follow) {
        this(destination, start, partitions, follow, 0, MessageFilter.ALL);
    }

    public static BrowseRequest fromBeginning(String destination) {
        return new BrowseRequest(destination, new StartPosition.Earliest(), Set.of(), false);
    }

    public BrowseRequest onlyPartitions(Set<Integer> chosen) {
        return new BrowseRequest(destination, start, chosen, follow, limit, filter, rangeFirst, everyValueRead);
    }

    public BrowseRequest following() {
        return new BrowseRequest(destination, start, partitions, true, limit, filter, rangeFirst, everyValueRead);
    }

    public BrowseRequest limitedTo(long max) {
        return new BrowseRequest(destination, start, partitions, follow, max, filter, rangeFirst, everyValueRead);
    }

    public BrowseRequest filteredBy(MessageFilter only) {
        return new BrowseRequest(destination, start, partitions, follow, limit, only, rangeFirst, everyValueRead);
    }

    /** The same browse, saying its range first (see {@code rangeFirst}). */
    public BrowseRequest sayingRangeFirst() {
        return new BrowseRequest(destination, start, partitions, follow, limit, filter, true, everyValueRead);
    }

    /** The same browse, for a taker that reads every value (see {@code everyValueRead}). */
    public BrowseRequest readingEveryValue() {
        return new BrowseRequest(destination, start, partitions, follow, limit, filter, rangeFirst, true);
    }

    /** Whether every message read is delivered (no filter). */
    public boolean unfiltered() {
        return filter == MessageFilter.ALL;
    }
}
