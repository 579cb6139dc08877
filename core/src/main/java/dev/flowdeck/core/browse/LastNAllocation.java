package dev.flowdeck.core.browse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits "the last N records" over partitions that hold different amounts: each partition gets an equal share,
 * and what a small partition cannot give goes to the others, so the total is N whenever N records exist.
 */
public final class LastNAllocation {

    private LastNAllocation() {
    }

    /**
     * @param available records each partition holds (end minus start offset)
     * @param count     how many records in all
     * @return how many of its newest records to read from each partition; sums to min(count, total available)
     */
    public static Map<Integer, Long> allocate(Map<Integer, Long> available, long count) {
        Map<Integer, Long> take = new HashMap<>();
        available.keySet().forEach(partition -> take.put(partition, 0L));
        long remaining = count;
        List<Integer> open = available.entrySet().stream()
                .filter(entry -> entry.getValue() > 0).map(Map.Entry::getKey).sorted().toList();
        while (remaining > 0 && !open.isEmpty()) {
            long share = Math.max(1, remaining / open.size());
            for (Integer partition : open) {
                long room = available.get(partition) - take.get(partition);
                long granted = Math.min(Math.min(share, room), remaining);
                take.merge(partition, granted, Long::sum);
                remaining -= granted;
                if (remaining == 0) {
                    break;
                }
            }
            open = open.stream().filter(partition -> take.get(partition) < available.get(partition)).toList();
        }
        return take;
    }
}
