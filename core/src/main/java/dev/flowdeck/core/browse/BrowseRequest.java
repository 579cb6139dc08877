package dev.flowdeck.core.browse;

import java.util.Objects;
import java.util.Set;

/**
 * What to read.
 *
 * @param destination the topic (or queue) to read
 * @param start       where to begin in each partition
 * @param partitions  the partitions to read; empty means all
 * @param follow      false: stop at the end offsets seen when the browse began; true: keep tailing until cancelled
 */
public record BrowseRequest(String destination, StartPosition start, Set<Integer> partitions, boolean follow) {

    public BrowseRequest {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(start, "start");
        partitions = Set.copyOf(partitions);
    }

    public static BrowseRequest fromBeginning(String destination) {
        return new BrowseRequest(destination, new StartPosition.Earliest(), Set.of(), false);
    }

    public BrowseRequest onlyPartitions(Set<Integer> chosen) {
        return new BrowseRequest(destination, start, chosen, follow);
    }

    public BrowseRequest following() {
        return new BrowseRequest(destination, start, partitions, true);
    }
}
